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
