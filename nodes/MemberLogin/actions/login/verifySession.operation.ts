import { memberOperation, tokenField } from '../../../shared/n8n/memberOperation';

/** Checks signature, expiry, revocation and that the member may still log in. */
export default memberOperation({
	option: { name: 'Verify Session', action: 'Verify a session token', description: 'Return the member a session token belongs to' },
	needs: 'store', security: [], reads: ['token'],
	fields: (shown) => [tokenField(shown)],
	execute: async (members, input) => await members.sessions.verify(input),
});
