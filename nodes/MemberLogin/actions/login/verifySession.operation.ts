import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { verifySession, type MemberFlowContext } from '../../../shared/core/members';
import { success } from '../../../shared/n8n/memberOutput';
import { tokenField } from './tokenField';

export const description: INodeProperties[] = [tokenField('verifySession')];

/** Checks signature, expiry, revocation and that the member may still log in. */
export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	return success(await verifySession(context, { token: this.getNodeParameter('token', itemIndex) as string }));
}
