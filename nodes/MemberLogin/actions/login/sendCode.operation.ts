import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, channelField, forwardedForField, type Members, passwordField, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = {
	name: 'Send Login Code',
	action: 'Send a login code',
	description: 'Check email and password, then text a code to the phone on file (or ask for an authenticator-app code, or log in a trusted device at once)',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['passwords', 'sends'] as const;


const shown = showFor(['sendCode']);

export const description: INodeProperties[] = [
	bodyField('email', 'Email', shown, { placeholder: 'name@email.com' }),
	passwordField(shown),
	{
		...channelField(shown),
		default: '={{ $json.body.channel ?? "" }}',
		description: 'How the code is sent: sms, call or whatsapp. Empty: SMS, or no SMS at all for a member with an authenticator app.',
	},
	bodyField('deviceToken', 'Device Token', shown, {
		required: false,
		default: '={{ $json.body.deviceToken ?? "" }}',
		typeOptions: { password: true },
		description: 'From an earlier login with "remember this device": a live one of this member skips the second step and answers with a session',
	}),
	forwardedForField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.login.sendCode(readRequest(this, itemIndex, ['email', 'password', 'channel', 'forwardedFor', 'deviceToken'])));
}
