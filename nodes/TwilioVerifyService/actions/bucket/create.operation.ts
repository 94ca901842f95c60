import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { bucketLimitFields, bucketParentFields } from './fields';

const displayOptions = showFor(['create'], 'bucket');

export const description: INodeProperties[] = [...bucketParentFields(displayOptions), ...bucketLimitFields(displayOptions, true)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.createBucket(readServiceSid(this, client, itemIndex), readSid(this, 'rateLimitSid', itemIndex), {
		max: this.getNodeParameter('max', itemIndex) as number,
		interval: this.getNodeParameter('interval', itemIndex) as number,
	});
}
