import { bodyField, channelField, forwardedForField, memberOperation, optionalBodyField, passwordField } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Send Login Code', action: 'Send a login code', description: 'Check email and password, then text a code to the phone on file (or ask for an authenticator-app code, or log in a trusted device at once)' },
	needs: 'verify', security: ['passwords', 'sends'], reads: ['email', 'password', 'channel', 'forwardedFor', 'deviceToken'],
	fields: (shown) => [
		bodyField('email', 'Email', shown, { placeholder: 'name@email.com' }),
		passwordField(shown),
		{
			...channelField(shown),
			default: '={{ $json.body.channel ?? "" }}',
			description: 'How the code is sent: sms, call or whatsapp. Empty: SMS, or no SMS at all for a member with an authenticator app.',
		},
		optionalBodyField('deviceToken', 'Device Token', shown, 'From an earlier login with "remember this device": a live one of this member skips the second step and answers with a session', { typeOptions: { password: true } }),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.login.sendCode(input),
});
