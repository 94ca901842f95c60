import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as send from './send.operation';

export { cancel, get, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'send',
		options: [
			{ name: 'Send', value: 'send', action: 'Send a verification code', description: 'Send a code by SMS, voice call, WhatsApp or email' },
			{ name: 'Cancel', value: 'cancel', action: 'Cancel a verification', description: 'Cancel a pending verification so its code no longer works' },
			{ name: 'Get', value: 'get', action: 'Get a verification', description: 'Fetch the status of a verification by its SID' },
		],
	},
	...send.description,
	...cancel.description,
	...get.description,
];
