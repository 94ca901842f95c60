import { memberOperation, tokenField } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Log Out', action: 'Log out', description: 'Revoke a session token' },
	needs: 'store', security: [], reads: ['token'],
	fields: (shown) => [tokenField(shown)],
	execute: async (members, input) => await members.sessions.logout(input),
});
