import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { logout, type MemberFlowContext } from '../../../shared/core/members';
import { success } from '../../../shared/n8n/memberOutput';
import { tokenField } from './tokenField';

export const description: INodeProperties[] = [tokenField('logout')];

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	return success(await logout(context, { token: this.getNodeParameter('token', itemIndex) as string }));
}
