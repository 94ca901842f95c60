import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readConcurrency, runItems } from '../../shared/n8n/runItems';
import { verifyClientFor } from '../../shared/n8n/transport';
import * as check from './verification/check.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = await verifyClientFor(this);
	return await runItems(this, (itemIndex) => check.execute.call(this, client, itemIndex), {
		outputs: 2,
		failureOutput: check.NOT_APPROVED_OUTPUT,
		failureFields: { approved: false },
		concurrency: readConcurrency(this),
	});
}
