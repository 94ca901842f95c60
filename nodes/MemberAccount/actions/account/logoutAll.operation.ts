import { memberOperation, tokenField } from '../../../shared/n8n/memberOperation';

/** `ended` is how many sessions were revoked. */
export default memberOperation({
	option: { name: 'Log Out Everywhere', action: 'Log out everywhere', description: 'Revoke every session of the member, this one included' },
	needs: 'store', security: [], reads: ['token'],
	fields: (shown) => [tokenField(shown)],
	execute: async (members, input) => await members.sessions.logoutAll(input),
});
