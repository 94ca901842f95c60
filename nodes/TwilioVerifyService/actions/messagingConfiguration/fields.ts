import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { VerifyClient } from '../../../shared/core/verify/client';
import type { Show } from '../../../shared/n8n/displayOptions';
import { readSid } from '../../../shared/n8n/parameters';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { sidField } from '../common';

function countryField(displayOptions: { show: Show }): INodeProperties {
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

/** Country codes upper case (ca → CA); `all` stays as Twilio spells it. */
function readCountry(context: IExecuteFunctions, itemIndex: number): string {
	const country = readSid(context, 'country', itemIndex);
	return country.toLowerCase() === 'all' ? 'all' : country.toUpperCase();
}

/** A messaging configuration is found by its Verify Service and its country. */
export function configurationKeyFields(displayOptions: { show: Show }): INodeProperties[] {
	return [serviceField(displayOptions), countryField(displayOptions)];
}

export function readConfigurationKey(context: IExecuteFunctions, client: VerifyClient, itemIndex: number): [string, string] {
	return [readServiceSid(context, client, itemIndex), readCountry(context, itemIndex)];
}

/** Create and update both say which Messaging Service sends the codes to the country. */
export function configurationFields(displayOptions: { show: Show }): INodeProperties[] {
	return [
		...configurationKeyFields(displayOptions),
		sidField(
			'messagingServiceSid',
			'Messaging Service SID',
			'MG',
			displayOptions,
			'The Messaging Service that sends the codes to this country',
		),
	];
}

/** The values of `configurationFields`, in the order the messaging configuration calls take them. */
export function readConfiguration(context: IExecuteFunctions, client: VerifyClient, itemIndex: number): [string, string, string] {
	return [...readConfigurationKey(context, client, itemIndex), readSid(context, 'messagingServiceSid', itemIndex)];
}
