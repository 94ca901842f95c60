import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { deleted, sidField } from '../common';

const displayOptions = showFor(['delete'], 'rateLimit');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	sidField('rateLimitSid', 'Rate Limit SID', 'RK', displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const rateLimitSid = readSid(this, 'rateLimitSid', itemIndex);
	await client.deleteRateLimit(readServiceSid(this, client, itemIndex), rateLimitSid);
	return deleted(rateLimitSid);
}
