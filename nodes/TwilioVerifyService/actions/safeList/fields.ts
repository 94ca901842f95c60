import type { INodeProperties } from 'n8n-workflow';

import type { Show } from '../../../shared/n8n/displayOptions';

export function phoneNumberField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155552671',
		description: 'The phone number in E.164 format',
		displayOptions,
	};
}
