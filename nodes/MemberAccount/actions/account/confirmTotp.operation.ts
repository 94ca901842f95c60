import { bodyField, memberOperation, tokenField } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Confirm Authenticator App', action: 'Confirm an authenticator app', description: 'Check the app\'s first code; returns ten recovery codes, shown this once' },
	needs: 'verify', security: ['codes'], reads: ['token', 'factorId', 'code'],
	fields: (shown) => [
		tokenField(shown),
		bodyField('factorId', 'Factor ID', shown, { description: 'Returned by Set Up Authenticator App' }),
		bodyField('code', 'Code', shown, { description: 'The code the app shows now' }),
	],
	execute: async (members, input) => await members.factors.confirmTotp(input),
});
