/** The records the state engine keeps (camelCase, epoch milliseconds); render.ts turns them into Twilio JSON. */
import type { Channel } from './constants';

/** A Service's settings in Twilio's snake_case, in the order Twilio renders them. */
export interface ServiceSettings {
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
}

export interface ServiceRecord {
	sid: string;
	accountSid: string;
	settings: ServiceSettings;
	createdAt: number;
	updatedAt: number;
}

export type VerificationStatus = 'pending' | 'approved' | 'canceled' | 'expired' | 'max_attempts_reached';

/** Optional request parameters of a send, validated and kept so tests can inspect what a client sent. */
export interface VerificationExtras {
	customFriendlyName: string | undefined;
	customMessage: string | undefined;
	sendDigits: string | undefined;
	locale: string | undefined;
	channelConfiguration: Record<string, unknown> | undefined;
	appHash: string | undefined;
	templateSid: string | undefined;
	templateCustomSubstitutions: Record<string, unknown> | undefined;
	deviceIp: string | undefined;
	enableSnaClientToken: boolean | undefined;
	riskCheck: 'enable' | 'disable' | undefined;
	tags: Record<string, unknown> | undefined;
}

export interface SendAttempt {
	attemptSid: string;
	channel: Channel;
	time: number;
}

export interface VerificationRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	to: string;
	channel: Channel;
	status: VerificationStatus;
	code: string;
	amount: string | null;
	payee: string | null;
	lookup: Record<string, unknown>;
	sendCodeAttempts: SendAttempt[];
	wrongChecks: number;
	request: VerificationExtras;
	/** the rate-limit values of the send that created it, as sent (tests read them) */
	rateLimits: Record<string, unknown>;
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
	/** Send times (ms) per rate-limit value, e.g. per IP address; pruned to the interval on every send. */
	hitsByValue: Map<string, number[]>;
	createdAt: number;
	updatedAt: number;
}

/** A Service webhook (verify.v2.service.webhook). */
export interface WebhookRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	friendlyName: string;
	eventTypes: string[];
	status: 'enabled' | 'disabled';
	version: 'v1' | 'v2';
	webhookUrl: string;
	createdAt: number;
	updatedAt: number;
}

/** A Service's Messaging Service for one country (or `all`); `sid` is the country, its key in list pages. */
export interface MessagingConfigurationRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	country: string;
	messagingServiceSid: string;
	createdAt: number;
	updatedAt: number;
}

/** A phone number on the account's Safe List (never blocked by Fraud Guard or geo permissions). */
export interface SafeListRecord {
	sid: string;
	accountSid: string;
	phoneNumber: string;
}

/** Reported for every code "sent" (first send and resends). */
export interface CodeSentEvent {
	code: string;
	to: string;
	channel: string;
	serviceSid: string;
	verificationSid: string;
}

/** A Verify Entity: the builder's opaque user identity, unique per Service. */
export interface EntityRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	identity: string;
	createdAt: number;
	updatedAt: number;
}

export interface TotpConfig {
	timeStep: number;
	skew: number;
	codeLength: number;
	alg: 'sha1' | 'sha256' | 'sha512';
}

/** A TOTP factor of an entity. The secret never leaves the sandbox after creation, except to the control routes. */
export interface FactorRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	entitySid: string;
	identity: string;
	friendlyName: string;
	status: 'unverified' | 'verified';
	secret: string;
	config: TotpConfig;
	createdAt: number;
	updatedAt: number;
}

export type ChallengeStatus = 'pending' | 'expired' | 'approved' | 'denied';

export interface ChallengeRecord {
	sid: string;
	serviceSid: string;
	accountSid: string;
	entitySid: string;
	identity: string;
	factorSid: string;
	status: ChallengeStatus;
	hiddenDetails: Record<string, unknown> | null;
	respondedAt: number | null;
	expiresAt: number;
	createdAt: number;
	updatedAt: number;
}
