/** Records as Twilio renders them: snake_case JSON whose absolute URLs use the sandbox's own base URL. */
import { CONTROL_PREFIX } from './constants';
import type { BucketRecord, RateLimitRecord, ServiceRecord, ServiceSettings, VerificationRecord } from './records';
import { twilioDates, twilioFields, urlAndLinks } from './renderFields';
import { formatTwilioDate } from './values';

/** verify.v2.service as the sandbox renders it. */
export interface ServiceResource extends ServiceSettings {
	sid: string;
	account_sid: string;
	date_created: string;
	date_updated: string;
	url: string;
	links: Record<string, string>;
}

function serviceUrl(baseUrl: string, serviceSid: string): string {
	return `${baseUrl}/v2/Services/${serviceSid}`;
}

export function renderService(service: ServiceRecord, baseUrl: string): ServiceResource {
	const settings = structuredClone(service.settings);
	if (settings.totp.issuer === null) settings.totp.issuer = settings.friendly_name;
	return {
		...twilioFields(service, ['sid', 'accountSid']),
		...settings,
		...twilioDates(service),
		...urlAndLinks(serviceUrl(baseUrl, service.sid), {
			verification_checks: 'VerificationCheck',
			verifications: 'Verifications',
			rate_limits: 'RateLimits',
			messaging_configurations: 'MessagingConfigurations',
			entities: 'Entities',
			webhooks: 'Webhooks',
			access_tokens: 'AccessTokens',
		}),
	};
}

/** The fields a verification and a check of it have in common, in Twilio's order. */
function verificationBasics(verification: VerificationRecord) {
	return {
		...twilioFields(verification, ['sid', 'serviceSid', 'accountSid', 'to', 'channel', 'status']),
		valid: verification.status === 'approved',
	};
}

export function renderVerification(verification: VerificationRecord, baseUrl: string) {
	const url = `${serviceUrl(baseUrl, verification.serviceSid)}/Verifications/${verification.sid}`;
	return {
		...verificationBasics(verification),
		...twilioDates(verification),
		lookup: structuredClone(verification.lookup),
		...twilioFields(verification, ['amount', 'payee']),
		send_code_attempts: verification.sendCodeAttempts.map((attempt) => ({
			attempt_sid: attempt.attemptSid,
			channel: attempt.channel,
			time: formatTwilioDate(attempt.time),
		})),
		// Silent network auth hands back a URL for the device to open; we point it at ourselves.
		sna: verification.channel === 'sna' ? { url: `${baseUrl}${CONTROL_PREFIX}sna/${verification.sid}` } : null,
		url,
	};
}

export function renderVerificationCheck(verification: VerificationRecord) {
	return {
		...verificationBasics(verification),
		...twilioFields(verification, ['amount', 'payee']),
		sna_attempts_error_codes: [],
		...twilioDates(verification),
	};
}

function rateLimitUrl(baseUrl: string, rateLimit: { serviceSid: string; sid: string }): string {
	return `${serviceUrl(baseUrl, rateLimit.serviceSid)}/RateLimits/${rateLimit.sid}`;
}

export function renderRateLimit(rateLimit: RateLimitRecord, baseUrl: string) {
	return {
		...twilioFields(rateLimit, ['sid', 'serviceSid', 'accountSid', 'uniqueName', 'description']),
		...twilioDates(rateLimit),
		...urlAndLinks(rateLimitUrl(baseUrl, rateLimit), { buckets: 'Buckets' }),
	};
}

export function renderBucket(bucket: BucketRecord, baseUrl: string) {
	const parentUrl = rateLimitUrl(baseUrl, { serviceSid: bucket.serviceSid, sid: bucket.rateLimitSid });
	return {
		...twilioFields(bucket, ['sid', 'rateLimitSid', 'serviceSid', 'accountSid', 'max', 'interval']),
		...twilioDates(bucket),
		url: `${parentUrl}/Buckets/${bucket.sid}`,
	};
}
