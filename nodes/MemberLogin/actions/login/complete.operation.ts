import { bodyField, memberOperation, optionalBodyField } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Complete Login', action: 'Complete a login', description: 'Check the code (from the phone or an authenticator app) or a recovery code, and return a session token' },
	needs: 'verify', security: ['codes', 'devices'], reads: ['loginId', 'code', 'factor', 'recoveryCode', 'rememberDevice'],
	fields: (shown) => [
		bodyField('loginId', 'Login ID', shown, { description: 'Returned by Send Login Code' }),
		optionalBodyField('code', 'Code', shown, 'The code the member received by SMS or call, or that their authenticator app shows'),
		optionalBodyField('factor', 'Factor', shown, 'Where the code comes from: totp (authenticator app) or sms. Empty: the app when no code was sent to the phone.'),
		optionalBodyField('recoveryCode', 'Recovery Code', shown, 'One of the member\'s recovery codes, instead of a code; each works once', { typeOptions: { password: true } }),
		optionalBodyField(
			'rememberDevice',
			'Remember Device',
			shown,
			'True: also return a device token that skips the second step at this member\'s next password login (Security → Remember Device Days)',
			{ default: '={{ $json.body.rememberDevice ?? false }}' },
		),
	],
	execute: async (members, input) => await members.login.complete(input),
});
