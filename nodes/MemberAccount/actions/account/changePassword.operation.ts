import { bodyField, forwardedForField, memberOperation, tokenField } from '../../../shared/n8n/memberOperation';
import { newPasswordField } from './passwordFields';

export default memberOperation({
	option: { name: 'Change Password', action: 'Change a password', description: 'Check the current password, set a new one and end the member\'s other sessions' },
	needs: 'store', security: ['passwords', 'newPasswords'], reads: ['token', 'currentPassword', 'newPassword', 'forwardedFor'],
	fields: (shown) => [
		tokenField(shown),
		bodyField('currentPassword', 'Current Password', shown, { typeOptions: { password: true } }),
		newPasswordField(shown),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.account.changePassword(input),
});
