import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, forwardedForField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';
import { optionalPasswordField } from './passwordFields';

export const option = {
	name: 'Delete Account',
	action: 'Delete an account',
	description: 'Check the password (or a phone code), then remove the member, their sessions and codes',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['passwords', 'codes'] as const;

const shown = showFor(['deleteAccount']);

export const description: INodeProperties[] = [
	tokenField('deleteAccount'),
	optionalPasswordField('deleteAccount', 'The current password, for members who have one'),
	bodyField('code', 'Code', shown, {
		required: false,
		default: '={{ $json.body.code ?? "" }}',
		description: 'For members who log in with a phone code only: the code sent to their phone by Member Login → Send OTP',
	}),
	forwardedForField(shown),
];

/** The email and phone can register again afterwards. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	return success(await members.account.delete(readRequest(this, itemIndex, ['token', 'password', 'code', 'forwardedFor'])));
}
