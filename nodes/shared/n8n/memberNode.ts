/**
 * The skeleton both member nodes share: outputs Success and Failure, credentials and shared parameters derived from
 * what each operation needs, and a router that builds the member service once per execution.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { Members } from '../core/members';
import { showFor } from './displayOptions';
import { FAILURE_OUTPUT } from './memberOutput';
import { securityOptions } from './memberProperties';
import { membersFor } from './memberService';
import { memberStoreConnectionTest } from './memberStore';
import { verifyListSearch } from './methods';
import { chosenOperation, type MemberOperation, operationsNeeding } from './operations';
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
 * Where the credentials and shared parameters show: the member store for operations that need it, Verify for those
 * that send or check a code. (The node files list the credentials themselves, so n8n's lint can read them.)
 */
export function memberNodeParts(operations: MemberOperations) {
	const usingStore = showFor(operationsNeeding(operations, 'store', 'verify'));
	const usingVerify = showFor(operationsNeeding(operations, 'verify'));
	return {
		usingStore,
		usingVerify,
		sharedProperties: [executionDataNotice, serviceField(usingVerify), securityOptions(showFor(operationsWithSecurity(operations)), operations), bulkOptionsProperty],
	};
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

export const memberNodeIO = {
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
	outputNames: ['Success', 'Failure'],
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
	if (operation.needs === 'none') {
		return await runItems(context, (itemIndex) => operation.execute.call(context, itemIndex), options);
	}
	let members: Members;
	try {
		members = await membersFor(context, operation.needs);
	} catch (setupFailure) {
		return await failEveryItem(context, setupFailure, options);
	}
	return await runItems(context, (itemIndex) => operation.execute.call(context, members, itemIndex), options);
}
