import { resourceOf } from '../common';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getSummary from './getSummary.operation';

export const { operations, description } = resourceOf({ get, getAll, getSummary }, 'verificationAttempt', 'getAll', {
	get: { action: 'Get a verification attempt', description: 'Get one verification attempt by SID' },
	getAll: {
		action: 'Get many verification attempts',
		description: 'List verification attempts, filtered by date, channel, country or status',
	},
	getSummary: { action: 'Get a summary of verification attempts', description: 'Count attempts and conversions for the same filters' },
});
