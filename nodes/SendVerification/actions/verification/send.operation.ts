import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ConfigurationError } from '../../../shared/core/errors';
import { maskRecipient } from '../../../shared/core/phones';
import type { VerifyClient } from '../../../shared/core/verify/client';
import type { VerifyChannel } from '../../../shared/core/verify/types';
import { recipientProperties, serviceLocator } from '../../../shared/n8n/properties';
import { readRecipient } from '../../../shared/n8n/recipient';
import { readServiceSid } from '../../../shared/n8n/transport';

const show = { operation: ['send'] };

export const description: INodeProperties[] = [
	{ ...serviceLocator, displayOptions: { show } },
	...recipientProperties(show),
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'sms',
		options: [
			{ name: 'SMS', value: 'sms' },
			{ name: 'Voice Call', value: 'call' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		description: 'How the code reaches the phone',
		displayOptions: { show: { ...show, recipientType: ['phone'] } },
	},
	{
		displayName: 'Options',
		name: 'sendOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Channel Configuration (JSON)',
				name: 'channelConfiguration',
				type: 'json',
				default: '{}',
				description: 'Channel-specific settings, e.g. an email template ID and substitutions for the email channel',
			},
			{
				displayName: 'Custom Code',
				name: 'customCode',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'A code you generated yourself; the Verify Service must allow custom codes',
			},
			{
				displayName: 'Custom Friendly Name',
				name: 'customFriendlyName',
				type: 'string',
				default: '',
				description: "Replaces the Verify Service's name in the message",
			},
			{
				displayName: 'Locale',
				name: 'locale',
				type: 'string',
				default: '',
				placeholder: 'en',
				description: 'Language of the message, e.g. en, fr, pt-BR. Empty lets Twilio pick from the phone number.',
			},
			{
				displayName: 'Rate Limit Values',
				name: 'rateLimits',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: "Values for the Verify Service's rate limits, keyed by the rate limit's unique name",
				options: [
					{
						displayName: 'Value',
						name: 'values',
						values: [
							{ displayName: 'Unique Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Key/value tags Twilio keeps with the verification, for your own reporting',
				options: [
					{
						displayName: 'Tag',
						name: 'values',
						values: [
							{ displayName: 'Key', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Template SID',
				name: 'templateSid',
				type: 'string',
				default: '',
				placeholder: 'HJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
				description: 'A message template approved for your account',
			},
		],
	},
];

type NameValues = { values?: Array<{ name: string; value: string }> };

function toRecord(collection: NameValues | undefined): Record<string, string> | undefined {
	const entries = (collection?.values ?? []).filter((entry) => entry.name);
	return entries.length ? Object.fromEntries(entries.map((entry) => [entry.name, entry.value])) : undefined;
}

/** Channel Configuration is set by the workflow builder: a malformed one is a setup mistake, not an outcome. */
function parseJsonObject(value: unknown): Record<string, unknown> | undefined {
	if (value === undefined || value === '' || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined; // reported just below
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new ConfigurationError('INVALID_CHANNEL_CONFIGURATION', 'Channel Configuration must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

export async function execute(this: IExecuteFunctions, client: VerifyClient, itemIndex: number): Promise<IDataObject> {
	const serviceSid = readServiceSid(this, client, itemIndex);
	const to = await readRecipient(this, itemIndex);
	const channel = (to.includes('@') ? 'email' : this.getNodeParameter('channel', itemIndex, 'sms')) as VerifyChannel;
	const options = this.getNodeParameter('sendOptions', itemIndex, {}) as IDataObject;

	const verification = await client.send({
		serviceSid,
		to,
		channel,
		locale: (options.locale as string) || undefined,
		customFriendlyName: (options.customFriendlyName as string) || undefined,
		customCode: (options.customCode as string) || undefined,
		templateSid: (options.templateSid as string) || undefined,
		channelConfiguration: parseJsonObject(options.channelConfiguration),
		rateLimits: toRecord(options.rateLimits as NameValues),
		tags: toRecord(options.tags as NameValues),
	});
	return { ok: true, ...verification, toMasked: maskRecipient(to) };
}
