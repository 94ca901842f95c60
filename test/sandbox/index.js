'use strict';

/**
 * A stateful stand-in for Twilio Verify v2, served over loopback HTTP.
 *
 * It speaks Twilio's wire format (form-encoded requests, HTTP Basic auth,
 * snake_case JSON responses, Twilio's `{code, message, more_info, status}`
 * error body) and keeps verifications in memory with codes, expiry and the
 * send/check limits that real Twilio enforces, so the nodes and workflows can
 * be tested end to end without a Twilio account. Faults (latency, 5xx, 429,
 * dropped or hung connections) can be injected to exercise retry logic.
 *
 * Only node: built-ins are used, so the file can run without installing anything.
 * Types live in index.d.ts next to this file.
 */

const http = require('node:http');
const crypto = require('node:crypto');
const net = require('node:net');

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

const DEFAULT_ACCOUNT_SID = 'AC' + 'a'.repeat(32);
const DEFAULT_AUTH_TOKEN = 'sandbox-auth-token';
const DEFAULT_HOST = '127.0.0.1';

/** Twilio lets a verification live for 10 minutes after it is created. */
const VERIFICATION_TTL_MS = 10 * 60 * 1000;
/** Sends (first send + resends) allowed per verification before 60203. */
const MAX_SEND_ATTEMPTS = 5;
/** Wrong checks allowed per verification before 60202. */
const MAX_CHECK_ATTEMPTS = 5;
const DEFAULT_CODE_LENGTH = 6;
const FRIENDLY_NAME_MAX_LENGTH = 32;

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

const LOG_PREFIX = '[verify-sandbox]';
const CONTROL_PREFIX = '/__sandbox/';
const MAX_BODY_BYTES = 1024 * 1024;

/** Channels accepted by POST /Verifications. `auto` is resolved to a concrete channel. */
const REQUEST_CHANNELS = ['sms', 'call', 'whatsapp', 'email', 'sna', 'auto'];
/** Channels whose `To` must be an E.164 phone number. */
const PHONE_CHANNELS = new Set(['sms', 'call', 'whatsapp', 'sna', 'auto']);

const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Custom codes are 4-10 characters (Twilio docs); we accept letters and digits. */
const CUSTOM_CODE_PATTERN = /^[0-9A-Za-z]{4,10}$/;
/** A code submitted to VerificationCheck must be 4-10 characters long. */
const CHECK_CODE_PATTERN = /^\S{4,10}$/;

// ---------------------------------------------------------------------------
// Errors (Twilio's error body: {code, message, more_info, status})
// ---------------------------------------------------------------------------

class TwilioError extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {number} code Twilio error code
	 * @param {string} message Twilio error message
	 * @param {Record<string, string>} [headers] extra response headers (e.g. Retry-After)
	 */
	constructor(status, code, message, headers = {}) {
		super(message);
		this.name = 'TwilioError';
		this.status = status;
		this.code = code;
		this.headers = headers;
	}

	toJSON() {
		return {
			code: this.code,
			message: this.message,
			more_info: `https://www.twilio.com/docs/errors/${this.code}`,
			status: this.status,
		};
	}
}

function retryAfterHeader(seconds) {
	return seconds === undefined ? {} : { 'Retry-After': String(seconds) };
}

/** 20404's message names the requested path; the HTTP layer fills it in. */
const NOT_FOUND_MESSAGE = 'The requested resource was not found';

const twilioErrors = {
	authenticate: () => new TwilioError(401, 20003, 'Authenticate'),
	notFound: () => new TwilioError(404, 20404, NOT_FOUND_MESSAGE),
	notFoundAt: (resourcePath) => new TwilioError(404, 20404, `The requested resource ${resourcePath} was not found`),
	methodNotAllowed: () => new TwilioError(405, 20004, 'Method not allowed'),
	missingParameter: (name) => new TwilioError(400, 20001, `Missing required parameter ${name} in the post body`),
	invalidParameter: (name) => new TwilioError(400, 60200, `Invalid parameter: ${name}`),
	invalidRecipient: (to) => new TwilioError(400, 60200, `Invalid parameter \`To\`: ${to}`),
	maxCheckAttempts: () => new TwilioError(429, 60202, 'Max check attempts reached'),
	maxSendAttempts: () => new TwilioError(429, 60203, 'Max send attempts reached'),
	customCodeNotAllowed: () => new TwilioError(400, 60204, 'Custom code not allowed'),
	featureNotSupported: () => new TwilioError(400, 60204, 'Service does not support this feature'),
	duplicateRateLimit: () => new TwilioError(409, 60208, 'Rate limit with that unique name already exists'),
	tooManyRequests: (retryAfterSeconds) =>
		new TwilioError(429, 20429, 'Too many requests', retryAfterHeader(retryAfterSeconds)),
	serverError: (status, retryAfterSeconds) =>
		status === 503
			? new TwilioError(503, 20503, 'Service Unavailable', retryAfterHeader(retryAfterSeconds))
			: new TwilioError(status, 20500, 'Internal Server Error', retryAfterHeader(retryAfterSeconds)),
};

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** Twilio SIDs: two-letter prefix + 32 lowercase hex characters. */
function newSid(prefix) {
	return prefix + crypto.randomBytes(16).toString('hex');
}

function randomNumericCode(length) {
	let code = '';
	for (let i = 0; i < length; i += 1) code += String(crypto.randomInt(0, 10));
	return code;
}

/** Twilio sends ISO 8601 without milliseconds: 2015-07-30T20:00:00Z. */
function formatTwilioDate(ms) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function setAtPath(target, path, value) {
	let node = target;
	for (const key of path.slice(0, -1)) node = node[key];
	node[path[path.length - 1]] = value;
}

function safeEqual(a, b) {
	const left = Buffer.from(String(a));
	const right = Buffer.from(String(b));
	return left.length === right.length && crypto.timingSafeEqual(left, right);
}

// ---------------------------------------------------------------------------
// Request parameters (form fields, always strings on the wire)
// ---------------------------------------------------------------------------

/**
 * Typed reader over Twilio request parameters. Reading a parameter validates
 * it and throws the TwilioError real Twilio would answer for a bad value.
 * Accepts URLSearchParams (HTTP) or a plain object (direct helpers).
 */
