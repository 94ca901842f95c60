/**
 * What an operation module is: its entry in the Operation list, its parameters, what it needs and its `execute`.
 * Nodes derive their Operation list, credentials and shared parameters from these modules, so no list of operation
 * names is kept by hand.
 */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ConfigurationError } from '../core/errors';
import type { Members } from '../core/members';
import type { VerifyClient } from '../core/verify/client';
import type { Show } from './displayOptions';
import type { ItemResult } from './runItems';

/** What an operation reads: nothing, the member store, or the member store and Twilio Verify. */
export type Need = 'none' | 'store' | 'verify';

/**
 * The groups of Security options: limits on sends, on code guesses, on password guesses, new-password rules, and
 * trusted devices.
 */
export type SecurityTopic = 'sends' | 'codes' | 'passwords' | 'newPasswords' | 'devices';

/** The operation's entry in the node's Operation list; its value is its key in the node's operation map. */
export type OperationOption = Required<Pick<INodePropertyOptions, 'name' | 'action' | 'description'>>;

interface Described {
	option: OperationOption;
	description: INodeProperties[];
}

/** A member operation as the router runs it; operation files declare theirs with `memberOperation`. */
export interface MemberOperation extends Described {
	needs: Need;
	security: readonly SecurityTopic[];
	/** Handles one item; `members` is there unless the operation needs nothing. */
	execute(context: IExecuteFunctions, members: Members | undefined, itemIndex: number): Promise<ItemResult>;
}

export type VerifyOperation = {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<ItemResult>;
};

/**
 * The operation chosen in the node. n8n adds "Custom API Call" to the Operation list of every node whose credential
 * can sign HTTP requests (the Twilio credential can); these nodes have none, so that choice is a setup mistake.
 */
export function chosenOperation<T>(operations: Record<string, T>, name: unknown): T {
	const operation = typeof name === 'string' && Object.hasOwn(operations, name) ? operations[name] : undefined;
	if (operation === undefined) {
		throw new ConfigurationError('UNKNOWN_OPERATION', `This node has no operation "${String(name)}"`, {
			description: 'For a call to the Twilio API this node does not offer, use the HTTP Request node with the Twilio Verify API credential.',
		});
	}
	return operation;
}

/** The names of the operations that need one of `needs`. */
export function operationsNeeding(operations: Record<string, { needs: Need }>, ...needs: Need[]): string[] {
	return Object.entries(operations)
		.filter(([, operation]) => needs.includes(operation.needs))
		.map(([name]) => name);
}

/** The Operation parameter, listing the operations by name as n8n's editor expects. */
export function operationSelector(
	operations: Record<string, Described>,
	defaultOperation: string,
	displayOptions?: { show: Show },
): INodeProperties {
	const options = Object.entries(operations)
		.map(([value, { option }]) => ({ ...option, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: defaultOperation,
		options,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The node's subtitle: the chosen operation's name as the Operation list shows it, not its internal value. */
export function operationSubtitle(operations: Record<string, Described>): string {
	const names = Object.fromEntries(Object.entries(operations).map(([value, { option }]) => [value, option.name]));
	return `={{ (${JSON.stringify(names)})[$parameter["operation"]] ?? $parameter["operation"] }}`;
}

/** The Operation parameter followed by every operation's own parameters. */
export function describeOperations(
	operations: Record<string, Described>,
	defaultOperation: string,
	displayOptions?: { show: Show },
): INodeProperties[] {
	return [
		operationSelector(operations, defaultOperation, displayOptions),
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}
