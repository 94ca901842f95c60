import { resourceOf } from '../common';
import * as add from './add.operation';
import * as get from './get.operation';
import * as remove from './remove.operation';

export const { operations, description } = resourceOf({ add, get, remove }, 'safeList', 'get', {
	add: { action: 'Add a number to the safe list', description: 'Add a phone number to the Safe List' },
	get: { action: 'Get a number on the safe list', description: 'Check whether a phone number is on the Safe List' },
	remove: { action: 'Remove a number from the safe list', description: 'Remove a phone number from the Safe List' },
});
