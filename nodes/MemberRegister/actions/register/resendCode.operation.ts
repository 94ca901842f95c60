import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, channelField, forwardedForField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = { name: 'Resend Code', action: 'Resend the registration code', description: 'Send the code again, optionally by voice call' };

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['sends'] as const;

const shown = showFor(['resendCode']);

export const description: INodeProperties[] = [
	bodyField('registrationId', 'Registration ID', shown, { description: 'Returned by Send Registration Code' }),
	{ ...channelField(shown), default: '={{ $json.body.channel ?? "" }}', description: 'Empty keeps the channel used before; "call" switches to a voice call' },
	forwardedForField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.registration.resendCode(readRequest(this, itemIndex, ['registrationId', 'channel', 'forwardedFor'])));
}
