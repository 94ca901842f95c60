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
		displayOptions: { show: { resource: ['rateLimit'] } },
		default: 'get',
		options: [
			{ name: 'Create', value: 'create', action: 'Create a rate limit' },
			{ name: 'Delete', value: 'delete', action: 'Delete a rate limit' },
			{ name: 'Get', value: 'get', action: 'Get a rate limit' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many rate limits' },
			{ name: 'Update', value: 'update', action: 'Update a rate limit' },
		],
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
