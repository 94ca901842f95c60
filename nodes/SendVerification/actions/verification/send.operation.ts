import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { clientIpFrom } from '../../../shared/core/clientIp';
import { ConfigurationError } from '../../../shared/core/errors';
import { maskRecipient, readChannel } from '../../../shared/core/phones';
import type { VerifyClient } from '../../../shared/core/verify/client';
import type { VerifyChannel } from '../../../shared/core/verify/types';
import { showFor, withCondition } from '../../../shared/n8n/displayOptions';
import { nameValueCollection, readNameValues } from '../../../shared/n8n/nameValues';
import { optionalText, readParameter } from '../../../shared/n8n/parameters';
import { readRecipient, recipientProperties } from '../../../shared/n8n/recipient';
import { readServiceSid, serviceField } from '../../../shared/n8n/verifyService';
import { choiceField } from '../../../shared/n8n/choiceField';

export const option = { name: 'Send', action: 'Send a verification code', description: 'Send a code by SMS, voice call, WhatsApp or email' };

const shown = showFor(['send']);

export const description: INodeProperties[] = [
	{
		displayName:
			'Running this node sends a real code (an SMS, a call or an email) each time, also from the editor, unless the number is one of the credential\'s test numbers',
		name: 'sendsRealCodes',
		type: 'notice',
		default: '',
		displayOptions: shown,
	},
	serviceField(shown),
	...recipientProperties(shown),
	choiceField(
		'Channel',
		'channel',
		[
			{ name: 'SMS', value: 'sms' },
			{ name: 'Voice Call', value: 'call' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		{ description: 'How the code reaches the phone', displayOptions: withCondition(shown, { recipientType: ['phone'] }) },
	),
	{
		displayName: 'Options',
		name: 'sendOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: shown,
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
				displayName: 'Rate Limit: Caller Address',
				name: 'callerAddressRateLimit',
				type: 'string',
				default: '',
				placeholder: 'end_user_ip_address',
				description:
					"Unique name of the Verify Service's rate limit keyed by the caller's IP address; the node passes the address read from X-Forwarded-For (below). The Setup workflow creates end_user_ip_address.",
			},
			{
				displayName: 'Rate Limit: Phone',
				name: 'phoneRateLimit',
				type: 'string',
				default: '',
				placeholder: 'end_user_phone_number',
				description:
					"Unique name of the Verify Service's rate limit keyed by the phone; the node passes the number in E.164. The Setup workflow creates end_user_phone_number.",
			},
			nameValueCollection({
				displayName: 'Rate Limit Values',
				name: 'rateLimits',
				description: "Values for the Verify Service's rate limits, keyed by the rate limit's unique name",
				entry: 'Value',
				key: { displayName: 'Unique Name', name: 'name' },
			}),
			nameValueCollection({
				displayName: 'Tags',
				name: 'tags',
				description: 'Key/value tags Twilio keeps with the verification, for your own reporting',
				entry: 'Tag',
				key: { displayName: 'Key', name: 'name' },
			}),
			{
				displayName: 'Template SID',
				name: 'templateSid',
				type: 'string',
				default: '',
				placeholder: 'HJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
				description: 'A message template approved for your account',
			},
			{
				displayName: 'Trusted Proxy Hops',
				name: 'trustedProxyHops',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 0, maxValue: 10 },
				description: 'Reverse proxies of your own in front of n8n that append to X-Forwarded-For; the caller address is that many entries from the right',
			},
			{
				displayName: 'X-Forwarded-For Header',
				name: 'forwardedFor',
				type: 'string',
				default: '',
				placeholder: '={{ $json.headers["x-forwarded-for"] }}',
				description: "The request's X-Forwarded-For header, for the caller-address rate limit",
			},
		],
	},
];

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
	const channel: VerifyChannel = to.includes('@') ? 'email' : readChannel(readParameter(this, 'channel', itemIndex), 'sms');
	const options = this.getNodeParameter('sendOptions', itemIndex, {}) as IDataObject;

	const rateLimits = { ...readNameValues(options.rateLimits) };
	const phoneKey = optionalText(options.phoneRateLimit);
	if (phoneKey && !to.includes('@')) rateLimits[phoneKey] = to;
	const addressKey = optionalText(options.callerAddressRateLimit);
	const address = clientIpFrom(options.forwardedFor, Number(options.trustedProxyHops ?? 1));
	if (addressKey && address) rateLimits[addressKey] = address;

	const verification = await client.send({
		serviceSid,
		to,
		channel,
		locale: (options.locale as string) || undefined,
		customFriendlyName: (options.customFriendlyName as string) || undefined,
		customCode: (options.customCode as string) || undefined,
		templateSid: (options.templateSid as string) || undefined,
		channelConfiguration: parseJsonObject(options.channelConfiguration),
		rateLimits: Object.keys(rateLimits).length > 0 ? rateLimits : undefined,
		tags: readNameValues(options.tags),
	});
	return { ok: true, ...verification, toMasked: maskRecipient(to) };
}
