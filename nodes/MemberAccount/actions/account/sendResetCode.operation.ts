import { bodyField, channelField, forwardedForField, memberOperation } from '../../../shared/n8n/memberOperation';

/** Always `{resetId}`: an unknown email gets one that no code completes, and no SMS. */
export default memberOperation({
	option: { name: 'Send Password Reset Code', action: 'Send a password reset code', description: 'Text a code to the phone on file; answers the same for an email that is no member\'s' },
	needs: 'verify', security: ['sends'], reads: ['email', 'channel', 'forwardedFor'],
	fields: (shown) => [bodyField('email', 'Email', shown, { placeholder: 'name@email.com' }), channelField(shown), forwardedForField(shown)],
	execute: async (members, input) => await members.account.sendPasswordResetCode(input),
});
