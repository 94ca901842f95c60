import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { limitFields, readLimit } from '../common';
import { bucketParentFields } from './fields';

const displayOptions = showFor(['getAll'], 'bucket');

export const description: INodeProperties[] = [...bucketParentFields(displayOptions), ...limitFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.listBuckets(
		readServiceSid(this, client, itemIndex),
		readSid(this, 'rateLimitSid', itemIndex),
		readLimit(this, itemIndex),
	);
}
