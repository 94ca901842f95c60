import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { channelField, forwardedForField, type Members, phoneFields, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = { name: 'Send OTP', action: 'Send a one time code', description: 'Passwordless: text a code to a phone' };

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['sends'] as const;

const shown = showFor(['sendOtp']);

export const description: INodeProperties[] = [
	...phoneFields(shown),
	channelField(shown),
	forwardedForField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.passwordless.sendCode(readRequest(this, itemIndex, ['phone', 'country', 'channel', 'forwardedFor'])));
}
