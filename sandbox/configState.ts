/** Third layer of the state engine (see serviceState.ts): a Service's webhooks and messaging configurations. */
import { twilioErrors } from './errors';
import { RequestParams } from './params';
import type { MessagingConfigurationRecord, WebhookRecord } from './records';
import { RateLimitState } from './rateLimitState';
import type { ParamsSource } from './serviceState';
import { newSid } from './values';

/** The events a Verify webhook may subscribe to (Twilio's list). */
export const WEBHOOK_EVENT_TYPES = [
	'*',
	'factor.deleted',
	'factor.created',
	'factor.verified',
	'challenge.approved',
	'challenge.denied',
] as const;

const WEBHOOK_STATUSES = ['enabled', 'disabled'] as const;
const WEBHOOK_VERSIONS = ['v1', 'v2'] as const;
/** ISO 3166-1 alpha-2, or `all` for the configuration used when no country matches. */
const COUNTRY_PATTERN = /^([A-Z]{2}|all)$/;

/** Every value of a repeated form field (EventTypes=a&EventTypes=b), or of an array given directly. */
export function allValues(source: ParamsSource, name: string): string[] | undefined {
	if (source instanceof URLSearchParams) return source.has(name) ? source.getAll(name) : undefined;
	const value = source[name];
	if (value === undefined || value === null) return undefined;
	return Array.isArray(value) ? value.map(String) : [String(value)];
}

function readEventTypes(source: ParamsSource, required: boolean): string[] | undefined {
	const eventTypes = allValues(source, 'EventTypes')?.filter((eventType) => eventType !== '');
	if (eventTypes === undefined || eventTypes.length === 0) {
		if (required) throw twilioErrors.missingParameter('EventTypes');
		return undefined;
	}
	if (!eventTypes.every((eventType) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(eventType))) {
		throw twilioErrors.invalidParameter('EventTypes');
	}
	return [...new Set(eventTypes)];
}

function readWebhookUrl(params: RequestParams, required: boolean): string | undefined {
	const url = required ? params.requiredString('WebhookUrl') : params.string('WebhookUrl');
	if (url === undefined) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw twilioErrors.invalidParameter('WebhookUrl');
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw twilioErrors.invalidParameter('WebhookUrl');
	return url;
}

export class ConfigState extends RateLimitState {
	// --- Webhooks ---

	createWebhook(accountSid: string, serviceSid: string, rawParams: ParamsSource): WebhookRecord {
		const service = this.getService(accountSid, serviceSid);
		const params = new RequestParams(rawParams);
		const friendlyName = params.requiredString('FriendlyName');
		const eventTypes = readEventTypes(rawParams, true) as string[];
		const webhookUrl = readWebhookUrl(params, true) as string;
		return this.webhooks.create(this.currentTime(), {
			sid: newSid('YW'),
			serviceSid: service.sid,
			accountSid,
			friendlyName,
			eventTypes,
			status: params.oneOf('Status', WEBHOOK_STATUSES) ?? 'enabled',
			version: params.oneOf('Version', WEBHOOK_VERSIONS) ?? 'v2',
			webhookUrl,
		});
	}

	/** A Service's webhooks (tests read them directly). */
	listWebhooks(accountSid: string, serviceSid: string): WebhookRecord[] {
		return this.webhooks.list([accountSid, serviceSid]);
	}

	updateWebhook(accountSid: string, serviceSid: string, webhookSid: string, rawParams: ParamsSource): WebhookRecord {
		const webhook = this.webhooks.find([accountSid, serviceSid, webhookSid]);
		const params = new RequestParams(rawParams);
		const friendlyName = params.string('FriendlyName');
		if (friendlyName === '') throw twilioErrors.invalidParameter('FriendlyName');
		const eventTypes = readEventTypes(rawParams, false);
		const webhookUrl = readWebhookUrl(params, false);
		const status = params.oneOf('Status', WEBHOOK_STATUSES);
		const version = params.oneOf('Version', WEBHOOK_VERSIONS);
		if (friendlyName !== undefined) webhook.friendlyName = friendlyName;
		if (eventTypes !== undefined) webhook.eventTypes = eventTypes;
		if (webhookUrl !== undefined) webhook.webhookUrl = webhookUrl;
		if (status !== undefined) webhook.status = status;
		if (version !== undefined) webhook.version = version;
		webhook.updatedAt = this.currentTime();
		return webhook;
	}

	deleteWebhook(accountSid: string, serviceSid: string, webhookSid: string): void {
		this.webhooks.remove([accountSid, serviceSid, webhookSid]);
	}

	// --- Messaging configurations ---

	createMessagingConfiguration(
		accountSid: string,
		serviceSid: string,
		rawParams: ParamsSource,
	): MessagingConfigurationRecord {
		const service = this.getService(accountSid, serviceSid);
		const params = new RequestParams(rawParams);
		const country = params.requiredString('Country');
		params.requiredString('MessagingServiceSid');
		const messagingServiceSid = params.sid('MessagingServiceSid', 'MG') as string;
		if (!COUNTRY_PATTERN.test(country)) throw twilioErrors.invalidParameter('Country');
		const key = `${service.sid}/${country}`;
		if (this.messagingConfigurations.has(key)) throw twilioErrors.duplicateMessagingConfiguration();
		const configuration = { sid: country, serviceSid: service.sid, accountSid, country, messagingServiceSid };
		return this.messagingConfigurations.create(this.currentTime(), configuration, key);
	}

	updateMessagingConfiguration(
		accountSid: string,
		serviceSid: string,
		country: string,
		rawParams: ParamsSource,
	): MessagingConfigurationRecord {
		const configuration = this.messagingConfigurations.find([accountSid, serviceSid, country]);
		const params = new RequestParams(rawParams);
		params.requiredString('MessagingServiceSid');
		configuration.messagingServiceSid = params.sid('MessagingServiceSid', 'MG') as string;
		configuration.updatedAt = this.currentTime();
		return configuration;
	}

	deleteMessagingConfiguration(accountSid: string, serviceSid: string, country: string): void {
		this.messagingConfigurations.remove([accountSid, serviceSid, country]);
	}
}
