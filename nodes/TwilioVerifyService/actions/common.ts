/** Parameters shared by the operations of the Twilio Verify Service node. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Show } from '../../shared/n8n/displayOptions';
import type { VerifyOperation } from '../../shared/n8n/operations';
import type { CrudOperation } from '../TwilioVerifyService.node.type';

export function sidField(name: string, displayName: string, prefix: string, displayOptions: { show: Show }): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: `${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		displayOptions,
	};
}

export function limitFields(displayOptions: { show: Show }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/** The Filters collection of a Get Many operation: every filter optional, none set by default. */
export function filtersField(displayOptions: { show: Show }, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions, options };
}

export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return context.getNodeParameter('returnAll', itemIndex, false) ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

/** The Operation selector every resource of this node shares: create, delete, get, get many, update. */
export function crudOperationProperty(resource: string, label: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: 'get',
		options: [
			{ name: 'Create', value: 'create', action: `Create a ${label}` },
			{ name: 'Delete', value: 'delete', action: `Delete a ${label}` },
			{ name: 'Get', value: 'get', action: `Get a ${label}` },
			{ name: 'Get Many', value: 'getAll', action: `Get many ${label}s` },
			{ name: 'Update', value: 'update', action: `Update a ${label}` },
		],
	};
}

export function deleted(sid: string): IDataObject {
	return { deleted: true, sid };
}

/** A resource's operation map and its parameters: the Operation selector, then each operation's own. */
export function crudResource(resource: string, label: string, operations: Record<CrudOperation, VerifyOperation>) {
	return {
		operations,
		description: [
			crudOperationProperty(resource, label),
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};
}

/** An Operation selector for a resource whose operations are not the five CRUD ones; options sorted by name. */
export function operationProperty(
	resource: string,
	defaultOperation: string,
	options: Array<{ name: string; value: string; action: string; description: string }>,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: defaultOperation,
		options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/** A resource's operation map and its parameters, with its own Operation selector. */
export function resourceOf<K extends string>(operations: Record<K, VerifyOperation>, operation: INodeProperties) {
	return {
		operations,
		description: [operation, ...Object.values<VerifyOperation>(operations).flatMap((entry) => entry.description)],
	};
}
