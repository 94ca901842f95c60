/** Parameters shared by the operations of the Twilio Verify Service node. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Show } from '../../shared/n8n/displayOptions';
import type { VerifyOperation } from '../../shared/n8n/operations';
import type { CrudOperation } from '../TwilioVerifyService.node.type';

/** A required Twilio SID, e.g. prefix "YW" for a webhook; its placeholder shows the SID's form. */
export function sidField(
	name: string,
	displayName: string,
	prefix: string,
	displayOptions: { show: Show },
	description?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder: `${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`,
		...(description ? { description } : {}),
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

/** A group of optional parameters: none set by default, the user adds those wanted. */
function collectionField(
	displayName: string,
	name: string,
	placeholder: string,
	displayOptions: { show: Show },
	options: INodeProperties[],
): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, displayOptions, options };
}

/** The Filters collection of a Get Many operation. */
export function filtersField(displayOptions: { show: Show }, options: INodeProperties[]): INodeProperties {
	return collectionField('Filters', 'filters', 'Add Filter', displayOptions, options);
}

/** The optional settings of a Create operation. */
export function additionalFieldsField(displayOptions: { show: Show }, options: INodeProperties[]): INodeProperties {
	return collectionField('Additional Fields', 'additionalFields', 'Add Field', displayOptions, options);
}

/** The Update Fields collection: an Update operation changes only the fields added here. */
export function updateFieldsField(displayOptions: { show: Show }, options: INodeProperties[]): INodeProperties {
	return collectionField('Update Fields', 'updateFields', 'Add Field', displayOptions, options);
}

/** The Update Fields in the API's terms; an update that changes nothing is surely a mistake, so it stops the item. */
export function readUpdateFields<T extends object>(
	context: IExecuteFunctions,
	itemIndex: number,
	toApiFields: (values: IDataObject) => T,
): T {
	const fields = toApiFields(context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	if (Object.keys(fields).length === 0) {
		throw new NodeOperationError(context.getNode(), 'Add at least one field to update', { itemIndex });
	}
	return fields;
}

/** A text entry of a Filters collection; left empty, it filters nothing. */
export function textFilter(displayName: string, name: string, placeholder: string, description?: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', placeholder, ...(description ? { description } : {}) };
}

export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	return context.getNodeParameter('returnAll', itemIndex, false) ? undefined : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

export function deleted(sid: string): IDataObject {
	return { deleted: true, sid };
}

/** Each operation's name in the Operation lists: the same in every resource that has it. */
const OPERATION_NAMES = {
	create: 'Create',
	delete: 'Delete',
	get: 'Get',
	getAll: 'Get Many',
	update: 'Update',
	add: 'Add',
	remove: 'Remove',
	getSummary: 'Get Summary',
	verify: 'Verify',
} as const;

type OperationValue = keyof typeof OPERATION_NAMES;

/** How an operation reads in its Operation list: the action (as the editor's list of actions shows it) and what it does. */
interface OperationText {
	action: string;
	description?: string;
}

/**
 * A resource's operation map and its parameters: its Operation selector, options sorted by name as n8n's editor lists
 * them, then each operation's own parameters. `texts` must describe exactly the operations in `operations`.
 */
export function resourceOf<K extends OperationValue>(
	operations: Record<K, VerifyOperation>,
	resource: string,
	defaultOperation: NoInfer<K>,
	texts: Record<K, OperationText>,
) {
	const options = Object.entries<OperationText>(texts)
		.map(([value, text]) => ({ name: OPERATION_NAMES[value as K], value, ...text }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const operation: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: defaultOperation,
		options,
	};
	return {
		operations,
		description: [operation, ...Object.values<VerifyOperation>(operations).flatMap((entry) => entry.description)],
	};
}

/** The same for a resource whose operations are the five CRUD ones, which all read alike in the Operation list. */
export function crudResource(resource: string, label: string, operations: Record<CrudOperation, VerifyOperation>) {
	return resourceOf(operations, resource, 'get', {
		create: { action: `Create a ${label}` },
		delete: { action: `Delete a ${label}` },
		get: { action: `Get a ${label}` },
		getAll: { action: `Get many ${label}s` },
		update: { action: `Update a ${label}` },
	});
}
