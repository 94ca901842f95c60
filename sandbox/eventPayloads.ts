/** The bodies of the sandbox's events (events.ts): Verify Events for verifications, Verify webhook fields for factors. */
import * as crypto from 'node:crypto';

import { countryOfNumber } from './countries';
import type { FactorRecord, ServiceRecord, VerificationRecord, VerificationStatus } from './records';

const STATUS_EVENT: Record<VerificationStatus, string> = {
	pending: 'pending',
	approved: 'approved',
	canceled: 'canceled',
	expired: 'expired',
	max_attempts_reached: 'max-attempts-reached',
};

const iso = (ms: number) => new Date(ms).toISOString();

/** What a Verify webhook says about a factor: who and which, never its secret. */
export function factorFields(factor: FactorRecord): Record<string, string> {
	return {
		entity_identity: factor.identity,
		factor_sid: factor.sid,
		factor_type: 'totp',
		factor_friendly_name: factor.friendlyName,
	};
}

/** Twilio's Verify Events (Verification Stream) shape, as far as the sandbox keeps the facts. */
export function verificationEvent(verification: VerificationRecord, service: ServiceRecord | undefined, now: number) {
	const status = verification.status;
	const source = `/v1/Accounts/${verification.accountSid}/Services/${verification.serviceSid}/Verifications/${verification.sid}`;
	return {
		specversion: '1.0',
		type: `com.twilio.accountsecurity.verify.verification.${STATUS_EVENT[status]}`,
		source,
		id: crypto.createHash('sha256').update(`${source}/${status}/${now}/${crypto.randomUUID()}`).digest('hex'),
		dataschema: 'https://events-schemas.twilio.com/AccountSecurity.VerifyEventStreamEvent/3',
		datacontenttype: 'application/json',
		time: iso(now),
		data: {
			account_sid: verification.accountSid,
			service_sid: verification.serviceSid,
			verification_sid: verification.sid,
			friendly_name: service?.settings.friendly_name ?? null,
			custom_code_enabled: service?.settings.custom_code_enabled ?? false,
			custom_friendly_name: verification.request.customFriendlyName ?? service?.settings.friendly_name ?? null,
			created_at: iso(verification.createdAt),
			to: verification.to,
			verification_status: status.toUpperCase(),
			country: countryOfNumber(verification.to),
			code_length: verification.code.length,
			send_code_attempts: {
				count: verification.sendCodeAttempts.length,
				attempts: verification.sendCodeAttempts.map((attempt) => ({
					time: iso(attempt.time),
					channel: attempt.channel.toUpperCase(),
					attempt_sid: attempt.attemptSid,
					delivery_status: 'SENT',
				})),
			},
			check_attempts: { count: verification.wrongChecks + (status === 'approved' ? 1 : 0) },
			...(status === 'approved' ? { verified_at: iso(verification.updatedAt) } : {}),
			...(status === 'expired' ? { expired_at: iso(verification.updatedAt) } : {}),
		},
	};
}
