import { bodyField, forwardedForField, memberOperation } from '../../../shared/n8n/memberOperation';
import { newPasswordField } from './passwordFields';

/** No session is returned: the member logs in with the new password. */
export default memberOperation({
	option: { name: 'Reset Password', action: 'Reset a password', description: 'Check the code, set the new password and end every session of the member' },
	needs: 'verify', security: ['codes', 'newPasswords'], reads: ['resetId', 'code', 'newPassword', 'forwardedFor'],
	fields: (shown) => [
		bodyField('resetId', 'Reset ID', shown, { description: 'Returned by Send Password Reset Code' }),
		bodyField('code', 'Code', shown, { description: 'The code the member received' }),
		newPasswordField(shown),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.account.resetPassword(input),
});
