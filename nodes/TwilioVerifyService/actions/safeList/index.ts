import { operationProperty, resourceOf } from '../common';
import * as add from './add.operation';
import * as get from './get.operation';
import * as remove from './remove.operation';

export const { operations, description } = resourceOf(
	{ add, get, remove },
	operationProperty('safeList', 'get', [
		{ name: 'Add', value: 'add', action: 'Add a number to the safe list', description: 'Add a phone number to the Safe List' },
		{ name: 'Get', value: 'get', action: 'Get a number on the safe list', description: 'Check whether a phone number is on the Safe List' },
		{ name: 'Remove', value: 'remove', action: 'Remove a number from the safe list', description: 'Remove a phone number from the Safe List' },
	]),
);
