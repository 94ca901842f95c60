import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { identityField, readIdentity } from './fields';

const displayOptions = showFor(['create'], 'entity');

export const description: INodeProperties[] = [serviceField(displayOptions), identityField(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.factors.createEntity(readServiceSid(this, client, itemIndex), readIdentity(this, itemIndex));
}
