import { resourceOf } from '../common';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const { operations, description } = resourceOf({ create, get, getAll }, 'challenge', 'create', {
	create: { action: 'Create a challenge', description: 'Check a code from an authenticator app: approved when right, pending when wrong' },
	get: { action: 'Get a challenge', description: 'Get a challenge by SID' },
	getAll: { action: 'Get many challenges', description: 'List the challenges of an entity' },
});
