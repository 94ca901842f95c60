import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approvalField, bodyField, type Members, readRequest, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = { name: 'Complete Registration', action: 'Complete a registration', description: 'Check the code and create the member' };

export const needs = 'verify';

/** The Security options that apply to this operation. */
export const security = ['codes'] as const;

const shown = showFor(['complete']);

export const description: INodeProperties[] = [
	bodyField('registrationId', 'Registration ID', shown, { description: 'Returned by Send Registration Code' }),
	bodyField('code', 'Code', shown, { description: 'The code the person received' }),
	approvalField(shown),
];

export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const approval = this.getNodeParameter('approval', itemIndex, 'auto');
	const result = await members.registration.complete(readRequest(this, itemIndex, ['registrationId', 'code']), { approval });
	// 201: the member exists and is logged in; 202: accepted, waiting for approval.
	return success(result, 'pendingApproval' in result ? 202 : 201);
}
