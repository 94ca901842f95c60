import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { toWebhookFields, webhookCreateFields } from './fields';

const displayOptions = showFor(['create'], 'webhook');

export const description: INodeProperties[] = [serviceField(displayOptions), ...webhookCreateFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	const additional = toWebhookFields(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject);
	return await client.management.createWebhook(serviceSid, {
		...additional,
		friendlyName: String(this.getNodeParameter('friendlyName', itemIndex)).trim(),
		webhookUrl: String(this.getNodeParameter('webhookUrl', itemIndex)).trim(),
		eventTypes: (this.getNodeParameter('eventTypes', itemIndex, []) as string[]).map(String),
	});
}
