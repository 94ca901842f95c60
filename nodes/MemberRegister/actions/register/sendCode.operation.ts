import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, channelField, forwardedForField, type Members, passwordField, phoneFields, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = { name: 'Send Registration Code', action: 'Send a registration code', description: 'Check email, password and phone, then text a code to the phone' };

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['sends', 'newPasswords'] as const;

const shown = showFor(['sendCode']);

export const description: INodeProperties[] = [
	bodyField('email', 'Email', shown, { placeholder: 'name@email.com' }),
	passwordField(shown),
	...phoneFields(shown),
	channelField(shown),
	forwardedForField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const input = readRequest(this, itemIndex, ['email', 'password', 'phone', 'country', 'channel', 'forwardedFor']);
	return success(await members.registration.sendCode(input));
}
