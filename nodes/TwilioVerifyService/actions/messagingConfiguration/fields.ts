import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Show } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';

export function countryField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'CA',
		description: 'ISO 3166-1 alpha-2 country code, or "all" for every country without its own configuration',
		displayOptions,
	};
}

export function messagingServiceField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'Messaging Service SID',
		name: 'messagingServiceSid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'MGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
		description: 'The Messaging Service that sends the codes to this country',
		displayOptions,
	};
}

/** Country codes upper case (ca → CA); `all` stays as Twilio spells it. */
export function readCountry(context: IExecuteFunctions, itemIndex: number): string {
	const country = readSid(context, 'country', itemIndex);
	return country.toLowerCase() === 'all' ? 'all' : country.toUpperCase();
}
