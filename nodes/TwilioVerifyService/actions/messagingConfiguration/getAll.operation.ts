import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { limitFields, readLimit } from '../common';

const displayOptions = showFor(['getAll'], 'messagingConfiguration');

export const description: INodeProperties[] = [serviceField(displayOptions), ...limitFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.management.listMessagingConfigurations(readServiceSid(this, client, itemIndex), readLimit(this, itemIndex));
}
