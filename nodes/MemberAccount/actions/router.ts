import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeMemberOperation } from '../../shared/n8n/memberNode';
import { operations } from './account';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeMemberOperation(this, operations);
}
