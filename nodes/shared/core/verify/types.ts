/** The Verify operations the rest of the core relies on, independent of the Twilio SDK. */
import type { OutcomeError } from '../errors';

export const VERIFY_CHANNELS = ['sms', 'call', 'whatsapp', 'email'] as const;
export type VerifyChannel = (typeof VERIFY_CHANNELS)[number];

export interface SendVerificationRequest {
	serviceSid: string;
	/** E.164 phone number or email address */
	to: string;
	channel: VerifyChannel;
	locale?: string;
	customFriendlyName?: string;
	customCode?: string;
	templateSid?: string;
	channelConfiguration?: Record<string, unknown>;
	rateLimits?: Record<string, string | number>;
	tags?: Record<string, string>;
}

export interface VerificationSummary {
	sid: string;
	serviceSid: string;
	/** E.164 or email, as Twilio returns it; nodes mask it before it reaches an end user */
	to: string;
	channel: string;
	status: string;
	valid: boolean;
	dateCreated?: string;
	dateUpdated?: string;
	sendCodeAttempts?: number;
	/** true when the number is one of the credential's test numbers: nothing reached Twilio */
	testNumber?: boolean;
}

export type CheckTarget = { to: string } | { verificationSid: string };

export type CheckVerificationRequest = CheckTarget & { serviceSid: string; code: string };

/** A check either approves, or says why not (INVALID_CODE, EXPIRED, TOO_MANY_ATTEMPTS) without throwing. */
export type CheckResult =
	| { approved: true; verification: VerificationSummary }
	| { approved: false; reason: OutcomeError; verification?: VerificationSummary };

/** What the member flows need from Verify: send a code, check it. */
export interface VerificationGateway {
	send(request: SendVerificationRequest): Promise<VerificationSummary>;
	check(request: CheckVerificationRequest): Promise<CheckResult>;
}

/** One member's authenticator app at Twilio: a Verify Entity (the member's opaque identity) and its TOTP Factor. */
export interface TotpFactorRef {
	serviceSid: string;
	/** Verify Entity identity: the member id, never an email or phone (Twilio asks for no personal data there) */
	identity: string;
	/** YF… */
	factorSid: string;
}

/** A new, not yet confirmed TOTP factor. `uri` (otpauth://) holds the secret: shown to the member once, never stored. */
export interface TotpFactorCreated {
	factorSid: string;
	uri: string;
}

/**
 * Authenticator apps through Verify's Entities, Factors and Challenges. The TOTP secret stays with Twilio; the member
 * store keeps only the factor's SID. A wrong code is an answer (false), not an error.
 */
export interface TotpGateway {
	createTotpFactor(request: { serviceSid: string; identity: string; friendlyName: string }): Promise<TotpFactorCreated>;
	/** Confirms a new factor with its first code; true when Twilio now reports it verified. */
	confirmTotpFactor(request: TotpFactorRef & { code: string }): Promise<boolean>;
	/** A login challenge answered with an app code; true when Twilio approves it. */
	checkTotpCode(request: TotpFactorRef & { code: string }): Promise<boolean>;
	/** Removes the factor; a factor Twilio no longer knows counts as removed. */
	deleteTotpFactor(request: TotpFactorRef): Promise<void>;
	/** Removes the member's entity and every factor under it; an unknown entity counts as removed. */
	deleteEntity(request: { serviceSid: string; identity: string }): Promise<void>;
}

/** Channels the Verification Attempts API reports. */
export const ATTEMPT_CHANNELS = ['sms', 'call', 'email', 'whatsapp', 'rbm'] as const;
export type AttemptChannel = (typeof ATTEMPT_CHANNELS)[number];

/** Filters of the Verification Attempts list and summary (each optional). */
export interface AttemptFilters {
	dateCreatedAfter?: Date;
	dateCreatedBefore?: Date;
	/** ISO 3166-1 alpha-2 */
	country?: string;
	channel?: AttemptChannel;
	verifyServiceSid?: string;
}

/** Filters only the list takes. */
export interface AttemptListFilters extends AttemptFilters {
	/** E.164 destination */
	to?: string;
	verificationSid?: string;
	status?: 'converted' | 'unconverted';
}

/** Filters only the summary takes. */
export interface AttemptSummaryFilters extends AttemptFilters {
	/** e.g. +1 or +4477 */
	destinationPrefix?: string;
}

export const WEBHOOK_EVENT_TYPES = [
	'*',
	'challenge.approved',
	'challenge.denied',
	'factor.created',
	'factor.deleted',
	'factor.verified',
] as const;

export interface WebhookFields {
	friendlyName?: string;
	eventTypes?: string[];
	webhookUrl?: string;
	status?: 'enabled' | 'disabled';
	version?: 'v1' | 'v2';
}
