import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalField, bodyField, type Members, phoneFields, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = { name: 'Complete OTP Login', action: 'Complete a one time code login', description: 'Check the code; creates the member on their first login' };

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['codes', 'passwords'] as const;

const shown = showFor(['completeOtp']);

export const description: INodeProperties[] = [
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
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const options = {
		mailDomain: this.getNodeParameter('mailDomain', itemIndex),
		approval: this.getNodeParameter('approval', itemIndex, 'auto'),
		allowPasswordMembers: this.getNodeParameter('allowPasswordMembers', itemIndex, false),
	};
	const result = await members.passwordless.complete(readRequest(this, itemIndex, ['phone', 'country', 'code']), options);
	return success(result, 'pendingApproval' in result ? 202 : 200);
}
