import { operationProperty, resourceOf } from '../common';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const { operations, description } = resourceOf(
	{ create, delete: del, get, getAll },
	operationProperty('entity', 'get', [
		{ name: 'Create', value: 'create', action: 'Create an entity', description: 'Create an entity: one user of authenticator apps' },
		{ name: 'Delete', value: 'delete', action: 'Delete an entity', description: 'Delete an entity with all its factors and challenges' },
		{ name: 'Get', value: 'get', action: 'Get an entity', description: 'Get an entity by its identity' },
		{ name: 'Get Many', value: 'getAll', action: 'Get many entities', description: 'List the entities of a Verify Service' },
	]),
);
