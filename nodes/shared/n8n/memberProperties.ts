/**
 * Parameters shared by Member Register and Member Login. Defaults read the Webhook node's body, so a sample webhook
 * workflow needs no expressions typed by hand; every field can be changed to any expression.
 */
import type { INodeProperties } from 'n8n-workflow';

type Show = Record<string, string[]>;

export function bodyField(
	name: string,
	displayName: string,
	show: Show,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: `={{ $json.body.${name} }}`,
		required: true,
		displayOptions: { show },
		...extra,
	} as INodeProperties;
}

export function passwordField(show: Show): INodeProperties {
	return bodyField('password', 'Password', show, { typeOptions: { password: true } });
}

export function phoneFields(show: Show): INodeProperties[] {
	return [
		bodyField('phone', 'Phone Number', show, { description: 'E.164 (+14155550123), or a national number with a country' }),
		bodyField('country', 'Country', show, {
			required: false,
			default: '={{ $json.body.country ?? "" }}',
			description: 'ISO 3166-1 alpha-2 or alpha-3 code, needed when the phone number is national',
		}),
	];
}

export function channelField(show: Show): INodeProperties {
	return bodyField('channel', 'Channel', show, {
		required: false,
		default: '={{ $json.body.channel ?? "sms" }}',
		description: 'How the code is sent: sms, call or whatsapp',
	});
}

export function clientIpField(show: Show): INodeProperties {
	return {
		displayName: "Caller's IP Address",
		name: 'clientIp',
		type: 'string',
		default: '={{ $json.headers?.["x-forwarded-for"]?.split(",")[0]?.trim() ?? "" }}',
		description: 'Limits codes sent per IP address. Leave empty to skip the per-IP limit.',
		displayOptions: { show },
	};
}

export const approvalField = (show: Show): INodeProperties => ({
	displayName: 'New Members',
	name: 'approval',
	type: 'options',
	default: 'auto',
	options: [
		{ name: 'Active at Once', value: 'auto', description: 'The member gets a session token right away' },
		{ name: 'Wait for Approval', value: 'manual', description: 'The member is pending until an Approve Member operation' },
	],
	displayOptions: { show },
});

/** Limits of the member flows; the defaults are DEFAULT_MEMBER_POLICY's (a test keeps them equal). */
export const securityOptions: INodeProperties = {
	displayName: 'Security',
	name: 'security',
	type: 'collection',
	placeholder: 'Change a Limit',
	default: {},
	options: [
		{
			displayName: 'Code Lifetime (Minutes)',
			name: 'challengeTtlMinutes',
			type: 'number',
			default: 10,
			description: "How long a registration or login code stays usable",
		},
		{
			displayName: 'Lock Duration (Minutes)',
			name: 'lockMinutes',
			type: 'number',
			default: 15,
			description: "How long an account stays locked after too many wrong passwords",
		},
		{
			displayName: 'Max Codes per IP per 10 Minutes',
			name: 'maxSendsPerIpPer10Min',
			type: 'number',
			default: 20,
			description: "Applied when the caller's IP address is given",
		},
		{
			displayName: 'Max Codes per Phone per 10 Minutes',
			name: 'maxSendsPerPhonePer10Min',
			type: 'number',
			default: 5,
			description: "Codes sent to one phone in 10 minutes",
		},
		{
			displayName: 'Max Wrong Codes',
			name: 'maxCodeAttempts',
			type: 'number',
			default: 5,
			description: "Wrong codes before the code stops working",
		},
		{
			displayName: 'Max Wrong Passwords',
			name: 'maxFailedLogins',
			type: 'number',
			default: 5,
			description: "Wrong passwords in a row before the account is locked",
		},
		{
			displayName: 'Min Password Length',
			name: 'minPasswordLength',
			type: 'number',
			default: 8,
			description: "Shortest password accepted at registration",
		},
		{
			displayName: 'Resend Cool-Down (Seconds)',
			name: 'resendCooldownSeconds',
			type: 'number',
			default: 30,
			description: "Minimum wait between two codes to the same phone",
		},
	],
};
