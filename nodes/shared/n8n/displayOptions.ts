/** The one way our nodes say when a parameter shows: for these operations (and, on multi-resource nodes, resource). */
import type { IDisplayOptions } from 'n8n-workflow';

export type Show = NonNullable<IDisplayOptions['show']>;

/** Shown for some operations (of one resource): also fits a credential's display options. */
export type OperationShow = { operation: string[]; resource?: string[] };

/** `showFor(['sendCode'])` or `showFor(['get', 'update'], 'service')`. */
export function showFor(operations: string[], resource?: string): { show: OperationShow } {
	return { show: resource ? { resource: [resource], operation: operations } : { operation: operations } };
}

/** The same options with more conditions, e.g. a field that only shows for one choice of another field. */
export function withCondition(displayOptions: { show: Show }, condition: Show): { show: Show } {
	return { show: { ...displayOptions.show, ...condition } };
}
