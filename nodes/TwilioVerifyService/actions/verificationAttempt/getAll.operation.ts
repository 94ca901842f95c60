import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { limitFields, readLimit } from '../common';
import { attemptServiceField, listFilters, readFilters } from './filters';

const displayOptions = showFor(['getAll'], 'verificationAttempt');

export const description: INodeProperties[] = [
	attemptServiceField(displayOptions),
	...limitFields(displayOptions),
	listFilters(displayOptions),
];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject[]> {
	return await client.management.listAttempts(readFilters(this, itemIndex), readLimit(this, itemIndex));
}
