import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { completeRegistration, type ApprovalMode, type MemberFlowContext } from '../../../shared/core/members';
import { approvalField, bodyField } from '../../../shared/n8n/memberProperties';
import { success } from '../../../shared/n8n/memberOutput';

const show = { operation: ['complete'] };

export const description: INodeProperties[] = [
	bodyField('registrationId', 'Registration ID', show, { description: 'Returned by Send Registration Code' }),
	bodyField('code', 'Code', show, { description: 'The code the person received' }),
	approvalField(show),
];

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	const result = await completeRegistration(
		context,
		{
			registrationId: this.getNodeParameter('registrationId', itemIndex) as string,
			code: this.getNodeParameter('code', itemIndex) as string,
		},
		{ approval: this.getNodeParameter('approval', itemIndex, 'auto') as ApprovalMode },
	);
	// 201: the member exists and is logged in; 202: accepted, waiting for approval.
	return success(result, 'pendingApproval' in result ? 202 : 201);
}
