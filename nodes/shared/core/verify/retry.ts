/**
 * Retries transient Twilio failures at the HTTP layer, where the status, Twilio's error code and `Retry-After` are
 * all visible: 5xx, 429 with code 20429 (account concurrency), and network errors. Verify's own limits (60202 too many
 * checks, 60203 too many sends) also answer 429 but are final, so they are never retried.
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

const FINAL_RATE_LIMIT_CODES = new Set([60202, 60203]);
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function twilioErrorCode(body: unknown): number | undefined {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return undefined; // not JSON: no Twilio error code to read
		}
	}
	const code = (parsed as { code?: unknown } | null)?.code;
	return typeof code === 'number' ? code : undefined;
}

export function isTransientResponse(response: HttpResponse): boolean {
	if (response.statusCode >= 500) return true;
	if (response.statusCode !== 429) return false;
	const code = twilioErrorCode(response.body);
	return code === undefined || !FINAL_RATE_LIMIT_CODES.has(code);
}

export function isTransientNetworkError(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code === 'string' && TRANSIENT_NETWORK_CODES.has(code)) return true;
	const message = error instanceof Error ? error.message : '';
	return /socket hang up|timeout of \d+ms exceeded|network error/i.test(message);
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
				if (!canRetry || !isTransientNetworkError(error)) throw error;
				await this.wait(backoffMs(attempt, this.policy));
				continue;
			}
			if (!canRetry || !isTransientResponse(response)) return response;
			const serverDelay = retryAfterMs(response.headers);
			// Honour Retry-After; when Twilio asks for a longer pause than one item may wait, report the failure instead.
			if (serverDelay !== undefined && serverDelay > this.policy.maxDelayMs) return response;
			await this.wait(serverDelay ?? backoffMs(attempt, this.policy));
		}
	}
}
