/**
 * The rest of Verify v2 a builder manages, next to Services, rate limits and buckets (client.ts): the account's Safe
 * List, Verification Attempts and their summary, templates, and a Service's webhooks and messaging configurations.
 * Reached as `client.management`; errors are mapped like every management call (twilioErrors.ts).
 */
import { listOptions, managementCall } from './twilioErrors';
import type { VerifyDomain } from './client';
import { plain } from './plain';
import type { AttemptListFilters, AttemptSummaryFilters, WebhookFields } from './types';

export class VerifyManagement {
	constructor(private readonly verify: VerifyDomain) {}

	private call<T>(request: () => Promise<T>): Promise<T> {
		return managementCall(request);
	}

	private service(serviceSid: string) {
		return this.verify.v2.services(serviceSid);
	}

	// --- Safe List ---

	addToSafeList(phoneNumber: string) {
		return this.call(async () => plain(await this.verify.v2.safelist.create({ phoneNumber })));
	}

	getSafeListNumber(phoneNumber: string) {
		return this.call(async () => plain(await this.verify.v2.safelist(phoneNumber).fetch()));
	}

	removeFromSafeList(phoneNumber: string) {
		return this.call(() => this.verify.v2.safelist(phoneNumber).remove());
	}

	// --- Verification Attempts ---

	listAttempts(filters: AttemptListFilters, limit?: number) {
		const { to, ...rest } = filters;
		return this.call(async () =>
			(
				await this.verify.v2.verificationAttempts.list({
					...rest,
					...(to ? { 'channelData.to': to } : {}),
					...listOptions(limit),
				})
			).map(plain),
		);
	}

	getAttempt(attemptSid: string) {
		return this.call(async () => plain(await this.verify.v2.verificationAttempts(attemptSid).fetch()));
	}

	summarizeAttempts(filters: AttemptSummaryFilters) {
		return this.call(async () => plain(await this.verify.v2.verificationAttemptsSummary().fetch(filters)));
	}

	// --- Templates ---

	listTemplates(friendlyName: string | undefined, limit?: number) {
		return this.call(async () =>
			(await this.verify.v2.templates.list({ ...(friendlyName ? { friendlyName } : {}), ...listOptions(limit) })).map(plain),
		);
	}

	// --- Service webhooks ---

	listWebhooks(serviceSid: string, limit?: number) {
		return this.call(async () => (await this.service(serviceSid).webhooks.list(listOptions(limit))).map(plain));
	}

	getWebhook(serviceSid: string, webhookSid: string) {
		return this.call(async () => plain(await this.service(serviceSid).webhooks(webhookSid).fetch()));
	}

	createWebhook(serviceSid: string, fields: Required<Pick<WebhookFields, 'friendlyName' | 'eventTypes' | 'webhookUrl'>> & WebhookFields) {
		const { version, ...rest } = fields;
		return this.call(async () =>
			plain(await this.service(serviceSid).webhooks.create({ ...rest, ...(version ? { versionParam: version } : {}) })),
		);
	}

	updateWebhook(serviceSid: string, webhookSid: string, fields: WebhookFields) {
		const { version, ...rest } = fields;
		return this.call(async () =>
			plain(await this.service(serviceSid).webhooks(webhookSid).update({ ...rest, ...(version ? { versionParam: version } : {}) })),
		);
	}

	deleteWebhook(serviceSid: string, webhookSid: string) {
		return this.call(() => this.service(serviceSid).webhooks(webhookSid).remove());
	}

	// --- Messaging configurations ---

	listMessagingConfigurations(serviceSid: string, limit?: number) {
		return this.call(async () => (await this.service(serviceSid).messagingConfigurations.list(listOptions(limit))).map(plain));
	}

	getMessagingConfiguration(serviceSid: string, country: string) {
		return this.call(async () => plain(await this.service(serviceSid).messagingConfigurations(country).fetch()));
	}

	createMessagingConfiguration(serviceSid: string, country: string, messagingServiceSid: string) {
		return this.call(async () =>
			plain(await this.service(serviceSid).messagingConfigurations.create({ country, messagingServiceSid })),
		);
	}

	updateMessagingConfiguration(serviceSid: string, country: string, messagingServiceSid: string) {
		return this.call(async () =>
			plain(await this.service(serviceSid).messagingConfigurations(country).update({ messagingServiceSid })),
		);
	}

	deleteMessagingConfiguration(serviceSid: string, country: string) {
		return this.call(() => this.service(serviceSid).messagingConfigurations(country).remove());
	}
}
