import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { configurationKeyFields, readConfigurationKey } from './fields';

export const description: INodeProperties[] = configurationKeyFields(showFor(['get'], 'messagingConfiguration'));

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.management.getMessagingConfiguration(...readConfigurationKey(this, client, itemIndex));
}
