import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/transport';
import { limitFields, readLimit, serviceField, show } from '../common';

const displayOptions = show('rateLimit', 'getAll');

export const description: INodeProperties[] = [serviceField(displayOptions), ...limitFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.listRateLimits(readServiceSid(this, client, itemIndex), readLimit(this, itemIndex));
}
