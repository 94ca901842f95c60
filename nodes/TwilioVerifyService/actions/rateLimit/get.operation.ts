import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { sidField } from '../common';

const displayOptions = showFor(['get'], 'rateLimit');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	sidField('rateLimitSid', 'Rate Limit SID', 'RK', displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.getRateLimit(readServiceSid(this, client, itemIndex), readSid(this, 'rateLimitSid', itemIndex));
}
