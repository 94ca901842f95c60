import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { completeLogin, type MemberFlowContext } from '../../../shared/core/members';
import { bodyField } from '../../../shared/n8n/memberProperties';
import { success } from '../../../shared/n8n/memberOutput';

const show = { operation: ['complete'] };

export const description: INodeProperties[] = [
	bodyField('loginId', 'Login ID', show, { description: 'Returned by Send Login Code' }),
	bodyField('code', 'Code', show, { description: 'The code the member received' }),
];

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	return success(
		await completeLogin(context, {
			loginId: this.getNodeParameter('loginId', itemIndex) as string,
			code: this.getNodeParameter('code', itemIndex) as string,
		}),
	);
}
