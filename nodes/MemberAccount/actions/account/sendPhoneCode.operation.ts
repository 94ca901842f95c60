import { channelField, forwardedForField, memberOperation, phoneFields, tokenField } from '../../../shared/n8n/memberOperation';
import { optionalPasswordField } from './passwordFields';

export default memberOperation({
	option: { name: 'Send Phone Change Code', action: 'Send a phone change code', description: 'Check the password, then text a code to the new phone' },
	needs: 'verify', security: ['passwords', 'sends'], reads: ['token', 'password', 'phone', 'country', 'channel', 'forwardedFor'],
	fields: (shown) => [
		tokenField(shown),
		optionalPasswordField(shown, 'The current password; members who log in with a phone code only have none'),
		...phoneFields(shown),
		channelField(shown),
		forwardedForField(shown),
	],
	execute: async (members, input) => await members.account.sendPhoneChangeCode(input),
});
