import { forwardedForField, memberOperation, tokenField } from '../../../shared/n8n/memberOperation';
import { optionalPasswordField } from './passwordFields';

export default memberOperation({
	option: { name: 'New Recovery Codes', action: 'Replace the recovery codes', description: 'Check the password, then replace every recovery code with ten new ones, shown this once' },
	needs: 'store', security: ['passwords'], reads: ['token', 'password', 'forwardedFor'],
	fields: (shown) => [
		tokenField(shown),
		optionalPasswordField(shown, 'The current password (members without one leave it empty)'),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.factors.regenerateRecoveryCodes(input),
});
