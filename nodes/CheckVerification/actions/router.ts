import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runVerifyOperation } from '../../shared/n8n/verifyNode';
import * as check from './verification/check.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runVerifyOperation(this, check, {
		outputs: 2,
		failureOutput: check.NOT_APPROVED_OUTPUT,
		failureFields: { approved: false },
	});
}
