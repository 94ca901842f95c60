/** Router shared by the member nodes: one context per execution, each item through the chosen operation. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { MemberFlowContext } from '../core/members';
import { memberContextFor } from './memberStore';
import { FAILURE_OUTPUT } from './memberOutput';
import { serviceLocator } from './properties';
import { readConcurrency, runItems } from './runItems';

export interface MemberOperation {
	execute(this: IExecuteFunctions, context: MemberFlowContext, itemIndex: number): Promise<IDataObject>;
}


/** The Verify Service picker, shown only for the operations that send or check a code. */
export function memberServiceLocator(verifyOperations: string[]): INodeProperties {
	return {
		...serviceLocator,
		displayOptions: { show: { operation: verifyOperations } },
	};
}

/** Operations that read neither the store nor Verify (e.g. the countries list). */
const STORE_FREE_OPERATIONS = ['listCountries'];

export async function routeMemberOperation(
	context: IExecuteFunctions,
	operations: Record<string, MemberOperation>,
	verifyOperations: string[],
): Promise<INodeExecutionData[][]> {
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	const flowContext = STORE_FREE_OPERATIONS.includes(operationName)
		? ({} as MemberFlowContext)
		: await memberContextFor(context, { withVerify: verifyOperations.includes(operationName) });
	return await runItems(context, (itemIndex) => operation.execute.call(context, flowContext, itemIndex), {
		outputs: 2,
		failureOutput: FAILURE_OUTPUT,
		concurrency: readConcurrency(context),
	});
}
