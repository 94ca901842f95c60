import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';

export const description: INodeProperties[] = [serviceField(showFor(['get'], 'service'))];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.getService(readServiceSid(this, client, itemIndex));
}
