/**
 * What Twilio POSTs about a Verify Service, as one flat camelCase item per event:
 * - a Verify webhook (Push and TOTP: factor.created, challenge.approved, …): form parameters `type`, `uuid`,
 *   `account_sid`, `service_sid`, `entity_identity`, `factor_sid`, … with details and metadata as JSON text;
 * - Verify Events through an Event Streams webhook sink (verification pending, approved, canceled, expired, …): a
 *   CloudEvents JSON object, or an array of them, whose `type` is `com.twilio.accountsecurity.verify.<event>`.
 */

const EVENT_STREAMS_PREFIX = 'com.twilio.accountsecurity.verify.';

export type VerifyEventItem = Record<string, unknown> & {
	/** e.g. `challenge.approved`, `verification.expired` */
	eventType: string;
	eventId: string | null;
	/** `verifyWebhook` (form-encoded) or `eventStreams` (CloudEvents) */
	deliveredBy: 'verifyWebhook' | 'eventStreams';
	serviceSid: string | null;
};

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

function camelizeKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(camelizeKeys);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).map(([key, child]) => [camel(key), camelizeKeys(child)]));
}

/** Details and metadata arrive as JSON text in form posts; parsed when they are JSON objects or arrays. */
function parseJsonText(value: unknown): unknown {
	if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

function fromWebhookForm(form: Record<string, unknown>): VerifyEventItem {
	const { type, uuid, ...rest } = form;
	const fields = Object.fromEntries(Object.entries(rest).map(([key, value]) => [camel(key), camelizeKeys(parseJsonText(value))]));
	return {
		...fields,
		eventType: String(type),
		eventId: text(uuid),
		deliveredBy: 'verifyWebhook',
		serviceSid: text(form.service_sid),
	};
}

function fromCloudEvent(event: Record<string, unknown>): VerifyEventItem {
	const type = String(event.type);
	const data = (event.data && typeof event.data === 'object' ? camelizeKeys(event.data) : {}) as Record<string, unknown>;
	return {
		...data,
		eventType: type.startsWith(EVENT_STREAMS_PREFIX) ? type.slice(EVENT_STREAMS_PREFIX.length) : type,
		eventId: text(event.id),
		deliveredBy: 'eventStreams',
		serviceSid: text(data.serviceSid),
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const isCloudEvent = (value: unknown): value is Record<string, unknown> =>
	isObject(value) && typeof value.type === 'string' && 'specversion' in value;

/** The events in a request body Twilio sent; empty when the body is neither shape. */
export function readVerifyEvents(body: unknown): VerifyEventItem[] {
	if (Array.isArray(body)) return body.filter(isCloudEvent).map(fromCloudEvent);
	if (isCloudEvent(body)) return [fromCloudEvent(body)];
	if (isObject(body) && typeof body.type === 'string' && body.type !== '') return [fromWebhookForm(body)];
	return [];
}

/**
 * Whether an event is one the trigger listens to: about its service (an Event Streams sink sends every service of the
 * account), and of a chosen type (Event Streams events always: their subscription chooses the types).
 */
export function isWantedEvent(event: VerifyEventItem, eventTypes: readonly string[], serviceSid?: string): boolean {
	if (serviceSid && event.serviceSid && event.serviceSid !== serviceSid) return false;
	if (event.deliveredBy === 'eventStreams') return true;
	return eventTypes.includes('*') || eventTypes.includes(event.eventType);
}
