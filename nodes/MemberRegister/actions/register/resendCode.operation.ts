import { bodyField, channelField, forwardedForField, memberOperation } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Resend Code', action: 'Resend the registration code', description: 'Send the code again, optionally by voice call' },
	needs: 'verify', security: ['sends'], reads: ['registrationId', 'channel', 'forwardedFor'],
	fields: (shown) => [
		bodyField('registrationId', 'Registration ID', shown, { description: 'Returned by Send Registration Code' }),
		{ ...channelField(shown), default: '={{ $json.body.channel ?? "" }}', description: 'Empty keeps the channel used before; "call" switches to a voice call' },
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.registration.resendCode(input),
});
