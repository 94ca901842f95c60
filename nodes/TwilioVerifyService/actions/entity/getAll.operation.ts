import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { limitFields, readLimit } from '../common';

const displayOptions = showFor(['getAll'], 'entity');

export const description: INodeProperties[] = [serviceField(displayOptions), ...limitFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.factors.listEntities(readServiceSid(this, client, itemIndex), readLimit(this, itemIndex));
}
