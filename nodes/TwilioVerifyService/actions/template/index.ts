import { operationProperty, resourceOf } from '../common';
import * as getAll from './getAll.operation';

export const { operations, description } = resourceOf(
	{ getAll },
	operationProperty('template', 'getAll', [
		{
			name: 'Get Many',
			value: 'getAll',
			action: 'Get many templates',
			description: 'List the message templates a verification can use',
		},
	]),
);
