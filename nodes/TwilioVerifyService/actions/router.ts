import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { VerifyOperation } from '../../shared/n8n/operations';
import { runVerifyOperation } from '../../shared/n8n/verifyNode';
import type { TwilioVerifyServiceMap, TwilioVerifyServiceResource } from '../TwilioVerifyService.node.type';
import * as bucket from './bucket';
import * as rateLimit from './rateLimit';
import * as service from './service';

const resources: { [R in TwilioVerifyServiceResource]: Record<TwilioVerifyServiceMap[R], VerifyOperation> } = {
	service: service.operations,
	rateLimit: rateLimit.operations,
	bucket: bucket.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as TwilioVerifyServiceResource;
	const operation = this.getNodeParameter('operation', 0) as TwilioVerifyServiceMap[typeof resource];
	return await runVerifyOperation(this, resources[resource][operation]);
}
