import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { completeOtpLogin, type ApprovalMode, type MemberFlowContext } from '../../../shared/core/members';
import { approvalField, bodyField, phoneFields } from '../../../shared/n8n/memberProperties';
import { optionalText, success } from '../../../shared/n8n/memberOutput';

const show = { operation: ['completeOtp'] };

export const description: INodeProperties[] = [
	...phoneFields(show),
	bodyField('code', 'Code', show, { description: 'The code the person received' }),
	{
		displayName: 'Mail Domain',
		name: 'mailDomain',
		type: 'string',
		default: 'members.example.com',
		required: true,
		description: 'Members created on their first phone login get the address &lt;phone digits&gt;@&lt;this domain&gt;',
		displayOptions: { show },
	},
	approvalField(show),
];

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	const result = await completeOtpLogin(
		context,
		{
			phone: this.getNodeParameter('phone', itemIndex) as string,
			country: optionalText(this.getNodeParameter('country', itemIndex, '')),
			code: this.getNodeParameter('code', itemIndex) as string,
		},
		{
			mailDomain: this.getNodeParameter('mailDomain', itemIndex) as string,
			approval: this.getNodeParameter('approval', itemIndex, 'auto') as ApprovalMode,
		},
	);
	return success(result, 'pendingApproval' in result ? 202 : 200);
}
