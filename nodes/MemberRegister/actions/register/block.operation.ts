import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { blockMember, type MemberFlowContext } from '../../../shared/core/members';
import { success } from '../../../shared/n8n/memberOutput';
import { memberSelectorFields, readMemberSelector } from './memberSelector';

export const description: INodeProperties[] = memberSelectorFields('block');

/** Blocking also revokes the member's sessions. */
export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	return success({ member: await blockMember(context, readMemberSelector(this, itemIndex)) });
}
