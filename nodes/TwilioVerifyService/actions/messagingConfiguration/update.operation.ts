import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { configurationFields, readConfiguration } from './fields';

export const description: INodeProperties[] = configurationFields(showFor(['update'], 'messagingConfiguration'));

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.management.updateMessagingConfiguration(...readConfiguration(this, client, itemIndex));
}
