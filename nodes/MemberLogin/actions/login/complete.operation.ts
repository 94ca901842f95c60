import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = {
	name: 'Complete Login',
	action: 'Complete a login',
	description: 'Check the code (from the phone or an authenticator app) or a recovery code, and return a session token',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['codes', 'devices'] as const;

const shown = showFor(['complete']);

export const description: INodeProperties[] = [
	bodyField('loginId', 'Login ID', shown, { description: 'Returned by Send Login Code' }),
	bodyField('code', 'Code', shown, {
		required: false,
		default: '={{ $json.body.code ?? "" }}',
		description: 'The code the member received by SMS or call, or that their authenticator app shows',
	}),
	bodyField('factor', 'Factor', shown, {
		required: false,
		default: '={{ $json.body.factor ?? "" }}',
		description: 'Where the code comes from: totp (authenticator app) or sms. Empty: the app when no code was sent to the phone.',
	}),
	bodyField('recoveryCode', 'Recovery Code', shown, {
		required: false,
		default: '={{ $json.body.recoveryCode ?? "" }}',
		typeOptions: { password: true },
		description: 'One of the member\'s recovery codes, instead of a code; each works once',
	}),
	bodyField('rememberDevice', 'Remember Device', shown, {
		required: false,
		default: '={{ $json.body.rememberDevice ?? false }}',
		description: 'True: also return a device token that skips the second step at this member\'s next password login (Security → Remember Device Days)',
	}),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.login.complete(readRequest(this, itemIndex, ['loginId', 'code', 'factor', 'recoveryCode', 'rememberDevice'])));
}
