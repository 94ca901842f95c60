/**
 * Runs a node's per-item work with bounded concurrency, keeps output order and pairedItem, routes outcomes the end
 * user caused (OutcomeError) as data, and turns everything else into n8n errors honouring "Continue On Fail".
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { OutcomeError } from '../core/errors';
import { toNodeError } from './errors';

/** One item for output 0, several items for output 0 (a list), or one item for a chosen output. */
export type ItemResult = IDataObject | IDataObject[] | { json: IDataObject; output: number };

export interface RunItemsOptions {
	/** how many outputs the node has; outcomes go to `failureOutput` */
	outputs: number;
	/** where OutcomeErrors go; with one output they go there with `ok: false` */
	failureOutput?: number;
	/** items handled at the same time */
	concurrency?: number;
	/** added to every outcome item, e.g. `{ approved: false }` on Check Verification's Not Approved output */
	failureFields?: IDataObject;
}

export const DEFAULT_CONCURRENCY = 10;
const MAX_CONCURRENCY = 100;

/** The "Concurrency" option every node offers for bulk input. */
export const concurrencyOption = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number' as const,
	default: DEFAULT_CONCURRENCY,
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	description: 'How many items are handled at the same time. Twilio allows a limited number of concurrent requests per account.',
};

/** The "Bulk Options" collection every node ends with. */
export const bulkOptionsProperty = {
	displayName: 'Bulk Options',
	name: 'options',
	type: 'collection' as const,
	placeholder: 'Add Option',
	default: {},
	options: [concurrencyOption],
};

export function readConcurrency(context: IExecuteFunctions): number {
	const value = Number(context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY));
	return Number.isFinite(value) ? Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value))) : DEFAULT_CONCURRENCY;
}

function outcomeJson(error: OutcomeError): IDataObject {
	return { ok: false, error: error.toJSON() as unknown as IDataObject };
}

function isRouted(result: IDataObject | { json: IDataObject; output: number }): result is { json: IDataObject; output: number } {
	return typeof (result as { output?: unknown }).output === 'number' && typeof result.json === 'object';
}

export async function runItems(
	context: IExecuteFunctions,
	handleItem: (itemIndex: number) => Promise<ItemResult>,
	options: RunItemsOptions,
): Promise<INodeExecutionData[][]> {
	const itemCount = context.getInputData().length;
	const failureOutput = options.failureOutput ?? options.outputs - 1;
	const placed: Array<Array<{ output: number; item: INodeExecutionData }>> = new Array(itemCount);

	const handleOne = async (itemIndex: number) => {
		const pairedItem = { item: itemIndex };
		try {
			const result = await handleItem(itemIndex);
			if (Array.isArray(result)) {
				placed[itemIndex] = result.map((json) => ({ output: 0, item: { json, pairedItem } }));
			} else if (isRouted(result)) {
				placed[itemIndex] = [{ output: result.output, item: { json: result.json, pairedItem } }];
			} else {
				placed[itemIndex] = [{ output: 0, item: { json: result, pairedItem } }];
			}
		} catch (error) {
			if (error instanceof OutcomeError) {
				const json = { ...outcomeJson(error), ...options.failureFields };
				placed[itemIndex] = [{ output: failureOutput, item: { json, pairedItem } }];
				return;
			}
			const nodeError = toNodeError(context.getNode(), error, itemIndex);
			if (!context.continueOnFail()) throw nodeError;
			placed[itemIndex] = [{ output: 0, item: { json: { error: nodeError.message }, pairedItem } }];
		}
	};

	let next = 0;
	const worker = async () => {
		while (next < itemCount) await handleOne(next++);
	};
	const workers = Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, Math.max(itemCount, 1));
	await Promise.all(Array.from({ length: workers }, worker));

	const outputs: INodeExecutionData[][] = Array.from({ length: options.outputs }, () => []);
	for (const entries of placed) for (const entry of entries ?? []) outputs[entry.output].push(entry.item);
	return outputs;
}

/**
 * A failure before any item could be handled (the member store cannot be opened, a credential is missing) becomes
 * each item's failure, so "Continue On Fail" and n8n's error output see it per item, like any other error. A node that
 * throws before its items are handled would otherwise have n8n pass its input on as if it had succeeded.
 */
export async function failEveryItem(
	context: IExecuteFunctions,
	failure: unknown,
	options: RunItemsOptions,
): Promise<INodeExecutionData[][]> {
	return await runItems(context, () => Promise.reject(failure), options);
}
