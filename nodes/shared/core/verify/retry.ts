/**
 * Retries Twilio requests at the HTTP layer, where the status, Twilio's error code and `Retry-After` are all visible,
 * but only when repeating the request cannot repeat its effect (a second SMS, a second counted check attempt):
 *
 * - the request certainly never reached Twilio: the connection was refused, the name did not resolve, or the
 *   connection (or its TLS session) failed before anything was sent;
 * - Twilio answered and refused it: a 5xx other than 504, or 429 with code 20429 (account concurrency).
 *
 * A timeout, a reset or a dropped connection after the request was sent, and a 504 (a gateway gave up waiting), may
 * have reached Twilio: they are never retried, whatever the method. Verify's own limits (60202 too many checks, 60203
 * too many sends, 60212 concurrent requests for one number) also answer 429 but are final.
 *
 * When the retries are used up, or Twilio asks for a longer pause than one item may wait, the last refusal is thrown as
 * a `TransientResponseError` carrying Twilio's status, code and `Retry-After`, for `mapTwilioError` to report.
 */

export interface RetryPolicy {
	/** retries after the first attempt */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000 };

/** The slice of twilio's RequestClient response this module reads. */
export interface HttpResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

export interface HttpClient {
	request(options: object): Promise<HttpResponse>;
}

/** Account concurrency: Twilio refused the request before doing anything with it. */
const TWILIO_TOO_MANY_REQUESTS = 20429;
/** A gateway timed out waiting for Twilio: the request may have been carried out. */
const GATEWAY_TIMEOUT = 504;

/** Failures that happen before a connection exists, so nothing of the request was sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const NOT_SENT_SYSCALLS = new Set(['connect', 'getaddrinfo']);
/** Node's message when a socket closes before TLS was set up: Twilio cannot have read the request. */
const BEFORE_TLS = /before secure TLS connection was established/i;

/** Transport failures once a connection may have carried the request. */
const MAYBE_SENT_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
	'EHOSTDOWN',
	'ERR_STREAM_PREMATURE_CLOSE',
]);
const MAYBE_SENT_MESSAGE = /socket hang up|timeout of \d+ms exceeded|network error/i;

interface SystemErrorFields {
	code?: unknown;
	syscall?: unknown;
	message?: unknown;
	cause?: unknown;
}

/** The error and its causes (axios keeps node's own error, with its `syscall`, as `cause`). */
function errorChain(error: unknown): SystemErrorFields[] {
	const chain: SystemErrorFields[] = [];
	let current = error;
	while (typeof current === 'object' && current !== null && chain.length < 5) {
		chain.push(current as SystemErrorFields);
		current = (current as SystemErrorFields).cause;
	}
	return chain;
}

/**
 * What a transport failure says about the request: `not-sent` when it certainly never reached Twilio (safe to send
 * again), `maybe-sent` when it may have (a timeout, a reset, a dropped connection), undefined when the error is not a
 * transport failure at all (a programming error, an answer from Twilio).
 */
export function classifyNetworkError(error: unknown): 'not-sent' | 'maybe-sent' | undefined {
	const chain = errorChain(error);
	if (chain.length === 0) return undefined;
	for (const link of chain) {
		if (typeof link.syscall === 'string' && NOT_SENT_SYSCALLS.has(link.syscall)) return 'not-sent';
		if (typeof link.code === 'string' && NOT_SENT_CODES.has(link.code)) return 'not-sent';
		if (typeof link.message === 'string' && BEFORE_TLS.test(link.message)) return 'not-sent';
	}
	for (const link of chain) {
		if (typeof link.code === 'string' && MAYBE_SENT_CODES.has(link.code)) return 'maybe-sent';
		if (typeof link.message === 'string' && MAYBE_SENT_MESSAGE.test(link.message)) return 'maybe-sent';
	}
	return undefined;
}

function parsedBody(body: unknown): Record<string, unknown> | undefined {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return undefined; // not JSON: no Twilio error fields to read
		}
	}
	return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
}

function twilioErrorCode(body: unknown): number | undefined {
	const code = parsedBody(body)?.code;
	return typeof code === 'number' ? code : undefined;
}

/** Twilio refused the request without carrying it out, and may accept it later. */
export function isTransientResponse(response: HttpResponse): boolean {
	if (response.statusCode >= 500) return response.statusCode !== GATEWAY_TIMEOUT;
	if (response.statusCode !== 429) return false;
	const code = twilioErrorCode(response.body);
	return code === undefined || code === TWILIO_TOO_MANY_REQUESTS;
}

/** Retry-After in seconds or as an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
	const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter, so many items failing together do not retry in lockstep. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Twilio's transient refusal (5xx, 429 code 20429) that the retries did not get past. Shaped like the SDK's
 * RestException (`status`, `code`, `message`), plus the `Retry-After` Twilio gave, in whole seconds.
 */
export class TransientResponseError extends Error {
	readonly status: number;
	readonly code?: number;
	readonly moreInfo?: string;
	readonly retryAfterSeconds?: number;

	constructor(response: HttpResponse, retryAfter: number | undefined) {
		const body = parsedBody(response.body);
		const text = body?.message ?? body?.detail ?? body?.title;
		super(typeof text === 'string' && text ? text : `[HTTP ${response.statusCode}] Failed to execute request`);
		this.name = 'TransientResponseError';
		this.status = response.statusCode;
		const code = twilioErrorCode(response.body);
		if (code !== undefined) this.code = code;
		if (typeof body?.more_info === 'string') this.moreInfo = body.more_info;
		if (retryAfter !== undefined) this.retryAfterSeconds = Math.ceil(retryAfter / 1000);
	}
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RetryingHttpClient implements HttpClient {
	constructor(
		private readonly inner: HttpClient,
		private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	async request(options: object): Promise<HttpResponse> {
		for (let attempt = 0; ; attempt++) {
			const canRetry = attempt < this.policy.maxRetries;
			let response: HttpResponse;
			try {
				response = await this.inner.request(options);
			} catch (error) {
				// Only a request that certainly never left is sent again: anything else may already have sent a code.
				if (!canRetry || classifyNetworkError(error) !== 'not-sent') throw error;
				await this.wait(backoffMs(attempt, this.policy));
				continue;
			}
			if (!isTransientResponse(response)) return response;
			const serverDelay = retryAfterMs(response.headers);
			// Honour Retry-After; when Twilio asks for a longer pause than one item may wait, report the failure instead.
			if (!canRetry || (serverDelay !== undefined && serverDelay > this.policy.maxDelayMs)) {
				throw new TransientResponseError(response, serverDelay);
			}
			await this.wait(serverDelay ?? backoffMs(attempt, this.policy));
		}
	}
}
