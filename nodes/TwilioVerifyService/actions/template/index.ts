import { resourceOf } from '../common';
import * as getAll from './getAll.operation';

export const { operations, description } = resourceOf({ getAll }, 'template', 'getAll', {
	getAll: { action: 'Get many templates', description: 'List the message templates a verification can use' },
});
