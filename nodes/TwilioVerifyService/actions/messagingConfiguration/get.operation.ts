import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { showFor } from '../../../shared/n8n/displayOptions';
import { countryField, readCountry } from './fields';

const displayOptions = showFor(['get'], 'messagingConfiguration');

export const description: INodeProperties[] = [serviceField(displayOptions), countryField(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.management.getMessagingConfiguration(readServiceSid(this, client, itemIndex), readCountry(this, itemIndex));
}
