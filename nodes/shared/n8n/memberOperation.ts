/**
 * How a member operation is declared, and everything its file uses in one import. An operation file says what the
 * operation is (its entry in the Operation list), what it needs, which Security options apply, its parameters, which
 * request values it hands to the core, and the core call; reading parameters and shaping output happen here, once.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Members } from '../core/members';
import { type OperationShow, showFor } from './displayOptions';
import { success } from './memberOutput';
import type { MemberOperation, Need, OperationOption, SecurityTopic } from './operations';
import { readRequest } from './parameters';

export type { Members } from '../core/members';
export { showFor, withCondition } from './displayOptions';
export { approvalField, bodyField, channelField, forwardedForField, optionalBodyField, passwordField, phoneFields } from './memberProperties';
export { tokenField } from './tokenField';

/** Display options that show a parameter only for the operation being declared. */
export type Shown = { show: OperationShow };

/** One of the node's own parameters (a setting, not a request value) for the item at hand. */
export type ReadParameter = (name: string, fallback?: unknown) => unknown;

export interface MemberOperationSpec<N extends Need, K extends string> {
	option: OperationOption;
	needs: N;
	/** The groups of Security options that apply to this operation. */
	security: readonly SecurityTopic[];
	/** Its parameters; `shown` shows them only for this operation. */
	fields(shown: Shown): INodeProperties[];
	/** The request values handed to the core, read from the parameters of the same names (empty text: not given). */
	reads?: readonly K[];
	/** The HTTP status of a success: 200 unless said, or chosen from the result. */
	status?: number | ((result: object) => number);
	execute(members: N extends 'none' ? undefined : Members, input: Record<K, unknown>, parameter: ReadParameter): Promise<object>;
}

type AnySpec = MemberOperationSpec<Need, string>;

/** Declares a member operation (typed here; keyed by its value in the node's operation map). */
export function memberOperation<N extends Need, const K extends string = never>(spec: MemberOperationSpec<N, K>): AnySpec {
	return spec as unknown as AnySpec;
}

/** A node's operation map: each declared operation, its parameters shown only for its own value. */
export function memberOperations<T extends Record<string, AnySpec>>(specs: T): Record<keyof T & string, MemberOperation> {
	const entries = Object.entries(specs).map(([value, spec]) => [value, toOperation(value, spec)] as const);
	return Object.fromEntries(entries) as Record<keyof T & string, MemberOperation>;
}

function toOperation(value: string, spec: AnySpec): MemberOperation {
	const { option, needs, security, reads = [], status = 200 } = spec;
	return {
		option,
		needs,
		security,
		description: spec.fields(showFor([value])),
		async execute(context: IExecuteFunctions, members: Members | undefined, itemIndex: number) {
			const parameter: ReadParameter = (name, fallback) => context.getNodeParameter(name, itemIndex, fallback);
			const result = await spec.execute(members, readRequest(context, itemIndex, reads), parameter);
			return success(result, typeof status === 'function' ? status(result) : status);
		},
	};
}