class RequestParams {
	constructor(source) {
		this.values = new Map();
		if (source instanceof URLSearchParams) {
			for (const [name, value] of source) this.values.set(name, value);
			return;
		}
		for (const [name, value] of Object.entries(source || {})) {
			if (value === undefined || value === null) continue;
			this.values.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
	}

	has(name) {
		return this.values.has(name);
	}

	string(name) {
		return this.values.get(name);
	}

	requiredString(name) {
		const value = this.values.get(name);
		if (value === undefined || value === '') throw twilioErrors.missingParameter(name);
		return value;
	}

	boolean(name) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		const lower = value.toLowerCase();
		if (lower === 'true') return true;
		if (lower === 'false') return false;
		throw twilioErrors.invalidParameter(name);
	}

	integer(name, { min = -Infinity, max = Infinity } = {}) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!/^-?\d+$/.test(value.trim())) throw twilioErrors.invalidParameter(name);
		const number = Number(value);
		if (number < min || number > max) throw twilioErrors.invalidParameter(name);
		return number;
	}

	sid(name, prefix) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value)) throw twilioErrors.invalidParameter(name);
		return value;
	}

	oneOf(name, allowed) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!allowed.includes(value)) throw twilioErrors.invalidParameter(name);
		return value;
	}

	/** A parameter carrying a JSON object (RateLimits, ChannelConfiguration, Tags, ...). */
	jsonObject(name) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		let parsed;
		try {
			parsed = JSON.parse(value);
		} catch {
			throw twilioErrors.invalidParameter(name);
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw twilioErrors.invalidParameter(name);
		}
		return parsed;
	}

	ipAddress(name) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (net.isIP(value) === 0) throw twilioErrors.invalidParameter(name);
		return value;
	}

	/** Comma-separated list, e.g. Passkeys.RelyingParty.Origins. */
	list(name) {
		const value = this.string(name);
		if (value === undefined) return undefined;
		return value
			.split(',')
			.map((item) => item.trim())
			.filter(Boolean);
	}
}

// ---------------------------------------------------------------------------
// Service settings: request parameter -> response field
// ---------------------------------------------------------------------------

function readFriendlyName(params, name) {
	const value = params.string(name);
	if (value === undefined) return undefined;
	if (value.trim() === '' || value.length > FRIENDLY_NAME_MAX_LENGTH) throw twilioErrors.invalidParameter(name);
	return value;
}

const asBoolean = (params, name) => params.boolean(name);
const asText = (params, name) => params.string(name);
const asIntegerBetween = (min, max) => (params, name) => params.integer(name, { min, max });
const asSid = (prefix) => (params, name) => params.sid(name, prefix);
const asList = (params, name) => params.list(name);

/**
 * Every Service parameter in Twilio's OpenAPI, where it lands in the response
 * and how it is validated. Create and update share this table.
 */
const SERVICE_SETTINGS = [
	{ param: 'FriendlyName', path: ['friendly_name'], read: readFriendlyName },
	{ param: 'CodeLength', path: ['code_length'], read: asIntegerBetween(4, 10) },
	{ param: 'LookupEnabled', path: ['lookup_enabled'], read: asBoolean },
	{ param: 'SkipSmsToLandlines', path: ['skip_sms_to_landlines'], read: asBoolean },
	{ param: 'DtmfInputRequired', path: ['dtmf_input_required'], read: asBoolean },
	{ param: 'TtsName', path: ['tts_name'], read: asText },
	{ param: 'Psd2Enabled', path: ['psd2_enabled'], read: asBoolean },
	{ param: 'DoNotShareWarningEnabled', path: ['do_not_share_warning_enabled'], read: asBoolean },
	{ param: 'CustomCodeEnabled', path: ['custom_code_enabled'], read: asBoolean },
	{ param: 'Push.IncludeDate', path: ['push', 'include_date'], read: asBoolean },
	{ param: 'Push.ApnCredentialSid', path: ['push', 'apn_credential_sid'], read: asSid('CR') },
	{ param: 'Push.FcmCredentialSid', path: ['push', 'fcm_credential_sid'], read: asSid('CR') },
	{ param: 'Totp.Issuer', path: ['totp', 'issuer'], read: asText },
	{ param: 'Totp.TimeStep', path: ['totp', 'time_step'], read: asIntegerBetween(20, 60) },
	{ param: 'Totp.CodeLength', path: ['totp', 'code_length'], read: asIntegerBetween(3, 8) },
	{ param: 'Totp.Skew', path: ['totp', 'skew'], read: asIntegerBetween(0, 2) },
	{ param: 'DefaultTemplateSid', path: ['default_template_sid'], read: asSid('HJ') },
	{ param: 'Whatsapp.MsgServiceSid', path: ['whatsapp', 'msg_service_sid'], read: asSid('MG') },
	{ param: 'Whatsapp.From', path: ['whatsapp', 'from'], read: asText },
	{ param: 'Passkeys.RelyingParty.Id', path: ['passkeys', 'relying_party', 'id'], read: asText },
	{ param: 'Passkeys.RelyingParty.Name', path: ['passkeys', 'relying_party', 'name'], read: asText },
	{ param: 'Passkeys.RelyingParty.Origins', path: ['passkeys', 'relying_party', 'origins'], read: asList },
	{ param: 'Passkeys.AuthenticatorAttachment', path: ['passkeys', 'authenticator_attachment'], read: asText },
	{ param: 'Passkeys.DiscoverableCredentials', path: ['passkeys', 'discoverable_credentials'], read: asText },
	{ param: 'Passkeys.UserVerification', path: ['passkeys', 'user_verification'], read: asText },
	{ param: 'VerifyEventSubscriptionEnabled', path: ['verify_event_subscription_enabled'], read: asBoolean },
];

/** What a freshly created Service reports before any optional parameter is set. */
function defaultServiceSettings() {
	return {
		friendly_name: null,
		code_length: DEFAULT_CODE_LENGTH,
		lookup_enabled: false,
		psd2_enabled: false,
		skip_sms_to_landlines: false,
		dtmf_input_required: false,
		tts_name: null,
		do_not_share_warning_enabled: false,
		custom_code_enabled: false,
		push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
		// Documented TOTP defaults; the issuer falls back to the friendly name when rendered.
		totp: { issuer: null, time_step: 30, code_length: 6, skew: 1 },
		default_template_sid: null,
		whatsapp: { msg_service_sid: null, from: null },
		passkeys: {
			relying_party: { id: null, name: null, origins: null },
			authenticator_attachment: null,
			discoverable_credentials: null,
			user_verification: null,
		},
		verify_event_subscription_enabled: false,
	};
}

