import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { bodyField, forwardedForField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';
import { tokenField } from '../../../shared/n8n/tokenField';
import { newPasswordField } from './passwordFields';

export const option = {
	name: 'Change Password',
	action: 'Change a password',
	description: 'Check the current password, set a new one and end the member\'s other sessions',
};

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = ['passwords', 'newPasswords'] as const;

const shown = showFor(['changePassword']);

export const description: INodeProperties[] = [
	tokenField('changePassword'),
	bodyField('currentPassword', 'Current Password', shown, { typeOptions: { password: true } }),
	newPasswordField('changePassword'),
	forwardedForField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const input = readRequest(this, itemIndex, ['token', 'currentPassword', 'newPassword', 'forwardedFor']);
	return success(await members.account.changePassword(input));
}
