/**
 * A stateful stand-in for Twilio Verify v2, served over loopback HTTP, for the tests, `npm run sandbox` and the demo.
 *
 * It speaks Twilio's wire format (form-encoded requests, HTTP Basic auth, snake_case JSON responses, Twilio's
 * `{code, message, more_info, status}` error body) and keeps verifications in memory with codes, expiry and the
 * send/check limits that real Twilio enforces, so the nodes and workflows can be tested end to end without a Twilio
 * account. Faults (latency, 5xx, 429, dropped or hung connections) can be injected to exercise retry logic.
 *
 * Only node: built-ins are used. Plain-JS scripts load it through scripts/lib/sandbox.js, which bundles it.
 * Where it knowingly differs from Twilio: README.md next to this file.
 */
export { startSandbox } from './server';
export type { RequestLogEntry, Sandbox, SandboxOptions, ServiceSeed } from './server';
export { VerifyState } from './state';
export type { VerifyStateOptions } from './state';
export { TwilioError, twilioErrors } from './errors';
export { base32Decode, base32Encode, otpauthUri, totpCode, totpMatches } from './totp';
export type { TotpAlgorithm, TotpOptions } from './totp';
export type { TwilioErrorBody } from './errors';
export type { Faults } from './faults';
export type { ServiceParams } from './serviceSettings';
export type { ServiceResource } from './render';
export type { TwilioParams } from './params';
export type {
	BucketRecord,
	ChallengeRecord,
	CodeSentEvent,
	EntityRecord,
	FactorRecord,
	RateLimitRecord,
	ServiceRecord,
	ServiceSettings,
	VerificationExtras,
	VerificationRecord,
	VerificationStatus,
} from './records';
export {
	DEFAULT_ACCOUNT_SID,
	DEFAULT_AUTH_TOKEN,
	MAX_CHECK_ATTEMPTS,
	MAX_SEND_ATTEMPTS,
	VERIFICATION_TTL_MS,
} from './constants';
