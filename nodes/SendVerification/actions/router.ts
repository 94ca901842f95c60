import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runVerifyOperation } from '../../shared/n8n/verifyNode';
import { operations, type VerificationOperation } from './verification';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as VerificationOperation;
	return await runVerifyOperation(this, operations[operation]);
}
