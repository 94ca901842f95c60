import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readConcurrency, runItems } from '../../shared/n8n/runItems';
import { verifyClientFor } from '../../shared/n8n/transport';
import * as verification from './verification';

const operations = { send: verification.send, cancel: verification.cancel, get: verification.get };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as keyof typeof operations;
	const client = await verifyClientFor(this);
	return await runItems(this, (itemIndex) => operations[operation].execute.call(this, client, itemIndex), {
		outputs: 1,
		concurrency: readConcurrency(this),
	});
}
