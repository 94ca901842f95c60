import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { limitFields, readLimit } from '../common';
import { identityField, readIdentity } from '../entity/fields';

const displayOptions = showFor(['getAll'], 'factor');

export const description: INodeProperties[] = [serviceField(displayOptions), identityField(displayOptions), ...limitFields(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.factors.listFactors(
		readServiceSid(this, client, itemIndex),
		readIdentity(this, itemIndex),
		readLimit(this, itemIndex),
	);
}
