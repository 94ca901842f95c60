import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid } from '../../../shared/n8n/transport';
import { deleted, serviceField, show } from '../common';

export const description: INodeProperties[] = [serviceField(show('service', 'delete'))];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	await client.deleteService(serviceSid);
	return deleted(serviceSid);
}
