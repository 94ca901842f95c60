/**
 * The skeleton both member nodes share: outputs Success and Failure, credentials and shared parameters derived from
 * what each operation needs, and a router that builds the member service once per execution.
 */
import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { Members } from '../core/members';
import { showFor } from './displayOptions';
import { FAILURE_OUTPUT } from './memberOutput';
import { securityOptions } from './memberProperties';
import { membersFor } from './memberService';
import { memberStoreConnectionTest } from './memberStore';
import { verifyListSearch } from './methods';
import { nodeBasics } from './nodeDescription';
import { chosenOperation, describeOperations, type MemberOperation, operationsNeeding } from './operations';
import { failEveryItem, readConcurrency, runItems, bulkOptionsProperty } from './runItems';
import { serviceField } from './verifyService';

export type MemberOperations = Record<string, MemberOperation>;

/** n8n saves execution data (webhook bodies included) by default: a workflow handling secrets must turn that off. */
const executionDataNotice: INodeProperties = {
	displayName:
		'This node handles passwords, codes and session tokens, which n8n saves in clear with each execution by default. In this workflow\'s settings, set "Save successful production executions" and "Save failed production executions" to "Do not save", and turn off saving manual executions and execution progress.',
	name: 'executionDataNotice',
	type: 'notice',
	default: '',
};

/**
 * A member node's description but for its icon, subtitle, usableAsTool and credentials, which each node file writes
 * out where n8n's lint reads them; `usingStore` and `usingVerify` say when each credential shows. The Operation list,
 * those conditions and the shared parameters all follow from what each operation declares; the first operation is
 * the default.
 */
export function memberNodeParts(operations: MemberOperations, node: { displayName: string; name: string; description: string }) {
	const usingStore = showFor(operationsNeeding(operations, 'store', 'verify'));
	const usingVerify = showFor(operationsNeeding(operations, 'verify'));
	const security = securityOptions(showFor(operationsWithSecurity(operations)), operations);
	const description = {
		...nodeBasics(node),
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		properties: [
			...describeOperations(operations, Object.keys(operations)[0]),
			executionDataNotice,
			serviceField(usingVerify),
			security,
			bulkOptionsProperty,
		],
	};
	return { description, usingStore, usingVerify };
}

function operationsWithSecurity(operations: MemberOperations): string[] {
	return Object.entries(operations)
		.filter(([, operation]) => operation.security.length > 0)
		.map(([name]) => name);
}

export const memberNodeMethods = {
	listSearch: verifyListSearch,
	credentialTest: { memberStoreConnectionTest },
};

/** Runs the chosen operation on every item, with the member service when the operation needs one. */
export async function routeMemberOperation(
	context: IExecuteFunctions,
	operations: MemberOperations,
): Promise<INodeExecutionData[][]> {
	const options = { outputs: 2, failureOutput: FAILURE_OUTPUT, concurrency: readConcurrency(context) };
	let operation: MemberOperation;
	try {
		operation = chosenOperation(operations, context.getNodeParameter('operation', 0));
	} catch (setupFailure) {
		return await failEveryItem(context, setupFailure, options);
	}
	let members: Members | undefined;
	try {
		members = operation.needs === 'none' ? undefined : await membersFor(context, operation.needs);
	} catch (setupFailure) {
		return await failEveryItem(context, setupFailure, options);
	}
	return await runItems(context, (itemIndex) => operation.execute(context, members, itemIndex), options);
}
