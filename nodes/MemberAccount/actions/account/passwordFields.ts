import type { INodeProperties } from 'n8n-workflow';

import { bodyField, optionalBodyField, type Shown } from '../../../shared/n8n/memberOperation';

/** The new password of Reset Password and Change Password, checked against the password policy. */
export function newPasswordField(shown: Shown): INodeProperties {
	return bodyField('newPassword', 'New Password', shown, {
		typeOptions: { password: true },
		description: 'Checked like a password at registration (length, not a common password)',
	});
}

/** A password only some members have (phone-only members have none), so it may be empty. */
export function optionalPasswordField(shown: Shown, description: string): INodeProperties {
	return optionalBodyField('password', 'Password', shown, description, { typeOptions: { password: true } });
}
