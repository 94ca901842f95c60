import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { WEBHOOK_EVENT_TYPES, type WebhookFields } from '../../../shared/core/verify/types';
import { choiceField } from '../../../shared/n8n/choiceField';
import type { Show } from '../../../shared/n8n/displayOptions';
import { additionalFieldsField, updateFieldsField } from '../common';

const EVENT_NAMES: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
	'*': 'All Events',
	'challenge.approved': 'Challenge Approved',
	'challenge.denied': 'Challenge Denied',
	'factor.created': 'Factor Created',
	'factor.deleted': 'Factor Deleted',
	'factor.verified': 'Factor Verified',
};

const eventTypes: Omit<INodeProperties, 'displayOptions'> = {
	displayName: 'Event Types',
	name: 'eventTypes',
	type: 'multiOptions',
	default: [],
	options: WEBHOOK_EVENT_TYPES.map((value) => ({ name: EVENT_NAMES[value], value })),
	description: 'The Verify events the webhook receives',
};

const optionalFields: INodeProperties[] = [
	{ ...eventTypes },
	{ displayName: 'Friendly Name', name: 'friendlyName', type: 'string', default: '' },
	choiceField('Status', 'status', [
		{ name: 'Enabled', value: 'enabled' },
		{ name: 'Disabled', value: 'disabled' },
	]),
	choiceField('Version', 'version', [
		{ name: 'V2', value: 'v2', description: 'Every current field' },
		{ name: 'V1 (Legacy)', value: 'v1' },
	]),
	{ displayName: 'Webhook URL', name: 'webhookUrl', type: 'string', default: '', placeholder: 'https://example.com/verify-events' },
];

export function webhookCreateFields(displayOptions: { show: Show }): INodeProperties[] {
	return [
		{ displayName: 'Friendly Name', name: 'friendlyName', type: 'string', default: '', required: true, displayOptions },
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/verify-events',
			displayOptions,
		},
		{ ...eventTypes, required: true, displayOptions },
		additionalFieldsField(displayOptions, optionalFields.filter((field) => field.name === 'status' || field.name === 'version')),
	];
}

export function webhookUpdateFields(displayOptions: { show: Show }): INodeProperties {
	return updateFieldsField(displayOptions, optionalFields);
}

/** The fields set in a collection, empty text and lists read as not given. */
export function toWebhookFields(values: IDataObject): WebhookFields {
	const fields: WebhookFields = {};
	if (typeof values.friendlyName === 'string' && values.friendlyName.trim()) fields.friendlyName = values.friendlyName.trim();
	if (typeof values.webhookUrl === 'string' && values.webhookUrl.trim()) fields.webhookUrl = values.webhookUrl.trim();
	if (Array.isArray(values.eventTypes) && values.eventTypes.length) fields.eventTypes = values.eventTypes.map(String);
	if (values.status === 'enabled' || values.status === 'disabled') fields.status = values.status;
	if (values.version === 'v1' || values.version === 'v2') fields.version = values.version;
	return fields;
}