/** Reads and validates every Service parameter first, so a bad value changes nothing. */
function readServiceChanges(params) {
	const changes = [];
	for (const setting of SERVICE_SETTINGS) {
		const value = setting.read(params, setting.param);
		if (value !== undefined) changes.push({ path: setting.path, value });
	}
	return changes;
}

// ---------------------------------------------------------------------------
// Rendering records as Twilio JSON (absolute URLs use the sandbox's own base URL)
// ---------------------------------------------------------------------------

function serviceUrl(baseUrl, serviceSid) {
	return `${baseUrl}/v2/Services/${serviceSid}`;
}

function renderService(service, baseUrl) {
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

function renderVerification(verification, baseUrl) {
	const url = `${serviceUrl(baseUrl, verification.serviceSid)}/Verifications/${verification.sid}`;
	return {
		sid: verification.sid,
		service_sid: verification.serviceSid,
		account_sid: verification.accountSid,
		to: verification.to,
		channel: verification.channel,
		status: verification.status,
		valid: verification.status === 'approved',
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

function renderVerificationCheck(verification) {
	return {
		sid: verification.sid,
		service_sid: verification.serviceSid,
		account_sid: verification.accountSid,
		to: verification.to,
		channel: verification.channel,
		status: verification.status,
		valid: verification.status === 'approved',
		amount: verification.amount,
		payee: verification.payee,
		sna_attempts_error_codes: [],
		date_created: formatTwilioDate(verification.createdAt),
		date_updated: formatTwilioDate(verification.updatedAt),
	};
}

function rateLimitUrl(baseUrl, rateLimit) {
	return `${serviceUrl(baseUrl, rateLimit.serviceSid)}/RateLimits/${rateLimit.sid}`;
}

function renderRateLimit(rateLimit, baseUrl) {
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

function renderBucket(bucket, baseUrl) {
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

// ---------------------------------------------------------------------------
// The state engine: Verify v2 resources in memory, no HTTP involved
// ---------------------------------------------------------------------------

class VerifyState {
	/**
	 * @param {{ now?: () => number, onCodeSent?: (event: object) => void }} [options]
	 */
	constructor({ now = Date.now, onCodeSent = () => {} } = {}) {
		this.now = now;
		this.onCodeSent = onCodeSent;
		this.reset();
	}

	/** Sandbox time: the injected clock plus whatever advanceTime() added. */
	currentTime() {
		return this.now() + this.clockOffsetMs;
	}

	advanceTime(ms) {
		if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceTime expects a non-negative number of ms');
		this.clockOffsetMs += ms;
	}

	reset() {
		this.clockOffsetMs = 0;
		this.services = new Map();
		this.verifications = new Map();
		this.rateLimits = new Map();
		this.buckets = new Map();
	}

	// ----- Services ---------------------------------------------------------

	createService(accountSid, rawParams, { sid } = {}) {
		const params = new RequestParams(rawParams);
		params.requiredString('FriendlyName');
		const changes = readServiceChanges(params);
		if (sid !== undefined && !/^VA[0-9a-fA-F]{32}$/.test(sid)) throw new RangeError(`Not a Service SID: ${sid}`);
		if (sid !== undefined && this.services.has(sid)) throw new RangeError(`Service ${sid} already exists`);

		const time = this.currentTime();
		const service = {
			sid: sid || newSid('VA'),
			accountSid,
			settings: defaultServiceSettings(),
			createdAt: time,
			updatedAt: time,
		};
		for (const change of changes) setAtPath(service.settings, change.path, change.value);
		this.services.set(service.sid, service);
		return service;
	}

	listServices(accountSid) {
		return [...this.services.values()].filter((service) => service.accountSid === accountSid);
	}

	getService(accountSid, serviceSid) {
		const service = this.services.get(serviceSid);
		if (!service || service.accountSid !== accountSid) throw twilioErrors.notFound();
		return service;
	}

	updateService(accountSid, serviceSid, rawParams) {
		const service = this.getService(accountSid, serviceSid);
		const changes = readServiceChanges(new RequestParams(rawParams));
		for (const change of changes) setAtPath(service.settings, change.path, change.value);
		service.updatedAt = this.currentTime();
		return service;
	}

	/** Deleting a Service takes its verifications, rate limits and buckets with it. */
	deleteService(accountSid, serviceSid) {
		this.getService(accountSid, serviceSid);
		this.services.delete(serviceSid);
		for (const collection of [this.verifications, this.rateLimits, this.buckets]) {
			for (const [sid, record] of collection) if (record.serviceSid === serviceSid) collection.delete(sid);
		}
	}

	// ----- Verifications ----------------------------------------------------

	/**
	 * POST /Verifications. While a verification to the same recipient is pending,
	 * Twilio re-sends the same code under the same SID and records another attempt.
	 */
	startVerification(accountSid, serviceSid, rawParams) {
		const service = this.getService(accountSid, serviceSid);
		const request = this.readVerificationRequest(service, new RequestParams(rawParams));

		const pending = this.findPendingVerification(service.sid, request.to);
		if (pending && pending.sendCodeAttempts.length >= MAX_SEND_ATTEMPTS) throw twilioErrors.maxSendAttempts();
		this.consumeRateLimits(service, request.rateLimits);

		const verification = pending || this.createVerification(service, request);
		if (pending) pending.channel = request.channel;
		this.recordSendAttempt(verification);
		return verification;
	}

	readVerificationRequest(service, params) {
		const to = params.requiredString('To');
		const requestedChannel = params.requiredString('Channel');
		if (!REQUEST_CHANNELS.includes(requestedChannel)) throw twilioErrors.invalidParameter('Channel');
		assertRecipientFitsChannel(to, requestedChannel);

		const customCode = params.string('CustomCode');
		if (customCode !== undefined) {
			if (!service.settings.custom_code_enabled) throw twilioErrors.customCodeNotAllowed();
			if (!CUSTOM_CODE_PATTERN.test(customCode)) throw twilioErrors.invalidParameter('CustomCode');
		}

		const amount = params.string('Amount');
		const payee = params.string('Payee');
		if ((amount !== undefined || payee !== undefined) && !service.settings.psd2_enabled) {
			throw twilioErrors.featureNotSupported();
		}

		// Validated and kept so tests can inspect what a client sent; they do not change behaviour.
		const extras = {
			customFriendlyName: params.string('CustomFriendlyName'),
			customMessage: params.string('CustomMessage'),
			sendDigits: params.string('SendDigits'),
			locale: params.string('Locale'),
			channelConfiguration: params.jsonObject('ChannelConfiguration'),
			appHash: params.string('AppHash'),
			templateSid: params.sid('TemplateSid', 'HJ'),
			templateCustomSubstitutions: params.jsonObject('TemplateCustomSubstitutions'),
			deviceIp: params.ipAddress('DeviceIp'),
			enableSnaClientToken: params.boolean('EnableSnaClientToken'),
			riskCheck: params.oneOf('RiskCheck', ['enable', 'disable']),
			tags: params.jsonObject('Tags'),
		};

		return {
			to,
			// `auto` lets Twilio pick; without carrier data we always pick SMS.
			channel: requestedChannel === 'auto' ? 'sms' : requestedChannel,
			customCode,
			amount: amount === undefined ? null : amount,
			payee: payee === undefined ? null : payee,
			rateLimits: params.jsonObject('RateLimits') || {},
			extras,
		};
	}

	createVerification(service, request) {
		const time = this.currentTime();
		const verification = {
			sid: newSid('VE'),
			serviceSid: service.sid,
			accountSid: service.accountSid,
			to: request.to,
			channel: request.channel,
			status: 'pending',
			code: request.customCode || randomNumericCode(service.settings.code_length),
			amount: request.amount,
			payee: request.payee,
			lookup: lookupFor(service, request.channel),
			sendCodeAttempts: [],
			wrongChecks: 0,
			request: request.extras,
			createdAt: time,
			updatedAt: time,
		};
		this.verifications.set(verification.sid, verification);
		return verification;
	}

	recordSendAttempt(verification) {
		const time = this.currentTime();
		verification.sendCodeAttempts.push({ attemptSid: newSid('VL'), channel: verification.channel, time });
		verification.updatedAt = time;
		this.onCodeSent({
			code: verification.code,
			to: verification.to,
			channel: verification.channel,
			serviceSid: verification.serviceSid,
			verificationSid: verification.sid,
		});
	}

	/** GET /Verifications/{Sid}: approved, canceled and expired verifications are gone, like on Twilio. */
	getVerification(accountSid, serviceSid, verificationSid) {
		this.getService(accountSid, serviceSid);
		const verification = this.verifications.get(verificationSid);
		if (!verification || verification.serviceSid !== serviceSid) throw twilioErrors.notFound();
		if (this.statusOf(verification) !== 'pending') throw twilioErrors.notFound();
		return verification;
	}

	/** POST /Verifications/{Sid} with Status=canceled|approved. */
	updateVerification(accountSid, serviceSid, verificationSid, rawParams) {
		const params = new RequestParams(rawParams);
		const status = params.requiredString('Status');
		if (!['canceled', 'approved'].includes(status)) throw twilioErrors.invalidParameter('Status');
		const verification = this.getVerification(accountSid, serviceSid, verificationSid);
		this.setStatus(verification, status);
		return verification;
	}

	/** POST /VerificationCheck. A wrong code answers 200 with status pending. */
	checkVerification(accountSid, serviceSid, rawParams) {
		const service = this.getService(accountSid, serviceSid);
		const params = new RequestParams(rawParams);
		const code = params.string('Code');
		if (code === undefined || !CHECK_CODE_PATTERN.test(code)) throw twilioErrors.invalidParameter('Code');
		const verificationSid = params.sid('VerificationSid', 'VE');
		const to = params.string('To');
		if (verificationSid === undefined && !to) throw twilioErrors.invalidParameter('To');

		const verification = verificationSid
			? this.verifications.get(verificationSid)
			: this.findPendingVerification(service.sid, to);
		if (!verification || verification.serviceSid !== service.sid) throw twilioErrors.notFound();
		if (to && verification.to !== to) throw twilioErrors.notFound();
		if (this.statusOf(verification) !== 'pending') throw twilioErrors.notFound();

		if (verification.wrongChecks >= MAX_CHECK_ATTEMPTS) {
			// Twilio ends the verification here; later checks find nothing (20404).
			this.setStatus(verification, 'max_attempts_reached');
			throw twilioErrors.maxCheckAttempts();
		}

		if (code === verification.code && psd2DetailsMatch(verification, params)) {
			this.setStatus(verification, 'approved');
		} else {
			verification.wrongChecks += 1;
			verification.updatedAt = this.currentTime();
		}
		return verification;
	}

	findPendingVerification(serviceSid, to) {
		for (const verification of this.verifications.values()) {
			if (
				verification.serviceSid === serviceSid &&
				verification.to === to &&
				this.statusOf(verification) === 'pending'
			) {
				return verification;
			}
		}
		return undefined;
	}

	/** Latest verification sent to a recipient (any status), for codes lookups in tests and demos. */
	latestVerification(to, serviceSid) {
		let latest;
		for (const verification of this.verifications.values()) {
			if (verification.to !== to) continue;
			if (serviceSid && verification.serviceSid !== serviceSid) continue;
			if (!latest || lastSendTime(verification) >= lastSendTime(latest)) latest = verification;
		}
		if (latest) this.statusOf(latest);
		return latest;
	}

	/** Status with expiry applied lazily: a pending verification older than 10 minutes is expired. */
	statusOf(verification) {
		const expiresAt = verification.createdAt + VERIFICATION_TTL_MS;
		if (verification.status === 'pending' && this.currentTime() >= expiresAt) {
			verification.status = 'expired';
			verification.updatedAt = expiresAt;
		}
		return verification.status;
	}

	setStatus(verification, status) {
		verification.status = status;
		verification.updatedAt = this.currentTime();
	}

	// ----- Rate limits and buckets ------------------------------------------

	createRateLimit(accountSid, serviceSid, rawParams) {
		const service = this.getService(accountSid, serviceSid);
		const params = new RequestParams(rawParams);
		const uniqueName = params.requiredString('UniqueName');
		const description = params.string('Description');
		if (this.listRateLimits(accountSid, serviceSid).some((rateLimit) => rateLimit.uniqueName === uniqueName)) {
			throw twilioErrors.duplicateRateLimit();
		}
		const time = this.currentTime();
		const rateLimit = {
			sid: newSid('RK'),
			serviceSid: service.sid,
			accountSid,
			uniqueName,
			description: description === undefined ? null : description,
			createdAt: time,
			updatedAt: time,
		};
		this.rateLimits.set(rateLimit.sid, rateLimit);
		return rateLimit;
	}

	listRateLimits(accountSid, serviceSid) {
		this.getService(accountSid, serviceSid);
		return [...this.rateLimits.values()].filter((rateLimit) => rateLimit.serviceSid === serviceSid);
	}

	getRateLimit(accountSid, serviceSid, rateLimitSid) {
		this.getService(accountSid, serviceSid);
		const rateLimit = this.rateLimits.get(rateLimitSid);
		if (!rateLimit || rateLimit.serviceSid !== serviceSid) throw twilioErrors.notFound();
		return rateLimit;
	}

	updateRateLimit(accountSid, serviceSid, rateLimitSid, rawParams) {
		const rateLimit = this.getRateLimit(accountSid, serviceSid, rateLimitSid);
		const description = new RequestParams(rawParams).string('Description');
		if (description !== undefined) rateLimit.description = description;
		rateLimit.updatedAt = this.currentTime();
		return rateLimit;
	}

	deleteRateLimit(accountSid, serviceSid, rateLimitSid) {
		this.getRateLimit(accountSid, serviceSid, rateLimitSid);
		this.rateLimits.delete(rateLimitSid);
		for (const [sid, bucket] of this.buckets) if (bucket.rateLimitSid === rateLimitSid) this.buckets.delete(sid);
	}

	createBucket(accountSid, serviceSid, rateLimitSid, rawParams) {
		const rateLimit = this.getRateLimit(accountSid, serviceSid, rateLimitSid);
		const params = new RequestParams(rawParams);
		params.requiredString('Max');
		params.requiredString('Interval');
		const time = this.currentTime();
		const bucket = {
			sid: newSid('BL'),
			rateLimitSid: rateLimit.sid,
			serviceSid: rateLimit.serviceSid,
			accountSid,
			max: params.integer('Max', { min: 1 }),
			interval: params.integer('Interval', { min: 1 }),
			hitsByValue: new Map(),
			createdAt: time,
			updatedAt: time,
		};
		this.buckets.set(bucket.sid, bucket);
		return bucket;
	}

	listBuckets(accountSid, serviceSid, rateLimitSid) {
		this.getRateLimit(accountSid, serviceSid, rateLimitSid);
		return [...this.buckets.values()].filter((bucket) => bucket.rateLimitSid === rateLimitSid);
	}

	getBucket(accountSid, serviceSid, rateLimitSid, bucketSid) {
		this.getRateLimit(accountSid, serviceSid, rateLimitSid);
		const bucket = this.buckets.get(bucketSid);
		if (!bucket || bucket.rateLimitSid !== rateLimitSid) throw twilioErrors.notFound();
		return bucket;
	}

	updateBucket(accountSid, serviceSid, rateLimitSid, bucketSid, rawParams) {
		const bucket = this.getBucket(accountSid, serviceSid, rateLimitSid, bucketSid);
		const params = new RequestParams(rawParams);
		const max = params.integer('Max', { min: 1 });
		const interval = params.integer('Interval', { min: 1 });
		if (max !== undefined) bucket.max = max;
		if (interval !== undefined) bucket.interval = interval;
		bucket.updatedAt = this.currentTime();
		return bucket;
	}

	deleteBucket(accountSid, serviceSid, rateLimitSid, bucketSid) {
		this.getBucket(accountSid, serviceSid, rateLimitSid, bucketSid);
		this.buckets.delete(bucketSid);
	}

	/**
	 * Programmable rate limits: `RateLimits={"<unique_name>": "<value>"}` on a send
	 * counts one hit per bucket of that rate limit, keyed by the value. A full
	 * bucket refuses the send with 429. Unknown unique names are ignored.
	 */
	consumeRateLimits(service, rateLimitValues) {
		const time = this.currentTime();
		const counted = [];
		for (const [uniqueName, value] of Object.entries(rateLimitValues)) {
			const rateLimit = [...this.rateLimits.values()].find(
				(candidate) => candidate.serviceSid === service.sid && candidate.uniqueName === uniqueName,
			);
			if (!rateLimit) continue;
			for (const bucket of this.buckets.values()) {
				if (bucket.rateLimitSid !== rateLimit.sid) continue;
				const key = String(value);
				const windowStart = time - bucket.interval * 1000;
				const recentHits = (bucket.hitsByValue.get(key) || []).filter((hit) => hit > windowStart);
				bucket.hitsByValue.set(key, recentHits);
				if (recentHits.length >= bucket.max) throw twilioErrors.tooManyRequests();
				counted.push(recentHits);
			}
		}
		// Only count the hit once every bucket has agreed to it.
		for (const hits of counted) hits.push(time);
	}
}

function assertRecipientFitsChannel(to, channel) {
	const fits = PHONE_CHANNELS.has(channel) ? E164_PATTERN.test(to) : EMAIL_PATTERN.test(to);
	if (!fits) throw twilioErrors.invalidRecipient(to);
}

/** With lookup enabled Twilio reports carrier info for phone numbers; we have none to give. */
function lookupFor(service, channel) {
	if (!service.settings.lookup_enabled || channel === 'email') return {};
	return {
		carrier: { error_code: null, name: null, mobile_country_code: null, mobile_network_code: null, type: 'mobile' },
	};
}

/** A PSD2 verification only approves when the check repeats the same amount and payee. */
function psd2DetailsMatch(verification, params) {
	if (verification.amount !== null && params.string('Amount') !== verification.amount) return false;
	if (verification.payee !== null && params.string('Payee') !== verification.payee) return false;
	return true;
}

function lastSendTime(verification) {
	const attempts = verification.sendCodeAttempts;
	return attempts.length ? attempts[attempts.length - 1].time : verification.createdAt;
}

// ---------------------------------------------------------------------------
// Pagination (Twilio's `meta` block; the SDKs follow next_page_url)
// ---------------------------------------------------------------------------

function readPageSize(query) {
	const requested = Number.parseInt(query.get('PageSize') || '', 10);
	if (!Number.isFinite(requested) || requested < 1) return DEFAULT_PAGE_SIZE;
	return Math.min(requested, MAX_PAGE_SIZE);
}

function readPageNumber(query) {
	const requested = Number.parseInt(query.get('Page') || '', 10);
	return Number.isFinite(requested) && requested >= 0 ? requested : 0;
}

/**
 * Page tokens work like Twilio's: `PA<sid>` starts after that record, `PB<sid>`
 * ends before it. They survive deletions better than plain offsets; without a
 * token (or with a stale one) the page number gives the offset.
 */
function resolvePageStart(items, token, pageNumber, pageSize) {
	const offsetStart = pageNumber * pageSize;
	if (!token || token.length < 3) return offsetStart;
	const anchor = items.findIndex((item) => item.sid === token.slice(2));
	if (anchor === -1) return offsetStart;
	if (token.startsWith('PA')) return anchor + 1;
	if (token.startsWith('PB')) return Math.max(0, anchor - pageSize);
	return offsetStart;
}

function paginate(records, query, { baseUrl, path, key, render }) {
	const pageSize = readPageSize(query);
	const pageNumber = readPageNumber(query);
	const token = query.get('PageToken') || undefined;
	const start = resolvePageStart(records, token, pageNumber, pageSize);
	const pageRecords = records.slice(start, start + pageSize);

	const pageUrl = (page, pageToken) => {
		const search = new URLSearchParams({ PageSize: String(pageSize), Page: String(page) });
		if (pageToken) search.set('PageToken', pageToken);
		return `${baseUrl}${path}?${search}`;
	};
	const hasNext = start + pageSize < records.length;
	const hasPrevious = start > 0 && pageNumber > 0;
	const firstOnPage = pageRecords[0];
	const lastOnPage = pageRecords[pageRecords.length - 1];

	return {
		[key]: pageRecords.map(render),
		meta: {
			page: pageNumber,
			page_size: pageSize,
			first_page_url: pageUrl(0),
			previous_page_url: hasPrevious ? pageUrl(pageNumber - 1, firstOnPage ? `PB${firstOnPage.sid}` : undefined) : null,
			url: pageUrl(pageNumber, token),
			next_page_url: hasNext ? pageUrl(pageNumber + 1, `PA${lastOnPage.sid}`) : null,
			key,
		},
	};
}

// ---------------------------------------------------------------------------
// Twilio API routes
// ---------------------------------------------------------------------------

/**
 * Builds the HTTP methods of one route from engine operations. Each operation
 * gets `(state, ids, form)` where `ids` is the caller's account SID followed by
 * the path's SIDs in order — the same order the engine methods take them.
 *   list   -> GET, paginated under `listKey`    fetch  -> GET, 200
 *   create -> POST, 201                          update -> POST, 200
 *   check  -> POST, 200 (VerificationCheck)      remove -> DELETE, 204
 */
function route(pattern, render, operations, listKey) {
	const methods = {};
	const { list, fetch, create, update, check, remove } = operations;
	if (list) {
		methods.GET = (c) => ({
			status: 200,
			body: paginate(list(c.state, c.ids), c.query, {
				baseUrl: c.baseUrl,
				path: c.pathname,
				key: listKey,
				render: (record) => render(record, c.baseUrl),
			}),
		});
	}
	if (fetch) methods.GET = (c) => ({ status: 200, body: render(fetch(c.state, c.ids), c.baseUrl) });
	if (create) methods.POST = (c) => ({ status: 201, body: render(create(c.state, c.ids, c.form), c.baseUrl) });
	if (update) methods.POST = (c) => ({ status: 200, body: render(update(c.state, c.ids, c.form), c.baseUrl) });
	// Real Twilio answers checks with 200 (the OpenAPI also lists 201).
	if (check) methods.POST = (c) => ({ status: 200, body: render(check(c.state, c.ids, c.form), c.baseUrl) });
	if (remove) {
		methods.DELETE = (c) => {
			remove(c.state, c.ids);
			return { status: 204 };
		};
	}
	return { pattern, methods };
}

/** The Verify v2 resources the sandbox implements. */
const API_ROUTES = [
	route(
		'/v2/Services',
		renderService,
		{
			list: (state, ids) => state.listServices(...ids),
			create: (state, ids, form) => state.createService(...ids, form),
		},
		'services',
	),
	route('/v2/Services/:serviceSid', renderService, {
		fetch: (state, ids) => state.getService(...ids),
		update: (state, ids, form) => state.updateService(...ids, form),
		remove: (state, ids) => state.deleteService(...ids),
	}),
	route('/v2/Services/:serviceSid/Verifications', renderVerification, {
		create: (state, ids, form) => state.startVerification(...ids, form),
	}),
	route('/v2/Services/:serviceSid/Verifications/:sid', renderVerification, {
		fetch: (state, ids) => state.getVerification(...ids),
		update: (state, ids, form) => state.updateVerification(...ids, form),
	}),
	route('/v2/Services/:serviceSid/VerificationCheck', renderVerificationCheck, {
		check: (state, ids, form) => state.checkVerification(...ids, form),
	}),
	route(
		'/v2/Services/:serviceSid/RateLimits',
		renderRateLimit,
		{
			list: (state, ids) => state.listRateLimits(...ids),
			create: (state, ids, form) => state.createRateLimit(...ids, form),
		},
		'rate_limits',
	),
	route('/v2/Services/:serviceSid/RateLimits/:rateLimitSid', renderRateLimit, {
		fetch: (state, ids) => state.getRateLimit(...ids),
		update: (state, ids, form) => state.updateRateLimit(...ids, form),
		remove: (state, ids) => state.deleteRateLimit(...ids),
	}),
	route(
		'/v2/Services/:serviceSid/RateLimits/:rateLimitSid/Buckets',
		renderBucket,
		{
			list: (state, ids) => state.listBuckets(...ids),
			create: (state, ids, form) => state.createBucket(...ids, form),
		},
		'buckets',
	),
	route('/v2/Services/:serviceSid/RateLimits/:rateLimitSid/Buckets/:sid', renderBucket, {
		fetch: (state, ids) => state.getBucket(...ids),
		update: (state, ids, form) => state.updateBucket(...ids, form),
		remove: (state, ids) => state.deleteBucket(...ids),
	}),
];

/** Matches `/v2/Services/:serviceSid` style patterns; returns captured segments or null. */
function matchPattern(pattern, pathname) {
	const patternParts = pattern.split('/');
	const pathParts = pathname.replace(/\/+$/, '').split('/');
	if (patternParts.length !== pathParts.length) return null;
	const captured = {};
	for (let i = 0; i < patternParts.length; i += 1) {
		const expected = patternParts[i];
		if (expected.startsWith(':')) {
			if (!pathParts[i]) return null;
			captured[expected.slice(1)] = decodeURIComponent(pathParts[i]);
		} else if (expected !== pathParts[i]) {
			return null;
		}
	}
	return captured;
}

function findRoute(pathname) {
	for (const route of API_ROUTES) {
		const path = matchPattern(route.pattern, pathname);
		if (path) return { route, path };
	}
	return undefined;
}

// ---------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------

function normalizeFaults(faults = {}) {
	const normalized = {};
	if (faults.latencyMs) normalized.latencyMs = Math.max(0, Number(faults.latencyMs));
	if (faults.failNext && faults.failNext.count > 0) {
		const { count, status, retryAfterSeconds } = faults.failNext;
		if (![500, 502, 503, 429].includes(Number(status))) {
			throw new RangeError(`failNext.status must be 500, 502, 503 or 429, got ${status}`);
		}
		normalized.failNext = { count: Number(count), status: Number(status) };
		if (retryAfterSeconds !== undefined) normalized.failNext.retryAfterSeconds = Number(retryAfterSeconds);
	}
	if (faults.dropNext > 0) normalized.dropNext = Number(faults.dropNext);
	if (faults.hangNext > 0) normalized.hangNext = Number(faults.hangNext);
	return normalized;
}

/**
 * Decides what the next API request suffers, consuming one unit of the
 * matching counter: 'hang' | 'drop' | TwilioError | undefined (answer normally).
 */
function takeFault(faults) {
	if (faults.hangNext > 0) {
		faults.hangNext -= 1;
		return 'hang';
	}
	if (faults.dropNext > 0) {
		faults.dropNext -= 1;
		return 'drop';
	}
	if (faults.failNext && faults.failNext.count > 0) {
		const { status, retryAfterSeconds } = faults.failNext;
		faults.failNext.count -= 1;
		if (faults.failNext.count === 0) delete faults.failNext;
		// A 429 always carries Retry-After (default 1s), as Twilio's does.
		if (status === 429) return twilioErrors.tooManyRequests(retryAfterSeconds === undefined ? 1 : retryAfterSeconds);
		return twilioErrors.serverError(status, retryAfterSeconds);
	}
	return undefined;
}

// ---------------------------------------------------------------------------
// HTTP plumbing
// ---------------------------------------------------------------------------

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new TwilioError(413, 20001, 'Request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Twilio reads POST parameters only from a form-encoded body; anything else carries no parameters. */
function parseFormBody(req, body) {
	const contentType = String(req.headers['content-type'] || '').toLowerCase();
	if (req.method !== 'POST' || !contentType.startsWith('application/x-www-form-urlencoded')) {
		return new URLSearchParams();
	}
	return new URLSearchParams(body);
}

function parseBasicAuth(header) {
	const match = /^Basic\s+(.+)$/i.exec(header || '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator === -1) return undefined;
	return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

function sendJson(res, status, body, headers = {}) {
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
		'Content-Length': Buffer.byteLength(payload),
		'Twilio-Request-Id': newSid('RQ'),
		...headers,
	});
	res.end(payload);
}

function sendTwilioError(res, error) {
	const headers = { ...error.headers };
	if (error.status === 401) headers['WWW-Authenticate'] = 'Basic realm="Twilio API"';
	sendJson(res, error.status, error.toJSON(), headers);
}

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address().port);
		});
	});
}

