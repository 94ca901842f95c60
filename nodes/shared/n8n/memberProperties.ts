/**
 * Parameters shared by Member Register and Member Login. Defaults read the Webhook node's body, so a sample webhook
 * workflow needs no expressions typed by hand; every field can be changed to any expression.
 */
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MEMBER_POLICY, type NumericPolicy } from '../core/members';
import type { Show } from './displayOptions';
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

export function passwordField(displayOptions: { show: Show }): INodeProperties {
	return bodyField('password', 'Password', displayOptions, { typeOptions: { password: true } });
}

export function phoneFields(displayOptions: { show: Show }): INodeProperties[] {
	return [
		bodyField('phone', 'Phone Number', displayOptions, { description: 'E.164 (+14155550123), or a national number with a country' }),
		bodyField('country', 'Country', displayOptions, {
			required: false,
			default: '={{ $json.body.country ?? "" }}',
			description: 'ISO 3166-1 alpha-2 or alpha-3 code, needed when the phone number is national',
		}),
	];
}

export function channelField(displayOptions: { show: Show }): INodeProperties {
	return bodyField('channel', 'Channel', displayOptions, {
		required: false,
		default: '={{ $json.body.channel ?? "sms" }}',
		description: 'How the code is sent: sms, call or whatsapp',
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

/** Each Security option: its label and help; the default is always the core policy's. */
const SECURITY_OPTIONS: Array<{ name: keyof NumericPolicy; displayName: string; description: string }> = [
	{ name: 'challengeTtlMinutes', displayName: 'Code Lifetime (Minutes)', description: 'How long a registration or login code stays usable' },
	{ name: 'lockMinutes', displayName: 'Lock Duration (Minutes)', description: 'How long an account stays locked after too many wrong passwords' },
	{ name: 'maxSendsPerIpPer10Min', displayName: 'Max Codes per IP per 10 Minutes', description: "Applied when the caller's IP address is known" },
	{ name: 'maxSendsPerHour', displayName: 'Max Codes per Hour (All Phones)', description: 'A budget for the whole member store, against SMS pumping' },
	{ name: 'maxFailedLoginsPerEmailPerHour', displayName: 'Max Wrong Passwords per Email per Hour', description: 'From all addresses together, before the email is locked for the rest of the hour' },
	{ name: 'maxWrongCodesPerPhonePerHour', displayName: 'Max Wrong Codes per Phone per Hour', description: 'Across all of the phone\'s codes' },
	{ name: 'trustedProxyHops', displayName: 'Trusted Proxy Hops', description: 'Reverse proxies of your own in front of n8n (0 when n8n faces the internet directly: no address is trusted then)' },
	{ name: 'maxSendsPerPhonePer10Min', displayName: 'Max Codes per Phone per 10 Minutes', description: 'Codes sent to one phone in 10 minutes' },
	{ name: 'maxCodeAttempts', displayName: 'Max Wrong Codes', description: 'Wrong codes before the code stops working' },
	{ name: 'maxFailedLogins', displayName: 'Max Wrong Passwords per Address', description: 'Wrong passwords for one email from one address before that address is locked out of it' },
	{ name: 'minPasswordLength', displayName: 'Min Password Length', description: 'Shortest password accepted at registration' },
	{ name: 'resendCooldownSeconds', displayName: 'Resend Cool-Down (Seconds)', description: 'Minimum wait between two codes to the same phone' },
];

function securityOption(option: (typeof SECURITY_OPTIONS)[number]): INodeProperties {
	return { ...option, type: 'number', default: DEFAULT_MEMBER_POLICY[option.name] };
}

/** Limits of the member flows, overriding the core policy's defaults for this node. */
export function securityOptions(displayOptions: { show: Show }): INodeProperties {
	return {
		displayName: 'Security',
		name: 'security',
		type: 'collection',
		placeholder: 'Change a Limit',
		default: {},
		displayOptions,
		options: [
			...SECURITY_OPTIONS.map(securityOption),
			{
				displayName: 'Allowed Countries',
				name: 'allowedCountries',
				type: 'string',
				default: '',
				placeholder: 'US, CA, GB',
				description: 'ISO 3166-1 alpha-2 codes, comma-separated, of the countries codes may be sent to. Empty allows every country.',
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
			},
		],
	};
}
