import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, forwardedForField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { newPasswordField } from './passwordFields';

export const option = {
	name: 'Reset Password',
	action: 'Reset a password',
	description: 'Check the code, set the new password and end every session of the member',
};

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['codes', 'newPasswords'] as const;

const shown = showFor(['resetPassword']);

export const description: INodeProperties[] = [
	bodyField('resetId', 'Reset ID', shown, { description: 'Returned by Send Password Reset Code' }),
	bodyField('code', 'Code', shown, { description: 'The code the member received' }),
	newPasswordField('resetPassword'),
	forwardedForField(shown),
];

/** No session is returned: the member logs in with the new password. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const input = readRequest(this, itemIndex, ['resetId', 'code', 'newPassword', 'forwardedFor']);
	return success(await members.account.resetPassword(input));
}
