import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { sidField } from '../common';

const displayOptions = showFor(['get'], 'webhook');

export const description: INodeProperties[] = [serviceField(displayOptions), sidField('webhookSid', 'Webhook SID', 'YW', displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.management.getWebhook(readServiceSid(this, client, itemIndex), readSid(this, 'webhookSid', itemIndex));
}
