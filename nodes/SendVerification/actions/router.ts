import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenOperation } from '../../shared/n8n/operations';
import { runVerifyOperation } from '../../shared/n8n/verifyNode';
import { operations } from './verification';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runVerifyOperation(this, chosenOperation(operations, this.getNodeParameter('operation', 0)));
}
