/**
 * Types for the Twilio Verify v2 sandbox (index.js).
 *
 * Behaviour that deliberately differs from, or could not be checked against, real Twilio:
 * - Email verifications are accepted without any mailer (SendGrid) configuration;
 *   real Twilio refuses them until the service's email integration is set up.
 * - `Channel=auto` always resolves to `sms` (there is no carrier data for SNA).
 * - Lookup returns `{}`, or a carrier block of nulls with `type: 'mobile'` when
 *   `lookup_enabled` is on; `SkipSmsToLandlines` is stored but never triggers.
 * - Codes outside the documented list are best guesses: custom code without
 *   `custom_code_enabled` -> 400/60204 "Custom code not allowed"; Amount/Payee
 *   without PSD2 -> 400/60204; duplicate rate-limit UniqueName -> 409/60208;
 *   a full rate-limit bucket -> 429/20429.
 * - Entities, Factors, Challenges, Webhooks, MessagingConfigurations, AccessTokens,
 *   Passkeys and Templates are not implemented (404).
 */

/** Injected transport problems. Each counter is consumed by the next API requests (control routes are never affected). */
export interface Faults {
	/** Delay every API answer by this many milliseconds. */
	latencyMs?: number;
	/** Answer the next `count` API requests with this status and Twilio's error body. 429 carries `Retry-After` (default 1 s). */
	failNext?: { count: number; status: 500 | 502 | 503 | 429; retryAfterSeconds?: number };
	/** Destroy the socket without answering, for the next N API requests. */
	dropNext?: number;
	/** Never answer the next N API requests (for client timeouts). */
	hangNext?: number;
}

/** Service parameters exactly as Twilio's form fields name them. */
export interface ServiceParams {
	FriendlyName?: string;
	CodeLength?: number | string;
	LookupEnabled?: boolean | string;
	SkipSmsToLandlines?: boolean | string;
	DtmfInputRequired?: boolean | string;
	TtsName?: string;
	Psd2Enabled?: boolean | string;
	DoNotShareWarningEnabled?: boolean | string;
	CustomCodeEnabled?: boolean | string;
	'Push.IncludeDate'?: boolean | string;
	'Push.ApnCredentialSid'?: string;
	'Push.FcmCredentialSid'?: string;
	'Totp.Issuer'?: string;
	'Totp.TimeStep'?: number | string;
	'Totp.CodeLength'?: number | string;
	'Totp.Skew'?: number | string;
	DefaultTemplateSid?: string;
	'Whatsapp.MsgServiceSid'?: string;
	'Whatsapp.From'?: string;
	'Passkeys.RelyingParty.Id'?: string;
	'Passkeys.RelyingParty.Name'?: string;
	/** Comma-separated origins. */
	'Passkeys.RelyingParty.Origins'?: string;
	'Passkeys.AuthenticatorAttachment'?: string;
	'Passkeys.DiscoverableCredentials'?: string;
	'Passkeys.UserVerification'?: string;
	VerifyEventSubscriptionEnabled?: boolean | string;
}

/** A service to create directly (no HTTP). FriendlyName defaults to 'Sandbox Service'. */
export interface ServiceSeed extends ServiceParams {
	/** Fixed SID (VA + 32 hex), e.g. for a demo configuration. Random when omitted. */
	sid?: string;
	/** Owning account; the sandbox's first account when omitted. */
	accountSid?: string;
}

export interface SandboxOptions {
	/** 0 or omitted: a random free port. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** AccountSid -> AuthToken. Default: { ACaaaa…(32 a): 'sandbox-auth-token' }. The first entry is `sandbox.accountSid`. */
	accounts?: Record<string, string>;
	/** API key SID (SK…) -> its secret and the account it belongs to. */
	apiKeys?: Record<string, { secret: string; accountSid: string }>;
	/** Print every code "sent": `[verify-sandbox] code 123456 for +15551234567 via sms (service VA…)`. Default false. */
	logCodes?: boolean;
	/** Where log lines go. Default console.log. */
	logger?: (line: string) => void;
	/** Injectable clock (ms since epoch). Default Date.now. `advanceTime` adds to it. */
	now?: () => number;
	/** Faults active from the start. */
	faults?: Faults;
	/** Services created at start and re-created after every reset(). */
	services?: ServiceSeed[];
}

