import { bodyField, channelField, forwardedForField, memberOperation, passwordField, phoneFields } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Send Registration Code', action: 'Send a registration code', description: 'Check email, password and phone, then text a code to the phone' },
	needs: 'verify', security: ['sends', 'newPasswords'], reads: ['email', 'password', 'phone', 'country', 'channel', 'forwardedFor'],
	fields: (shown) => [
		bodyField('email', 'Email', shown, { placeholder: 'name@email.com' }),
		passwordField(shown),
		...phoneFields(shown),
		channelField(shown),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.registration.sendCode(input),
});
