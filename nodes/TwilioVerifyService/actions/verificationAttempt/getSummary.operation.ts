import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import { showFor } from '../../../shared/n8n/displayOptions';
import { attemptServiceField, readFilters, summaryFilters } from './filters';

const displayOptions = showFor(['getSummary'], 'verificationAttempt');

export const description: INodeProperties[] = [attemptServiceField(displayOptions), summaryFilters(displayOptions)];

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	return await client.management.summarizeAttempts(readFilters(this, itemIndex));
}
