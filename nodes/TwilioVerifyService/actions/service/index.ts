import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['service'] } },
		default: 'get',
		options: [
			{ name: 'Create', value: 'create', action: 'Create a verify service' },
			{ name: 'Delete', value: 'delete', action: 'Delete a verify service' },
			{ name: 'Get', value: 'get', action: 'Get a verify service' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many verify services' },
			{ name: 'Update', value: 'update', action: 'Update a verify service' },
		],
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
