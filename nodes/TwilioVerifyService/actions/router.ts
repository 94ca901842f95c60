import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { VerifyClient } from '../../shared/core/verify/client';
import { readConcurrency, runItems } from '../../shared/n8n/runItems';
import { verifyClientFor } from '../../shared/n8n/transport';
import * as bucket from './bucket';
import * as rateLimit from './rateLimit';
import * as service from './service';

type Operation = {
	execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject | IDataObject[]>;
};

const resources: Record<string, Record<string, Operation>> = {
	service: service.operations,
	rateLimit: rateLimit.operations,
	bucket: bucket.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const client = await verifyClientFor(this);
	const run = resources[resource][operation];
	return await runItems(this, (itemIndex) => run.execute.call(this, client, itemIndex), {
		outputs: 1,
		concurrency: readConcurrency(this),
	});
}
