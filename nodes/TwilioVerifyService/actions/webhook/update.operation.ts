import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { readUpdateFields, sidField } from '../common';
import { toWebhookFields, webhookUpdateFields } from './fields';

const displayOptions = showFor(['update'], 'webhook');

export const description: INodeProperties[] = [
	serviceField(displayOptions),
	sidField('webhookSid', 'Webhook SID', 'YW', displayOptions),
	webhookUpdateFields(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	const fields = readUpdateFields(this, itemIndex, toWebhookFields);
	return await client.management.updateWebhook(serviceSid, readSid(this, 'webhookSid', itemIndex), fields);
}
