import { memberOperation, tokenField } from '../../../shared/n8n/memberOperation';

/** 201: a factor was created, unconfirmed until Confirm Authenticator App. */
export default memberOperation({
	option: { name: 'Set Up Authenticator App', action: 'Set up an authenticator app', description: 'Start an authenticator app (TOTP through Twilio Verify): returns its otpauth:// link and a QR code' },
	needs: 'verify', security: [], reads: ['token'],
	fields: (shown) => [
		{
			displayName:
				'The answer holds the app\'s secret (inside the otpauth:// link and the QR code) for the member to scan once. Keep this workflow\'s execution data off, like the samples do.',
			name: 'enrollTotpNotice',
			type: 'notice',
			default: '',
			displayOptions: shown,
		},
		tokenField(shown),
	],
	status: 201,
	execute: async (members, input) => await members.factors.enrollTotp(input),
});
