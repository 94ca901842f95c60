import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { deleted } from '../common';

export const description: INodeProperties[] = [serviceField(showFor(['delete'], 'service'))];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	await client.deleteService(serviceSid);
	return deleted(serviceSid);
}
