import { forwardedForField, memberOperation, optionalBodyField, tokenField } from '../../../shared/n8n/memberOperation';
import { optionalPasswordField } from './passwordFields';

/** The email and phone can register again afterwards. */
export default memberOperation({
	option: { name: 'Delete Account', action: 'Delete an account', description: 'Check the password (or a phone code), then remove the member, their sessions and codes' },
	needs: 'verify', security: ['passwords', 'codes'], reads: ['token', 'password', 'code', 'forwardedFor'],
	fields: (shown) => [
		tokenField(shown),
		optionalPasswordField(shown, 'The current password, for members who have one'),
		optionalBodyField('code', 'Code', shown, 'For members who log in with a phone code only: the code sent to their phone by Member Login → Send OTP'),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.account.delete(input),
});
