import { approvalField, bodyField, memberOperation, phoneFields } from '../../../shared/n8n/memberOperation';

/** 200: logged in; 202: a new member waiting for approval. */
export default memberOperation({
	option: { name: 'Complete OTP Login', action: 'Complete a one time code login', description: 'Check the code; creates the member on their first login' },
	needs: 'verify', security: ['codes', 'passwords'], reads: ['phone', 'country', 'code'],
	fields: (shown) => [
		...phoneFields(shown),
		bodyField('code', 'Code', shown, { description: 'The code the person received' }),
		{
			displayName: 'Mail Domain',
			name: 'mailDomain',
			type: 'string',
			default: 'members.example.com',
			required: true,
			description: 'Members created on their first phone login get the address &lt;phone digits&gt;@&lt;this domain&gt;',
			displayOptions: shown,
		},
		approvalField(shown),
		{
			displayName: 'Allow Passwordless Login for Members With a Password',
			name: 'allowPasswordMembers',
			type: 'boolean',
			default: false,
			description:
				'Whether members who registered with a password may log in with a phone code alone. Off, they get PASSWORD_REQUIRED and log in with email, password and a code: a phone code alone would skip the password factor.',
			displayOptions: shown,
		},
	],
	status: (result) => ('pendingApproval' in result ? 202 : 200),
	execute: async (members, input, parameter) =>
		await members.passwordless.complete(input, {
			mailDomain: parameter('mailDomain'),
			approval: parameter('approval', 'auto'),
			allowPasswordMembers: parameter('allowPasswordMembers', false),
		}),
});
