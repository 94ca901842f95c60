import { channelField, forwardedForField, memberOperation, phoneFields } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Send OTP', action: 'Send a one time code', description: 'Passwordless: text a code to a phone' },
	needs: 'verify', security: ['sends'], reads: ['phone', 'country', 'channel', 'forwardedFor'],
	fields: (shown) => [...phoneFields(shown), channelField(shown), forwardedForField(shown)],
	execute: async (members, input) => await members.passwordless.sendCode(input),
});
