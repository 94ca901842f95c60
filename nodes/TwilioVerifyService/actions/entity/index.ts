import { resourceOf } from '../common';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const { operations, description } = resourceOf({ create, delete: del, get, getAll }, 'entity', 'get', {
	create: { action: 'Create an entity', description: 'Create an entity: one user of authenticator apps' },
	delete: { action: 'Delete an entity', description: 'Delete an entity with all its factors and challenges' },
	get: { action: 'Get an entity', description: 'Get an entity by its identity' },
	getAll: { action: 'Get many entities', description: 'List the entities of a Verify Service' },
});
