import type { INodeProperties } from 'n8n-workflow';

import { bodyField, showFor } from '../../../shared/n8n/memberOperation';

/** The new password of Reset Password and Change Password, checked against the password policy. */
export function newPasswordField(operation: string): INodeProperties {
	return bodyField('newPassword', 'New Password', showFor([operation]), {
		typeOptions: { password: true },
		description: 'Checked like a password at registration (length, not a common password)',
	});
}

/** A password only some members have (phone-only members have none), so it may be empty. */
export function optionalPasswordField(operation: string, description: string): INodeProperties {
	return bodyField('password', 'Password', showFor([operation]), {
		required: false,
		default: '={{ $json.body.password ?? "" }}',
		typeOptions: { password: true },
		description,
	});
}
