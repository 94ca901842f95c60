import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { limitFields, readLimit, readServiceSid, serviceField, show } from '../common';

const displayOptions = show('rateLimit', 'getAll');

export const description: INodeProperties[] = [serviceField(displayOptions), ...limitFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.listRateLimits(readServiceSid(this, client, itemIndex), readLimit(this, itemIndex));
}