export interface RequestLogEntry {
	method: string;
	/** URL path without the query string, e.g. /v2/Services/VA…/Verifications */
	path: string;
	/** HTTP status answered; 0 when the request was dropped or left hanging by a fault. */
	status: number;
}

export interface TwilioErrorBody {
	code: number;
	message: string;
	more_info: string;
	status: number;
}

/** verify.v2.service as the sandbox renders it. */
export interface ServiceResource {
	sid: string;
	account_sid: string;
	friendly_name: string | null;
	code_length: number;
	lookup_enabled: boolean;
	psd2_enabled: boolean;
	skip_sms_to_landlines: boolean;
	dtmf_input_required: boolean;
	tts_name: string | null;
	do_not_share_warning_enabled: boolean;
	custom_code_enabled: boolean;
	push: { include_date: boolean; apn_credential_sid: string | null; fcm_credential_sid: string | null };
	totp: { issuer: string | null; time_step: number | null; code_length: number | null; skew: number | null };
	default_template_sid: string | null;
	whatsapp: { msg_service_sid: string | null; from: string | null };
	passkeys: {
		relying_party: { id: string | null; name: string | null; origins: string[] | null };
		authenticator_attachment: string | null;
		discoverable_credentials: string | null;
		user_verification: string | null;
	};
	verify_event_subscription_enabled: boolean;
	date_created: string;
	date_updated: string;
	url: string;
	links: Record<string, string>;
}

/** Internal records kept by the engine (camelCase; the HTTP layer renders Twilio JSON). */
export interface ServiceRecord {
	sid: string;
	accountSid: string;
	/** Twilio snake_case settings, as rendered (minus sid/account/dates/urls). */
	settings: Record<string, unknown>;
	createdAt: number;
	updatedAt: number;
}

export type VerificationStatus = 'pending' | 'approved' | 'canceled' | 'expired' | 'max_attempts_reached';

export interface VerificationRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	to: string;
	channel: 'sms' | 'call' | 'whatsapp' | 'email' | 'sna';
	status: VerificationStatus;
	code: string;
	amount: string | null;
	payee: string | null;
	lookup: Record<string, unknown>;
	sendCodeAttempts: Array<{ attemptSid: string; channel: string; time: number }>;
	wrongChecks: number;
	/** Optional request parameters as validated (CustomFriendlyName, Locale, Tags, ...). */
	request: Record<string, unknown>;
	createdAt: number;
	updatedAt: number;
}

export interface RateLimitRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	uniqueName: string;
	description: string | null;
	createdAt: number;
	updatedAt: number;
}

export interface BucketRecord {
	sid: string;
	rateLimitSid: string;
	serviceSid: string;
	accountSid: string;
	max: number;
	interval: number;
	createdAt: number;
	updatedAt: number;
}

export interface CodeSentEvent {
	code: string;
	to: string;
	channel: string;
	serviceSid: string;
	verificationSid: string;
}

type Params = Record<string, string | number | boolean | object | undefined>;

/**
 * The state engine: Verify v2 resources in memory, no HTTP. Methods take the
 * caller's account SID and Twilio-named parameters, and throw TwilioError
 * exactly as the API would answer.
 */
export class VerifyState {
	constructor(options?: { now?: () => number; onCodeSent?: (event: CodeSentEvent) => void });
	currentTime(): number;
	advanceTime(ms: number): void;
	reset(): void;

	createService(accountSid: string, params: Params, options?: { sid?: string }): ServiceRecord;
	listServices(accountSid: string): ServiceRecord[];
	getService(accountSid: string, serviceSid: string): ServiceRecord;
	updateService(accountSid: string, serviceSid: string, params: Params): ServiceRecord;
	deleteService(accountSid: string, serviceSid: string): void;

