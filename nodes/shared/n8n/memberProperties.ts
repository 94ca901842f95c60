/**
 * Parameters shared by Member Register and Member Login. Defaults read the Webhook node's body, so a sample webhook
 * workflow needs no expressions typed by hand; every field can be changed to any expression.
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MEMBER_POLICY, type NumericPolicy } from '../core/members';
import type { Show } from './displayOptions';
import type { SecurityTopic } from './operations';
import { choiceField } from './choiceField';

export function bodyField(
	name: string,
	displayName: string,
	displayOptions: { show: Show },
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: `={{ $json.body.${name} }}`,
		required: true,
		displayOptions,
		...extra,
	} as INodeProperties;
}

/** A request value the caller may leave out: empty when the body does not carry it. */
export function optionalBodyField(
	name: string,
	displayName: string,
	displayOptions: { show: Show },
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return bodyField(name, displayName, displayOptions, { required: false, default: `={{ $json.body.${name} ?? "" }}`, description, ...extra });
}

export function passwordField(displayOptions: { show: Show }): INodeProperties {
	return bodyField('password', 'Password', displayOptions, { typeOptions: { password: true } });
}

export function phoneFields(displayOptions: { show: Show }): INodeProperties[] {
	return [
		bodyField('phone', 'Phone Number', displayOptions, { description: 'E.164 (+14155550123), or a national number with a country' }),
		optionalBodyField('country', 'Country', displayOptions, 'ISO 3166-1 alpha-2 or alpha-3 code, needed when the phone number is national'),
	];
}

export function channelField(displayOptions: { show: Show }): INodeProperties {
	return optionalBodyField('channel', 'Channel', displayOptions, 'How the code is sent: sms, call or whatsapp', {
		default: '={{ $json.body.channel ?? "sms" }}',
	});
}

export function forwardedForField(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'X-Forwarded-For Header',
		name: 'forwardedFor',
		type: 'string',
		default: '={{ $json.headers?.["x-forwarded-for"] ?? "" }}',
		description:
			"The request's X-Forwarded-For header, as is. The caller's address is the entry your own proxies added (Security → Trusted Proxy Hops); it limits codes and password guesses per address.",
		displayOptions,
	};
}

export function approvalField(displayOptions: { show: Show }): INodeProperties {
	const options: Parameters<typeof choiceField>[2] = [
		{ name: 'Active at Once', value: 'auto', description: 'The member gets a session token right away' },
		{ name: 'Wait for Approval', value: 'manual', description: 'The member is pending until an Approve Member operation' },
	];
	return choiceField('New Members', 'approval', options, { displayOptions });
}

/** Each Security option: the group it belongs to, its label and help; the default is always the core policy's. */
const SECURITY_OPTIONS: Array<{ topic: SecurityTopic; name: keyof NumericPolicy; displayName: string; description: string }> = [
	{ topic: 'sends', name: 'challengeTtlMinutes', displayName: 'Code Lifetime (Minutes)', description: 'How long a code stays usable' },
	{ topic: 'sends', name: 'resendCooldownSeconds', displayName: 'Resend Cool-Down (Seconds)', description: 'Minimum wait between two codes to one phone while one is pending' },
	{ topic: 'sends', name: 'maxSendsPerPhonePer10Min', displayName: 'Codes per Phone, 10 Minutes', description: 'Codes sent to one phone in 10 minutes' },
	{ topic: 'sends', name: 'maxSendsPerIpPer10Min', displayName: 'Codes per Address, 10 Minutes', description: "Codes requested from one IP address (IPv6: one /64) in 10 minutes, when the caller's address is known" },
	{ topic: 'sends', name: 'maxSendsPerHour', displayName: 'Codes per Hour, All Phones', description: 'A budget for the whole member store, against SMS pumping' },
	{ topic: 'sends', name: 'trustedProxyHops', displayName: 'Trusted Proxy Hops', description: 'Reverse proxies of your own in front of n8n that append to X-Forwarded-For (0: none, no address is trusted)' },
	{ topic: 'codes', name: 'maxCodeAttempts', displayName: 'Wrong Codes per Code', description: 'Wrong codes before a code stops working' },
	{ topic: 'codes', name: 'maxWrongCodesPerPhonePerHour', displayName: 'Wrong Codes per Phone, Hour', description: "Across all of the phone's codes" },
	{ topic: 'passwords', name: 'maxFailedLogins', displayName: 'Wrong Passwords per Address', description: 'Wrong passwords for one email from one address before that address is locked out of it' },
	{ topic: 'passwords', name: 'lockMinutes', displayName: 'Lock Duration (Minutes)', description: 'How long an address stays locked out of an email after too many wrong passwords' },
	{ topic: 'passwords', name: 'maxFailedLoginsPerEmailPerHour', displayName: 'Wrong Passwords per Email, Hour', description: 'From all addresses together, before the email is locked for the rest of the hour' },
	{ topic: 'newPasswords', name: 'minPasswordLength', displayName: 'Min Password Length', description: 'Shortest new password accepted' },
	{ topic: 'devices', name: 'trustedDeviceDays', displayName: 'Remember Device Days', description: 'How long "remember this device" skips the second step at password logins' },
];

/** Shown only for the operations whose Security topics include `topic` (`/operation`: the node's own parameter). */
function forTopic(topic: SecurityTopic, operations: Record<string, { security: readonly SecurityTopic[] }>) {
	const names = Object.entries(operations)
		.filter(([, operation]) => operation.security.includes(topic))
		.map(([name]) => name);
	return { show: { '/operation': names } };
}

function securityOption(
	option: (typeof SECURITY_OPTIONS)[number],
	operations: Record<string, { security: readonly SecurityTopic[] }>,
): INodeProperties {
	const { topic, ...shown } = option;
	return { ...shown, type: 'number', default: DEFAULT_MEMBER_POLICY[option.name], displayOptions: forTopic(topic, operations) };
}

/** Limits of the member flows, overriding the core policy's defaults for this node. */
export function securityOptions(
	displayOptions: { show: Show },
	operations: Record<string, { security: readonly SecurityTopic[] }>,
): INodeProperties {
	return {
		displayName: 'Security',
		name: 'security',
		type: 'collection',
		placeholder: 'Change a Limit',
		default: {},
		displayOptions,
		options: [
			...SECURITY_OPTIONS.map((option) => securityOption(option, operations)),
			{
				displayName: 'Allowed Countries',
				name: 'allowedCountries',
				type: 'string',
				default: '',
				placeholder: 'US, CA, GB',
				description: 'ISO 3166-1 alpha-2 codes, comma-separated, of the countries codes may be sent to. Empty allows every country.',
				displayOptions: forTopic('sends', operations),
			},
			{
				displayName: 'Allowed Channels',
				name: 'allowedChannels',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'SMS', value: 'sms' },
					{ name: 'Voice Call', value: 'call' },
					{ name: 'WhatsApp', value: 'whatsapp' },
				],
				description: 'Channels codes may be sent by. None selected allows every channel.',
				displayOptions: forTopic('sends', operations),
			},
		],
	};
}
