import type { INodeProperties } from 'n8n-workflow';

import { serviceLocator } from '../../../shared/n8n/properties';

/** Verify Service + Verification SID, for the operations that act on one existing verification. */
export function verificationSidFields(operation: string): INodeProperties[] {
	const show = { operation: [operation] };
	return [
		{ ...serviceLocator, displayOptions: { show } },
		{
			displayName: 'Verification SID',
			name: 'verificationSid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'VExxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'The SID returned when the code was sent',
			displayOptions: { show },
		},
	];
}
