import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { purgeExpiredRecords, type MemberFlowContext } from '../../../shared/core/members';
import { success } from '../../../shared/n8n/memberOutput';

export const description: INodeProperties[] = [
	{
		displayName: 'Older Than (Hours)',
		name: 'olderThanHours',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 1 },
		description: 'Codes\' challenges and sessions that ended longer ago than this are deleted; members are kept',
		displayOptions: { show: { operation: ['purgeExpired'] } },
	},
];

/** Keeps the store small: run it from a Schedule Trigger, e.g. daily. */
export async function execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject> {
	const olderThanHours = this.getNodeParameter('olderThanHours', itemIndex) as number;
	return success({ deleted: await purgeExpiredRecords(context, { olderThanHours }) });
}
