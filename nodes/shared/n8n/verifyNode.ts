/** What the three Verify nodes share: one Verify client per execution, each item through the chosen operation. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { VerifyOperation } from './operations';
import type { VerifyClient } from '../core/verify/client';
import { failEveryItem, readConcurrency, runItems, type RunItemsOptions } from './runItems';
import { verifyClientFor } from './transport';

export async function runVerifyOperation(
	context: IExecuteFunctions,
	operation: VerifyOperation,
	options: Omit<RunItemsOptions, 'concurrency'> = { outputs: 1 },
): Promise<INodeExecutionData[][]> {
	const settings = { ...options, concurrency: readConcurrency(context) };
	let client: VerifyClient;
	try {
		client = await verifyClientFor(context);
	} catch (setupFailure) {
		return await failEveryItem(context, setupFailure, settings);
	}
	return await runItems(context, (itemIndex) => operation.execute.call(context, client, itemIndex), settings);
}
