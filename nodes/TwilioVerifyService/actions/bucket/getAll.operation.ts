import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/transport';
import { limitFields, readLimit, readSid, show } from '../common';
import { bucketParentFields } from './fields';

const displayOptions = show('bucket', 'getAll');

export const description: INodeProperties[] = [...bucketParentFields(displayOptions), ...limitFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.listBuckets(
		readServiceSid(this, client, itemIndex),
		readSid(this, 'rateLimitSid', itemIndex),
		readLimit(this, itemIndex),
	);
}
