/** Injected transport problems, to exercise clients' retry and timeout logic. */
import { TwilioError, twilioErrors } from './errors';

/** Each counter is consumed by the next API requests (control routes are never affected). */
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

/**
 * Copies the faults worth keeping, as numbers: the control route passes JSON from other processes as it came, so
 * strings such as "503" are accepted and a status the sandbox cannot fake is refused (RangeError, 400 there).
 */
export function normalizeFaults(faults: Faults = {}): Faults {
	const normalized: Faults = {};
	if (faults.latencyMs) normalized.latencyMs = Math.max(0, Number(faults.latencyMs));
	if (faults.failNext && faults.failNext.count > 0) {
		const { count, status, retryAfterSeconds } = faults.failNext;
		if (![500, 502, 503, 429].includes(Number(status))) {
			throw new RangeError(`failNext.status must be 500, 502, 503 or 429, got ${status}`);
		}
		normalized.failNext = { count: Number(count), status: Number(status) as 500 | 502 | 503 | 429 };
		if (retryAfterSeconds !== undefined) normalized.failNext.retryAfterSeconds = Number(retryAfterSeconds);
	}
	if (faults.dropNext !== undefined && faults.dropNext > 0) normalized.dropNext = Number(faults.dropNext);
	if (faults.hangNext !== undefined && faults.hangNext > 0) normalized.hangNext = Number(faults.hangNext);
	return normalized;
}

/**
 * Decides what the next API request suffers, consuming one unit of the
 * matching counter: 'hang' | 'drop' | TwilioError | undefined (answer normally).
 */
export function takeFault(faults: Faults): 'hang' | 'drop' | TwilioError | undefined {
	if (faults.hangNext !== undefined && faults.hangNext > 0) {
		faults.hangNext -= 1;
		return 'hang';
	}
	if (faults.dropNext !== undefined && faults.dropNext > 0) {
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
