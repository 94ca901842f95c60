import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Show } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';

/** The Entity's identity, also the path of its factors and challenges. */
export function identityField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'Identity',
		name: 'identity',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
		description:
			"The user's ID in your system: 8 to 64 letters, digits and dashes. Twilio asks for no personal data here (no email or phone number).",
		displayOptions,
	};
}

export function readIdentity(context: IExecuteFunctions, itemIndex: number): string {
	return readSid(context, 'identity', itemIndex);
}
