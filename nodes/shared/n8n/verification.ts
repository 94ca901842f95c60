/** The "Verification SID" parameter (VE…), used to check, cancel or look up one verification. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Show } from './displayOptions';
import { readSid } from './parameters';

export function verificationSidField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'Verification SID',
		name: 'verificationSid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'VExxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'The SID returned when the code was sent',
		displayOptions,
	};
}

export function readVerificationSid(context: IExecuteFunctions, itemIndex: number): string {
	return readSid(context, 'verificationSid', itemIndex);
}
