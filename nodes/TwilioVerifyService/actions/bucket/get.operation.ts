import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/transport';
import { readSid, show, sidField } from '../common';
import { bucketParentFields } from './fields';

const displayOptions = show('bucket', 'get');

export const description: INodeProperties[] = [
	...bucketParentFields(displayOptions),
	sidField('bucketSid', 'Bucket SID', 'BL', displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.getBucket(
		readServiceSid(this, client, itemIndex),
		readSid(this, 'rateLimitSid', itemIndex),
		readSid(this, 'bucketSid', itemIndex),
	);
}
