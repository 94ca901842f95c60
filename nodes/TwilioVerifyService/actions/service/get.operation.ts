import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/transport';
import { serviceField, show } from '../common';

export const description: INodeProperties[] = [serviceField(show('service', 'get'))];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.getService(readServiceSid(this, client, itemIndex));
}
