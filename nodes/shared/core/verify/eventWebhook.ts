/**
 * The Verify webhook a trigger owns on a Service: found by its URL, registered with the trigger's event types, and
 * removed again. The workflow engine keeps only its SID between these calls.
 */
import { ConfigurationError } from '../errors';
import type { VerifyClient } from './client';

export interface EventWebhookTarget {
	serviceSid: string;
	/** The trigger's public URL, exactly as registered at Twilio. */
	webhookUrl: string;
	eventTypes: string[];
}

export interface FoundEventWebhook {
	sid: string;
	/** Whether it is enabled, on API version v2 and subscribed to exactly the wanted event types. */
	upToDate: boolean;
}

const sameSet = (left: string[], right: string[]) =>
	left.length === right.length && [...left].sort().every((value, index) => value === [...right].sort()[index]);

/** The Service's webhook that calls this URL, if there is one. */
export async function findEventWebhook(client: VerifyClient, target: EventWebhookTarget): Promise<FoundEventWebhook | undefined> {
	const webhooks = await client.management.listWebhooks(target.serviceSid);
	const found = webhooks.find((webhook) => webhook.webhookUrl === target.webhookUrl);
	if (!found) return undefined;
	const eventTypes = Array.isArray(found.eventTypes) ? found.eventTypes.map(String) : [];
	return {
		sid: String(found.sid),
		upToDate: found.status === 'enabled' && found.version === 'v2' && sameSet(eventTypes, target.eventTypes),
	};
}

/** Registers the webhook and answers its SID (YW…). */
export async function registerEventWebhook(client: VerifyClient, target: EventWebhookTarget, friendlyName: string): Promise<string> {
	const created = await client.management.createWebhook(target.serviceSid, {
		friendlyName,
		eventTypes: target.eventTypes,
		webhookUrl: target.webhookUrl,
		status: 'enabled',
		version: 'v2',
	});
	return String(created.sid);
}

/** Removes the webhook; one already gone (deleted in the Console, say) counts as removed. */
export async function removeEventWebhook(client: VerifyClient, serviceSid: string, webhookSid: string): Promise<void> {
	try {
		await client.management.deleteWebhook(serviceSid, webhookSid);
	} catch (error) {
		if (error instanceof ConfigurationError && error.httpStatus === 404) return;
		throw error;
	}
}
