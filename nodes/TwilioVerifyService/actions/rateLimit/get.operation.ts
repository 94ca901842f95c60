import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/transport';
import { readSid, serviceField, show, sidField } from '../common';

const displayOptions = show('rateLimit', 'get');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	sidField('rateLimitSid', 'Rate Limit SID', 'RK', displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.getRateLimit(readServiceSid(this, client, itemIndex), readSid(this, 'rateLimitSid', itemIndex));
}
