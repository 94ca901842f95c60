import { bodyField, memberOperation, tokenField } from '../../../shared/n8n/memberOperation';

export default memberOperation({
	option: { name: 'Change Phone', action: 'Change a phone number', description: 'Check the code sent to the new phone, switch to it and end the member\'s other sessions' },
	needs: 'verify', security: ['codes'], reads: ['token', 'changeId', 'code'],
	fields: (shown) => [
		tokenField(shown),
		bodyField('changeId', 'Change ID', shown, { description: 'Returned by Send Phone Change Code' }),
		bodyField('code', 'Code', shown, { description: 'The code the new phone received' }),
	],
	execute: async (members, input) => await members.account.changePhone(input),
});
