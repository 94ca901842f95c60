/** Records as Twilio renders them: snake_case JSON whose absolute URLs use the sandbox's own base URL. */
import { CONTROL_PREFIX } from './constants';
import type { BucketRecord, RateLimitRecord, ServiceRecord, ServiceSettings, VerificationRecord } from './records';
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
	const url = serviceUrl(baseUrl, service.sid);
	return {
		sid: service.sid,
		account_sid: service.accountSid,
		...settings,
		date_created: formatTwilioDate(service.createdAt),
		date_updated: formatTwilioDate(service.updatedAt),
		url,
		links: {
			verification_checks: `${url}/VerificationCheck`,
			verifications: `${url}/Verifications`,
			rate_limits: `${url}/RateLimits`,
			messaging_configurations: `${url}/MessagingConfigurations`,
			entities: `${url}/Entities`,
			webhooks: `${url}/Webhooks`,
			access_tokens: `${url}/AccessTokens`,
		},
	};
}

/** The fields a verification and a check of it have in common, in Twilio's order. */
function verificationBasics(verification: VerificationRecord) {
	return {
		sid: verification.sid,
		service_sid: verification.serviceSid,
		account_sid: verification.accountSid,
		to: verification.to,
		channel: verification.channel,
		status: verification.status,
		valid: verification.status === 'approved',
	};
}

export function renderVerification(verification: VerificationRecord, baseUrl: string) {
	const url = `${serviceUrl(baseUrl, verification.serviceSid)}/Verifications/${verification.sid}`;
	return {
		...verificationBasics(verification),
		date_created: formatTwilioDate(verification.createdAt),
		date_updated: formatTwilioDate(verification.updatedAt),
		lookup: structuredClone(verification.lookup),
		amount: verification.amount,
		payee: verification.payee,
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
		amount: verification.amount,
		payee: verification.payee,
		sna_attempts_error_codes: [],
		date_created: formatTwilioDate(verification.createdAt),
		date_updated: formatTwilioDate(verification.updatedAt),
	};
}

function rateLimitUrl(baseUrl: string, rateLimit: { serviceSid: string; sid: string }): string {
	return `${serviceUrl(baseUrl, rateLimit.serviceSid)}/RateLimits/${rateLimit.sid}`;
}

export function renderRateLimit(rateLimit: RateLimitRecord, baseUrl: string) {
	const url = rateLimitUrl(baseUrl, rateLimit);
	return {
		sid: rateLimit.sid,
		service_sid: rateLimit.serviceSid,
		account_sid: rateLimit.accountSid,
		unique_name: rateLimit.uniqueName,
		description: rateLimit.description,
		date_created: formatTwilioDate(rateLimit.createdAt),
		date_updated: formatTwilioDate(rateLimit.updatedAt),
		url,
		links: { buckets: `${url}/Buckets` },
	};
}

export function renderBucket(bucket: BucketRecord, baseUrl: string) {
	const parentUrl = rateLimitUrl(baseUrl, { serviceSid: bucket.serviceSid, sid: bucket.rateLimitSid });
	return {
		sid: bucket.sid,
		rate_limit_sid: bucket.rateLimitSid,
		service_sid: bucket.serviceSid,
		account_sid: bucket.accountSid,
		max: bucket.max,
		interval: bucket.interval,
		date_created: formatTwilioDate(bucket.createdAt),
		date_updated: formatTwilioDate(bucket.updatedAt),
		url: `${parentUrl}/Buckets/${bucket.sid}`,
	};
}
