import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { identityField, readIdentity } from '../entity/fields';
import { factorSidField } from './fields';

const displayOptions = showFor(['get'], 'factor');

export const description: INodeProperties[] = [serviceField(displayOptions), identityField(displayOptions), factorSidField(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.factors.getFactor(
		readServiceSid(this, client, itemIndex),
		readIdentity(this, itemIndex),
		readSid(this, 'factorSid', itemIndex),
	);
}