function formatBaseUrl(host, port) {
	return net.isIPv6(host) ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

// ---------------------------------------------------------------------------
// startSandbox
// ---------------------------------------------------------------------------

/**
 * Starts a sandbox on loopback. See index.d.ts for the options and the returned object.
 */
async function startSandbox(options = {}) {
	const host = options.host || DEFAULT_HOST;
	const accounts = { ...(options.accounts || { [DEFAULT_ACCOUNT_SID]: DEFAULT_AUTH_TOKEN }) };
	const apiKeys = { ...(options.apiKeys || {}) };
	const [accountSid, authToken] = Object.entries(accounts)[0] || [];
	if (!accountSid) throw new RangeError('startSandbox needs at least one account');
	const log = options.logger || ((line) => console.log(line));
	const seededServices = options.services || [];

	const state = new VerifyState({
		now: options.now || Date.now,
		onCodeSent: (event) => {
			if (!options.logCodes) return;
			log(`${LOG_PREFIX} code ${event.code} for ${event.to} via ${event.channel} (service ${event.serviceSid})`);
		},
	});
	let faults = normalizeFaults(options.faults);
	const requests = [];
	let baseUrl = '';

	function seedServices() {
		for (const seed of seededServices) createServiceDirectly(seed);
	}

	function createServiceDirectly(params = {}) {
		const { sid, accountSid: owner, ...twilioParams } = params;
		if (twilioParams.FriendlyName === undefined) twilioParams.FriendlyName = 'Sandbox Service';
		const service = state.createService(owner || accountSid, twilioParams, { sid });
		return renderService(service, baseUrl);
	}

	/** Account SID the credentials belong to, or undefined. */
	function authenticate(header) {
		const credentials = parseBasicAuth(header);
		if (!credentials) return undefined;
		const { username, password } = credentials;
		if (Object.hasOwn(accounts, username) && safeEqual(password, accounts[username])) return username;
		const apiKey = Object.hasOwn(apiKeys, username) ? apiKeys[username] : undefined;
		if (apiKey && safeEqual(password, apiKey.secret)) return apiKey.accountSid;
		return undefined;
	}

	function recordRequest(method, pathname, status) {
		requests.push({ method, path: pathname, status });
	}

	async function handleApiRequest(req, res, url, body) {
		const fault = takeFault(faults);
		if (fault === 'hang') {
			recordRequest(req.method, url.pathname, 0);
			return; // never answer; close() tears the socket down
		}
		if (fault === 'drop') {
			recordRequest(req.method, url.pathname, 0);
			req.socket.destroy();
			return;
		}
		if (faults.latencyMs) await sleep(faults.latencyMs);
		if (fault instanceof TwilioError) {
			recordRequest(req.method, url.pathname, fault.status);
			sendTwilioError(res, fault);
			return;
		}

		const result = answerApiRequest(req, url, body);
		recordRequest(req.method, url.pathname, result.status);
		if (result.error) sendTwilioError(res, result.error);
		else sendJson(res, result.status, result.body);
	}

	/** Runs auth, routing and the engine; returns `{status, body}` or `{status, error}`. */
	function answerApiRequest(req, url, body) {
		const resourcePath = url.pathname.replace(/^\/v2(?=\/)/, '');
		try {
			const owner = authenticate(req.headers.authorization);
			if (!owner) throw twilioErrors.authenticate();
			const match = findRoute(url.pathname);
			if (!match) throw twilioErrors.notFoundAt(resourcePath);
			const handler = match.route.methods[req.method];
			if (!handler) throw twilioErrors.methodNotAllowed();
			return handler({
				state,
				ids: [owner, ...Object.values(match.path)],
				form: parseFormBody(req, body),
				query: url.searchParams,
				baseUrl,
				pathname: url.pathname.replace(/\/+$/, ''),
			});
		} catch (error) {
			if (!(error instanceof TwilioError)) throw error;
			const answered =
				error.code === 20404 && error.message === NOT_FOUND_MESSAGE ? twilioErrors.notFoundAt(resourcePath) : error;
			return { status: answered.status, error: answered };
		}
	}

	// ----- Control routes (no auth, no faults, not logged) ------------------

	const controlRoutes = {
		'GET /__sandbox/health': () => ({ status: 200, body: { ok: true, account_sid: accountSid } }),
		'GET /__sandbox/codes': (url) => {
			const to = readRecipientQuery(url.searchParams.get('to'));
			if (!to) return { status: 400, body: { message: 'Query parameter `to` is required', status: 400 } };
			const verification = state.latestVerification(to, url.searchParams.get('service_sid') || undefined);
			if (!verification) return { status: 404, body: { message: `No verification sent to ${to}`, status: 404 } };
			return {
				status: 200,
				body: {
					code: verification.code,
					sid: verification.sid,
					status: verification.status,
					to: verification.to,
					channel: verification.channel,
					service_sid: verification.serviceSid,
				},
			};
		},
		'GET /__sandbox/faults': () => ({ status: 200, body: structuredClone(faults) }),
		'POST /__sandbox/faults': (url, json) => {
			faults = normalizeFaults(json);
			return { status: 200, body: structuredClone(faults) };
		},
		'POST /__sandbox/advance': (url, json) => {
			state.advanceTime(Number(json.ms));
			return { status: 200, body: { now: formatTwilioDate(state.currentTime()) } };
		},
		'POST /__sandbox/reset': () => {
			sandbox.reset();
			return { status: 200, body: { ok: true } };
		},
		'GET /__sandbox/requests': () => ({ status: 200, body: { requests } }),
	};

	function handleControlRequest(req, res, url, body) {
		const handler = controlRoutes[`${req.method} ${url.pathname.replace(/\/+$/, '')}`];
		if (!handler) {
			sendJson(res, 404, { message: `Unknown sandbox control route ${req.method} ${url.pathname}`, status: 404 });
			return;
		}
		try {
			const json = body.trim() ? JSON.parse(body) : {};
			const result = handler(url, json);
			sendJson(res, result.status, result.body);
		} catch (error) {
			sendJson(res, 400, { message: error.message, status: 400 });
		}
	}

	const server = http.createServer((req, res) => {
		handleRequest(req, res).catch((error) => {
			if (error instanceof TwilioError) {
				if (!res.headersSent) sendTwilioError(res, error);
				return;
			}
			// A bug in the sandbox: answer like Twilio's 500 and say why on the console.
			if (!res.headersSent) sendTwilioError(res, twilioErrors.serverError(500));
			log(`${LOG_PREFIX} internal error: ${error && error.stack ? error.stack : error}`);
		});
	});

	async function handleRequest(req, res) {
		const body = await readBody(req);
		const url = new URL(req.url, baseUrl);
		if (url.pathname.startsWith(CONTROL_PREFIX)) handleControlRequest(req, res, url, body);
		else await handleApiRequest(req, res, url, body);
	}

	const port = await listen(server, options.port || 0, host);
	baseUrl = formatBaseUrl(host, port);
	seedServices();

	const sandbox = {
		url: baseUrl,
		port,
		accountSid,
		authToken,
		state,
		requests,
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				// Hung requests and idle keep-alive sockets would otherwise hold close() open.
				server.closeAllConnections();
			});
		},
		reset() {
			state.reset();
			faults = {};
			requests.length = 0;
			seedServices();
		},
		setFaults(newFaults) {
			faults = normalizeFaults(newFaults);
		},
		getFaults() {
			return structuredClone(faults);
		},
		advanceTime(ms) {
			state.advanceTime(ms);
		},
		lastCode(to, serviceSid) {
			const verification = state.latestVerification(to, serviceSid);
			return verification ? verification.code : undefined;
		},
		createService: createServiceDirectly,
	};
	return sandbox;
}

/** `?to=+1555...` arrives as a space when the client forgot to encode the plus sign. */
function readRecipientQuery(value) {
	if (!value) return undefined;
	return /^ \d/.test(value) ? `+${value.slice(1)}` : value;
}

module.exports = {
	startSandbox,
	VerifyState,
	TwilioError,
	twilioErrors,
	DEFAULT_ACCOUNT_SID,
	DEFAULT_AUTH_TOKEN,
	VERIFICATION_TTL_MS,
	MAX_SEND_ATTEMPTS,
	MAX_CHECK_ATTEMPTS,
};
