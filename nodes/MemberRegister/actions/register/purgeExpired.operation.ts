import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Members, showFor, success } from '../../../shared/n8n/memberOperation';

export const option = { name: 'Delete Expired Data', action: 'Delete expired data', description: 'Remove ended codes\' challenges, sessions and idle rate-limit counters' };

export const needs = 'store';

/** The Security options that apply to this operation. */
export const security = [] as const;

export const description: INodeProperties[] = [
	{
		displayName: 'Older Than (Hours)',
		name: 'olderThanHours',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 1 },
		description: 'Codes\' challenges and sessions that ended longer ago than this are deleted; members are kept',
		displayOptions: showFor(['purgeExpired']),
	},
];

/** Keeps the store small: run it from a Schedule Trigger, e.g. daily. */
export async function execute(this: IExecuteFunctions, members: Members, itemIndex: number): Promise<IDataObject> {
	const olderThanHours = this.getNodeParameter('olderThanHours', itemIndex);
	return success({ deleted: await members.admin.purgeExpired({ olderThanHours }) });
}
