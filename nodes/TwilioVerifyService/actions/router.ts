import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenOperation, type VerifyOperation } from '../../shared/n8n/operations';
import { runVerifyOperation } from '../../shared/n8n/verifyNode';
import type { TwilioVerifyServiceMap, TwilioVerifyServiceResource } from '../TwilioVerifyService.node.type';
import * as bucket from './bucket';
import * as challenge from './challenge';
import * as entity from './entity';
import * as factor from './factor';
import * as messagingConfiguration from './messagingConfiguration';
import * as rateLimit from './rateLimit';
import * as safeList from './safeList';
import * as service from './service';
import * as template from './template';
import * as verificationAttempt from './verificationAttempt';
import * as webhook from './webhook';

const resources: { [R in TwilioVerifyServiceResource]: Record<TwilioVerifyServiceMap[R], VerifyOperation> } = {
	service: service.operations,
	rateLimit: rateLimit.operations,
	bucket: bucket.operations,
	safeList: safeList.operations,
	verificationAttempt: verificationAttempt.operations,
	webhook: webhook.operations,
	messagingConfiguration: messagingConfiguration.operations,
	template: template.operations,
	entity: entity.operations,
	factor: factor.operations,
	challenge: challenge.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operations: Record<string, VerifyOperation> = chosenOperation(resources, this.getNodeParameter('resource', 0));
	return await runVerifyOperation(this, chosenOperation(operations, this.getNodeParameter('operation', 0)));
}
