/** Reading node parameters: every kind of value is read one way, whatever node asks. */
import type { IExecuteFunctions } from 'n8n-workflow';

/** Parameters are text in n8n, and expressions may yield anything; an empty one means "not given". */
export function optionalText(value: unknown): string | undefined {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	return text === '' ? undefined : text;
}

/** A text parameter as given (a request's value may be of any type: the core checks it). */
export function readParameter(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '');
}

/**
 * A SID typed by the builder or given by an expression. Only text is a SID: any other value (a number, an object from a
 * request) is read as empty, which the core refuses before anything is sent.
 */
export function readSid(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value: unknown = context.getNodeParameter(name, itemIndex);
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * The named parameters of one item, as an operation hands them to the core: values as the request gave them (any
 * type: the core checks each), with empty text read as "not given".
 */
export function readRequest<K extends string>(context: IExecuteFunctions, itemIndex: number, names: readonly K[]): Record<K, unknown> {
	const entries = names.map((name) => {
		const value: unknown = context.getNodeParameter(name, itemIndex, '');
		return [name, (typeof value === 'string' && value.trim() === '') || value === null ? undefined : value] as const;
	});
	return Object.fromEntries(entries) as Record<K, unknown>;
}
