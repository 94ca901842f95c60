import { bodyField, forwardedForField, memberOperation, optionalBodyField, tokenField } from '../../../shared/n8n/memberOperation';
import { optionalPasswordField } from './passwordFields';

export default memberOperation({
	option: { name: 'Remove Authenticator App', action: 'Remove an authenticator app', description: 'Check the password, then remove the app; trusted devices end, and recovery codes with the last app' },
	needs: 'verify', security: ['passwords', 'codes'], reads: ['token', 'factorId', 'password', 'code', 'forwardedFor'],
	fields: (shown) => [
		tokenField(shown),
		bodyField('factorId', 'Factor ID', shown),
		optionalPasswordField(shown, 'The current password; members without one (phone-only) give a code from the app instead'),
		optionalBodyField('code', 'App Code', shown, 'Only for members without a password: a code from the app being removed'),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.factors.remove(input),
});
