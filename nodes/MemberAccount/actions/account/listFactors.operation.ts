import { memberOperation, tokenField } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'List Second Factors', action: 'List the second factors', description: 'The member\'s authenticator apps and how many recovery codes are left' },
	needs: 'store', security: [], reads: ['token'],
	fields: (shown) => [tokenField(shown)],
	execute: async (members, input) => await members.factors.list(input),
});
