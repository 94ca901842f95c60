import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/transport';
import { readSid, show, sidField } from '../common';
import { bucketLimitFields, bucketParentFields } from './fields';

const displayOptions = show('bucket', 'update');

export const description: INodeProperties[] = [
	...bucketParentFields(displayOptions),
	sidField('bucketSid', 'Bucket SID', 'BL', displayOptions),
	...bucketLimitFields(displayOptions, true),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.updateBucket(
		readServiceSid(this, client, itemIndex),
		readSid(this, 'rateLimitSid', itemIndex),
		readSid(this, 'bucketSid', itemIndex),
		{ max: this.getNodeParameter('max', itemIndex) as number, interval: this.getNodeParameter('interval', itemIndex) as number },
	);
}
