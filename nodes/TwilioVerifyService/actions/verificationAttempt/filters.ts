/** The filters of the attempts list and summary, and reading them into the core's filter object. */
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ConfigurationError } from '../../../shared/core/errors';
import { isSid } from '../../../shared/core/verify/client';
import { ATTEMPT_CHANNELS, type AttemptChannel, type AttemptListFilters, type AttemptSummaryFilters } from '../../../shared/core/verify/types';
import { choiceField } from '../../../shared/n8n/choiceField';
import type { Show } from '../../../shared/n8n/displayOptions';
import { serviceField } from '../../../shared/n8n/verifyService';
import { filtersField, textFilter } from '../common';

const CHANNEL_NAMES: Record<AttemptChannel, string> = { call: 'Call', email: 'Email', rbm: 'RCS (RBM)', sms: 'SMS', whatsapp: 'WhatsApp' };
const channelOptions: INodePropertyOptions[] = ATTEMPT_CHANNELS.map((value) => ({ name: CHANNEL_NAMES[value], value })).sort((a, b) =>
	a.name.localeCompare(b.name),
);

/** Optional here: empty means every Verify Service of the account (not the credential's default). */
export function attemptServiceField(displayOptions: { show: Show }): INodeProperties {
	return {
		...serviceField(displayOptions),
		description: 'Only attempts of this Verify Service. Leave empty for every Verify Service of the account.',
	};
}

const common: INodeProperties[] = [
	{ displayName: 'Channel', name: 'channel', type: 'options', default: 'sms', options: channelOptions },
	textFilter('Country', 'country', 'US', 'Destination country, as an ISO 3166-1 alpha-2 code'),
	{ displayName: 'Created After', name: 'dateCreatedAfter', type: 'dateTime', default: '' },
	{ displayName: 'Created Before', name: 'dateCreatedBefore', type: 'dateTime', default: '' },
];

function sorted(fields: INodeProperties[]): INodeProperties[] {
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function listFilters(displayOptions: { show: Show }): INodeProperties {
	return filtersField(
		displayOptions,
		sorted([
			...common,
			choiceField('Conversion Status', 'status', [
				{ name: 'Converted', value: 'converted', description: 'The right code was entered' },
				{ name: 'Unconverted', value: 'unconverted' },
			]),
			textFilter('To', 'to', '+14155552671', 'Destination phone number in E.164 format'),
			textFilter('Verification SID', 'verificationSid', 'VExxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'),
		]),
	);
}

export function summaryFilters(displayOptions: { show: Show }): INodeProperties {
	return filtersField(
		displayOptions,
		sorted([
			...common,
			textFilter('Destination Prefix', 'destinationPrefix', '+44', 'Only destinations whose E.164 number starts with this'),
		]),
	);
}

function readDate(value: unknown, label: string): Date | undefined {
	if (value === undefined || value === '' || value === null) return undefined;
	const date = new Date(String(value));
	if (Number.isNaN(date.getTime())) throw new ConfigurationError('INVALID_PARAMETER', `"${String(value)}" is not a date for ${label}`);
	return date;
}

function text(value: unknown): string | undefined {
	const trimmed = typeof value === 'string' ? value.trim() : '';
	return trimmed || undefined;
}

function readServiceFilter(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const serviceSid = text(context.getNodeParameter('serviceSid', itemIndex, '', { extractValue: true }));
	if (serviceSid && !isSid(serviceSid, 'VA')) {
		throw new ConfigurationError('INVALID_SERVICE_SID', `"${serviceSid}" is not a Verify Service SID (VA followed by 32 hex digits)`);
	}
	return serviceSid;
}

/** Only the filters given, in the core's terms; the collection shows only those its operation takes. */
export function readFilters(context: IExecuteFunctions, itemIndex: number): AttemptListFilters & AttemptSummaryFilters {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const read: AttemptListFilters & AttemptSummaryFilters = {
		verifyServiceSid: readServiceFilter(context, itemIndex),
		dateCreatedAfter: readDate(filters.dateCreatedAfter, 'Created After'),
		dateCreatedBefore: readDate(filters.dateCreatedBefore, 'Created Before'),
		country: text(filters.country)?.toUpperCase(),
		channel: text(filters.channel) as AttemptChannel | undefined,
		to: text(filters.to),
		verificationSid: text(filters.verificationSid),
		status: text(filters.status) as AttemptListFilters['status'],
		destinationPrefix: text(filters.destinationPrefix),
	};
	return Object.fromEntries(Object.entries(read).filter(([, value]) => value !== undefined));
}
