import type { INodeProperties } from 'n8n-workflow';

import { serviceField } from '../../../shared/n8n/verifyService';
import type { Show } from '../../../shared/n8n/displayOptions';
import { sidField } from '../common';

/** Every bucket operation acts inside one rate limit of one Verify Service. */
export function bucketParentFields(displayOptions: { show: Show }): INodeProperties[] {
	return [serviceField(displayOptions), sidField('rateLimitSid', 'Rate Limit SID', 'RK', displayOptions)];
}

export function bucketLimitFields(displayOptions: { show: Show }, required: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Max',
			name: 'max',
			type: 'number',
			default: 10,
			required,
			typeOptions: { minValue: 1 },
			description: 'How many verifications one value of the rate limit may start per interval',
			displayOptions,
		},
		{
			displayName: 'Interval (Seconds)',
			name: 'interval',
			type: 'number',
			default: 60,
			required,
			typeOptions: { minValue: 1 },
			displayOptions,
		},
	];
}
