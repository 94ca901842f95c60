import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { configurationKeyFields, readConfigurationKey } from './fields';

export const description: INodeProperties[] = configurationKeyFields(showFor(['delete'], 'messagingConfiguration'));

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const [serviceSid, country] = readConfigurationKey(this, client, itemIndex);
	await client.management.deleteMessagingConfiguration(serviceSid, country);
	return { deleted: true, country };
}
