import type { INodeProperties } from 'n8n-workflow';

import { crudOperationProperty } from '../common';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations = { create, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	crudOperationProperty('bucket', 'rate limit bucket'),
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
