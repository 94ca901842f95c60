import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { channelField, forwardedForField, type Members, phoneFields, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';
import { optionalPasswordField } from './passwordFields';

export const option = {
	name: 'Send Phone Change Code',
	action: 'Send a phone change code',
	description: 'Check the password, then text a code to the new phone',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['passwords', 'sends'] as const;

const shown = showFor(['sendPhoneCode']);

export const description: INodeProperties[] = [
	tokenField('sendPhoneCode'),
	optionalPasswordField('sendPhoneCode', 'The current password; members who log in with a phone code only have none'),
	...phoneFields(shown),
	channelField(shown),
	forwardedForField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const input = readRequest(this, itemIndex, ['token', 'password', 'phone', 'country', 'channel', 'forwardedFor']);
	return success(await members.account.sendPhoneChangeCode(input));
}
