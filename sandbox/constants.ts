/** Limits, defaults and formats the sandbox shares with real Twilio Verify v2 (or picks where Twilio does not say). */

export const DEFAULT_ACCOUNT_SID = 'AC' + 'a'.repeat(32);
export const DEFAULT_AUTH_TOKEN = 'sandbox-auth-token';
export const DEFAULT_HOST = '127.0.0.1';

/** Twilio lets a verification live for 10 minutes after it is created. */
export const VERIFICATION_TTL_MS = 10 * 60 * 1000;
/** Sends (first send + resends) allowed per verification before 60203. */
export const MAX_SEND_ATTEMPTS = 5;
/** Wrong checks allowed per verification before 60202. */
export const MAX_CHECK_ATTEMPTS = 5;
export const DEFAULT_CODE_LENGTH = 6;
export const FRIENDLY_NAME_MAX_LENGTH = 32;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export const LOG_PREFIX = '[verify-sandbox]';
/** Paths under this prefix are the sandbox's own controls, not Twilio's API. */
export const CONTROL_PREFIX = '/__sandbox/';
export const MAX_BODY_BYTES = 1024 * 1024;

/** Channels accepted by POST /Verifications. `auto` is resolved to a concrete channel. */
export const REQUEST_CHANNELS = ['sms', 'call', 'whatsapp', 'email', 'sna', 'auto'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
/** The channel a verification ends up on (`auto` never survives). */
export type Channel = Exclude<RequestChannel, 'auto'>;
/** Channels whose `To` must be an E.164 phone number. */
export const PHONE_CHANNELS: ReadonlySet<string> = new Set(['sms', 'call', 'whatsapp', 'sna', 'auto']);

export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Custom codes are 4-10 characters (Twilio docs); we accept letters and digits. */
export const CUSTOM_CODE_PATTERN = /^[0-9A-Za-z]{4,10}$/;
/** A code submitted to VerificationCheck must be 4-10 characters long. */
export const CHECK_CODE_PATTERN = /^\S{4,10}$/;