	startVerification(accountSid: string, serviceSid: string, params: Params): VerificationRecord;
	getVerification(accountSid: string, serviceSid: string, verificationSid: string): VerificationRecord;
	updateVerification(
		accountSid: string,
		serviceSid: string,
		verificationSid: string,
		params: Params,
	): VerificationRecord;
	checkVerification(accountSid: string, serviceSid: string, params: Params): VerificationRecord;
	findPendingVerification(serviceSid: string, to: string): VerificationRecord | undefined;
	latestVerification(to: string, serviceSid?: string): VerificationRecord | undefined;
	/** Applies expiry lazily and returns the current status. */
	statusOf(verification: VerificationRecord): VerificationStatus;

	createRateLimit(accountSid: string, serviceSid: string, params: Params): RateLimitRecord;
	listRateLimits(accountSid: string, serviceSid: string): RateLimitRecord[];
	getRateLimit(accountSid: string, serviceSid: string, rateLimitSid: string): RateLimitRecord;
	updateRateLimit(accountSid: string, serviceSid: string, rateLimitSid: string, params: Params): RateLimitRecord;
	deleteRateLimit(accountSid: string, serviceSid: string, rateLimitSid: string): void;

	createBucket(accountSid: string, serviceSid: string, rateLimitSid: string, params: Params): BucketRecord;
	listBuckets(accountSid: string, serviceSid: string, rateLimitSid: string): BucketRecord[];
	getBucket(accountSid: string, serviceSid: string, rateLimitSid: string, bucketSid: string): BucketRecord;
	updateBucket(
		accountSid: string,
		serviceSid: string,
		rateLimitSid: string,
		bucketSid: string,
		params: Params,
	): BucketRecord;
	deleteBucket(accountSid: string, serviceSid: string, rateLimitSid: string, bucketSid: string): void;
}

export class TwilioError extends Error {
	constructor(status: number, code: number, message: string, headers?: Record<string, string>);
	status: number;
	code: number;
	headers: Record<string, string>;
	toJSON(): TwilioErrorBody;
}

/** Factories for the errors the sandbox answers with (status / code / message as listed in index.js). */
export const twilioErrors: {
	authenticate(): TwilioError;
	notFound(): TwilioError;
	notFoundAt(resourcePath: string): TwilioError;
	methodNotAllowed(): TwilioError;
	missingParameter(name: string): TwilioError;
	invalidParameter(name: string): TwilioError;
	invalidRecipient(to: string): TwilioError;
	maxCheckAttempts(): TwilioError;
	maxSendAttempts(): TwilioError;
	customCodeNotAllowed(): TwilioError;
	featureNotSupported(): TwilioError;
	duplicateRateLimit(): TwilioError;
	tooManyRequests(retryAfterSeconds?: number): TwilioError;
	serverError(status: number, retryAfterSeconds?: number): TwilioError;
};

export interface Sandbox {
	/** e.g. http://127.0.0.1:39123 — use as the Verify base URL instead of https://verify.twilio.com */
	url: string;
	port: number;
	/** The first configured account. */
	accountSid: string;
	authToken: string;
	/** The engine behind the HTTP API, for direct inspection. */
	state: VerifyState;
	/** Every API request answered (or dropped) since start/reset; control routes excluded. Live array. */
	requests: RequestLogEntry[];
	close(): Promise<void>;
	/** Forgets all resources, faults, the request log and the clock offset; re-creates `options.services`. */
	reset(): void;
	/** Replaces the active faults (pass {} to clear). */
	setFaults(faults: Faults): void;
	getFaults(): Faults;
	/** Moves the sandbox clock forward, e.g. past the 10-minute expiry. */
	advanceTime(ms: number): void;
	/** Code of the latest verification sent to `to` (any status), optionally within one service. */
	lastCode(to: string, serviceSid?: string): string | undefined;
	/** Creates a service without HTTP and returns it as the API would render it. */
	createService(params?: ServiceSeed): ServiceResource;
}

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;

export const DEFAULT_ACCOUNT_SID: string;
export const DEFAULT_AUTH_TOKEN: string;
/** 10 minutes. */
export const VERIFICATION_TTL_MS: number;
/** 5 */
export const MAX_SEND_ATTEMPTS: number;
/** 5 */
export const MAX_CHECK_ATTEMPTS: number;
