/**
 * Events the sandbox sends to a Service's webhooks, signed with the owning account's Auth Token.
 *
 * - Verification status changes (pending on every send, approved, canceled, expired, max attempts reached) are sent
 *   in the shape of Twilio's Verify Events: a JSON array of one CloudEvent. Twilio delivers those through an Event
 *   Streams webhook sink, which the sandbox does not implement; it sends them to the Service's enabled webhooks
 *   subscribed to `*` instead, so a trigger can be tested without Event Streams.
 * - Verify webhook events are form posts to the enabled webhooks subscribed to the type or to `*`: factor.created,
 *   factor.verified, factor.deleted and challenge.approved as TOTP factors and challenges change (`sendServiceEvent`
 *   sends any other). Never the factor's secret or a code.
 *
 * Only loopback URLs are called: the sandbox serves tests and the demo on the same host, and must never send requests
 * to the example URLs tests register. Expiry is noticed when a verification's status is next read, and for every
 * verification when time is advanced.
 */
import * as crypto from 'node:crypto';

import { allValues } from './configState';
import { deliverInBackground, signPost, type EventBody } from './eventDelivery';
import { factorFields, verificationEvent } from './eventPayloads';
import type { FactorEvent } from './factorState';
import type { ChallengeRecord, FactorRecord, VerificationRecord, VerificationStatus, WebhookRecord } from './records';
import type { ParamsSource } from './serviceState';
import { VerifyState, type VerifyStateOptions } from './state';

export interface EventOptions {
	/** The Auth Token the account's requests are signed with. */
	authTokenFor(accountSid: string): string | undefined;
	log(line: string): void;
}

function isLoopbackUrl(url: string): boolean {
	const host = new URL(url).hostname;
	return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export class VerifyStateWithEvents extends VerifyState {
	constructor(
		options: VerifyStateOptions,
		private readonly events: EventOptions,
	) {
		super(options);
	}

	override startVerification(accountSid: string, serviceSid: string, rawParams: ParamsSource): VerificationRecord {
		const verification = super.startVerification(accountSid, serviceSid, rawParams);
		this.sendStatusEvent(verification);
		return verification;
	}

	override updateVerification(
		accountSid: string,
		serviceSid: string,
		verificationSid: string,
		rawParams: ParamsSource,
	): VerificationRecord {
		const verification = super.updateVerification(accountSid, serviceSid, verificationSid, rawParams);
		this.sendStatusEvent(verification);
		return verification;
	}

	override checkVerification(accountSid: string, serviceSid: string, rawParams: ParamsSource): VerificationRecord {
		const sid = allValues(rawParams, 'VerificationSid')?.[0];
		const to = allValues(rawParams, 'To')?.[0];
		const target = sid ? this.verifications.get(sid) : to ? this.findPendingVerification(serviceSid, to) : undefined;
		const before = target?.status;
		try {
			return super.checkVerification(accountSid, serviceSid, rawParams);
		} finally {
			// Approved, or ended by too many wrong codes (which answers an error).
			if (target && target.status !== before) this.sendStatusEvent(target);
		}
	}

	override statusOf(verification: VerificationRecord): VerificationStatus {
		const before = verification.status;
		const status = super.statusOf(verification);
		if (status !== before) this.sendStatusEvent(verification);
		return status;
	}

	override advanceTime(ms: number): void {
		super.advanceTime(ms);
		for (const verification of this.verifications.values()) this.statusOf(verification);
	}

	protected override factorChanged(event: FactorEvent, factor: FactorRecord): void {
		this.sendServiceEvent(factor.serviceSid, event, factorFields(factor));
	}

	protected override challengeApproved(challenge: ChallengeRecord): void {
		const factor = this.factors.get(challenge.factorSid);
		this.sendServiceEvent(challenge.serviceSid, 'challenge.approved', {
			...(factor ? factorFields(factor) : { entity_identity: challenge.identity, factor_sid: challenge.factorSid }),
			challenge_sid: challenge.sid,
			...(challenge.hiddenDetails ? { challenge_hidden_details: JSON.stringify(challenge.hiddenDetails) } : {}),
		});
	}

	/** A Verify webhook event (factor.created, challenge.approved, …) with its snake_case form parameters. */
	sendServiceEvent(serviceSid: string, type: string, fields: Record<string, string>): void {
		const service = this.services.get(serviceSid);
		if (!service) return;
		const form = { uuid: crypto.randomUUID(), type, account_sid: service.accountSid, service_sid: serviceSid, ...fields };
		for (const webhook of this.subscribedWebhooks(serviceSid, type)) this.send(webhook, service.accountSid, { form });
	}

	private subscribedWebhooks(serviceSid: string, type: string): WebhookRecord[] {
		return [...this.webhooks.values()].filter(
			(webhook) =>
				webhook.serviceSid === serviceSid &&
				webhook.status === 'enabled' &&
				(webhook.eventTypes.includes('*') || webhook.eventTypes.includes(type)),
		);
	}

	private sendStatusEvent(verification: VerificationRecord): void {
		const webhooks = this.subscribedWebhooks(verification.serviceSid, '*');
		if (webhooks.length === 0) return;
		const event = verificationEvent(verification, this.services.get(verification.serviceSid), this.currentTime());
		for (const webhook of webhooks) this.send(webhook, verification.accountSid, { json: [event] });
	}

	private send(webhook: WebhookRecord, accountSid: string, payload: EventBody): void {
		const authToken = this.events.authTokenFor(accountSid);
		if (!authToken || !isLoopbackUrl(webhook.webhookUrl)) return;
		deliverInBackground(signPost(webhook.webhookUrl, authToken, payload), this.events.log);
	}
}
