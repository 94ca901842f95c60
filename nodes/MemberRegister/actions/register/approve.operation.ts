import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { approveMember, type MemberFlowContext } from '../../../shared/core/members';
import { success } from '../../../shared/n8n/memberOutput';
import { memberSelectorFields, readMemberSelector } from './memberSelector';

export const description: INodeProperties[] = memberSelectorFields('approve');

export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	return success({ member: await approveMember(context, readMemberSelector(this, itemIndex)) });
}
