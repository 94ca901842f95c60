import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { deleted, sidField } from '../common';

const displayOptions = showFor(['delete'], 'webhook');

export const description: INodeProperties[] = [serviceField(displayOptions), sidField('webhookSid', 'Webhook SID', 'YW', displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const webhookSid = readSid(this, 'webhookSid', itemIndex);
	await client.management.deleteWebhook(readServiceSid(this, client, itemIndex), webhookSid);
	return deleted(webhookSid);
}
