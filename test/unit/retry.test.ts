import { OutcomeError, ServiceUnavailableError } from '../../nodes/shared/core/errors';
import {
	backoffMs,
	classifyNetworkError,
	isTransientResponse,
	retryAfterMs,
	RetryingHttpClient,
	TransientResponseError,
	type HttpClient,
	type HttpResponse,
} from '../../nodes/shared/core/verify/retry';
import { mapTwilioError, TwilioUnavailableError } from '../../nodes/shared/core/verify/twilioErrors';

const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

function scriptedClient(steps: Array<HttpResponse | Error>): HttpClient & { calls: number } {
	const client = {
		calls: 0,
		async request() {
			const step = steps[Math.min(client.calls, steps.length - 1)];
			client.calls++;
			if (step instanceof Error) throw step;
			return step;
		},
	};
	return client;
}

/** What axios hands back for a transport failure: its own error, with node's system error as `cause`. */
function axiosLike(code: string, message: string, cause?: { code: string; syscall?: string; message?: string }): Error {
	const error = Object.assign(new Error(message), { code, isAxiosError: true });
	if (cause) Object.assign(error, { cause: Object.assign(new Error(cause.message ?? message), cause) });
	return error;
}

const refused = () => axiosLike('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED', syscall: 'connect' });
const dnsFailure = () => axiosLike('ENOTFOUND', 'getaddrinfo ENOTFOUND verify.twilio.com', { code: 'ENOTFOUND', syscall: 'getaddrinfo' });
const dropped = () => axiosLike('ECONNRESET', 'socket hang up', { code: 'ECONNRESET' });
const timedOut = () => axiosLike('ECONNABORTED', 'timeout of 15000ms exceeded');
const resetBeforeTls = () =>
	axiosLike('ECONNRESET', 'Client network socket disconnected before secure TLS connection was established', {
		code: 'ECONNRESET',
	});

const ok: HttpResponse = { statusCode: 200, body: { sid: 'VE1' } };
const noWait = async () => undefined;

describe('RetryingHttpClient: answers from Twilio', () => {
	it('retries 5xx with backoff until a success', async () => {
		const waits: number[] = [];
		const inner = scriptedClient([{ statusCode: 503, body: '' }, { statusCode: 500, body: '' }, ok]);
		const client = new RetryingHttpClient(inner, policy, async (ms) => void waits.push(ms));
		await expect(client.request({})).resolves.toBe(ok);
		expect(inner.calls).toBe(3);
		expect(waits).toHaveLength(2);
		expect(waits[1]).toBeGreaterThanOrEqual(100); // second pause: between half and all of 200 ms
	});

	it('does not retry 504: a gateway gave up waiting, so the request may have been carried out', async () => {
		const inner = scriptedClient([{ statusCode: 504, body: { code: 20504, message: 'Gateway Timeout' } }, ok]);
		const client = new RetryingHttpClient(inner, policy, noWait);
		await expect(client.request({})).resolves.toMatchObject({ statusCode: 504 });
		expect(inner.calls).toBe(1);
	});

	it('honours Retry-After on 429 code 20429', async () => {
		const waits: number[] = [];
		const inner = scriptedClient([{ statusCode: 429, body: { code: 20429 }, headers: { 'retry-after': '1' } }, ok]);
		const client = new RetryingHttpClient(inner, policy, async (ms) => void waits.push(ms));
		await expect(client.request({})).resolves.toBe(ok);
		expect(waits).toEqual([1_000]);
	});

	it('gives up at once, with the hint, when Retry-After asks for more than one pause may last', async () => {
		const throttled = { statusCode: 429, body: { code: 20429, message: 'Too many requests' }, headers: { 'retry-after': '60' } };
		const inner = scriptedClient([throttled, ok]);
		const client = new RetryingHttpClient(inner, policy, noWait);
		const error = await client.request({}).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(TransientResponseError);
		expect(error).toMatchObject({ status: 429, code: 20429, message: 'Too many requests', retryAfterSeconds: 60 });
		expect(inner.calls).toBe(1);
	});

	it('throws the last refusal with its Retry-After once the retries are used up', async () => {
		const unavailable = { statusCode: 503, body: JSON.stringify({ code: 20503, message: 'Service Unavailable' }), headers: { 'retry-after': '2' } };
		const inner = scriptedClient([unavailable]);
		const waits: number[] = [];
		const client = new RetryingHttpClient(inner, policy, async (ms) => void waits.push(ms));
		await expect(client.request({})).rejects.toMatchObject({ status: 503, code: 20503, retryAfterSeconds: 2 });
		expect(inner.calls).toBe(policy.maxRetries + 1);
		expect(waits).toEqual([2_000, 2_000, 2_000]);
	});

	it('never retries Verify limits 60202, 60203 and 60212', async () => {
		for (const code of [60202, 60203, 60212]) {
			const refusal = { statusCode: 429, body: JSON.stringify({ code }) };
			const inner = scriptedClient([refusal, ok]);
			const client = new RetryingHttpClient(inner, policy, noWait);
			await expect(client.request({})).resolves.toBe(refusal);
			expect(inner.calls).toBe(1);
		}
	});

	it('returns 4xx answers at once', async () => {
		const notFound = { statusCode: 404, body: { code: 20404 } };
		const inner = scriptedClient([notFound]);
		await expect(new RetryingHttpClient(inner, policy, noWait).request({})).resolves.toBe(notFound);
		expect(inner.calls).toBe(1);
	});
});

describe('RetryingHttpClient: transport failures', () => {
	it.each([
		['connection refused', refused],
		['DNS failure', dnsFailure],
		['reset before TLS was set up', resetBeforeTls],
	])('retries a request that never left (%s)', async (_name, failure) => {
		const inner = scriptedClient([failure(), failure(), ok]);
		await expect(new RetryingHttpClient(inner, policy, noWait).request({})).resolves.toBe(ok);
		expect(inner.calls).toBe(3);
	});

	it('rethrows a request that never left after the last retry', async () => {
		const inner = scriptedClient([refused()]);
		await expect(new RetryingHttpClient(inner, policy, noWait).request({})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
		expect(inner.calls).toBe(policy.maxRetries + 1);
	});

	it.each([
		['a dropped connection', dropped],
		['a timeout', timedOut],
		['a reset socket', () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' })],
		['an EPIPE', () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' })],
	])('never repeats a request that may have reached Twilio (%s), whatever the method', async (_name, failure) => {
		for (const method of ['post', 'get', 'delete']) {
			const inner = scriptedClient([failure(), ok]);
			await expect(new RetryingHttpClient(inner, policy, noWait).request({ method })).rejects.toBeInstanceOf(Error);
			expect(inner.calls).toBe(1);
		}
	});

	it('does not retry programming errors', async () => {
		const inner = scriptedClient([new TypeError('bad'), ok]);
		const client = new RetryingHttpClient(inner, policy, noWait);
		await expect(client.request({})).rejects.toThrow('bad');
		expect(inner.calls).toBe(1);
	});
});

describe('retry helpers', () => {
	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterMs({ 'retry-after': '2' })).toBe(2_000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5_000);
		expect(retryAfterMs({})).toBeUndefined();
		expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
	});

	it('keeps jittered backoff between half and all of the exponential ceiling, capped', () => {
		expect(backoffMs(0, policy, () => 0)).toBe(50);
		expect(backoffMs(0, policy, () => 1)).toBe(100);
		expect(backoffMs(3, policy, () => 1)).toBe(800);
		expect(backoffMs(10, policy, () => 1)).toBe(2_000);
	});

	it('classifies responses', () => {
		expect(isTransientResponse({ statusCode: 502, body: '' })).toBe(true);
		expect(isTransientResponse({ statusCode: 504, body: '' })).toBe(false);
		expect(isTransientResponse({ statusCode: 429, body: 'not json' })).toBe(true);
		expect(isTransientResponse({ statusCode: 429, body: { code: 20429 } })).toBe(true);
		expect(isTransientResponse({ statusCode: 429, body: { code: 60203 } })).toBe(false);
		expect(isTransientResponse({ statusCode: 400, body: { code: 60200 } })).toBe(false);
	});

	it('classifies transport failures by whether the request may have left', () => {
		expect(classifyNetworkError(refused())).toBe('not-sent');
		expect(classifyNetworkError(dnsFailure())).toBe('not-sent');
		expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'EAI_AGAIN' }))).toBe('not-sent');
		expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'EHOSTUNREACH', syscall: 'connect' }))).toBe('not-sent');
		expect(classifyNetworkError(resetBeforeTls())).toBe('not-sent');
		expect(classifyNetworkError(dropped())).toBe('maybe-sent');
		expect(classifyNetworkError(timedOut())).toBe('maybe-sent');
		expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'ETIMEDOUT', syscall: 'read' }))).toBe('maybe-sent');
		expect(classifyNetworkError(new TypeError('bad'))).toBeUndefined();
		expect(classifyNetworkError('text')).toBeUndefined();
		expect(classifyNetworkError(null)).toBeUndefined();
	});
});

describe('mapTwilioError for what the retries gave up on', () => {
	it('reports a request that never left as TWILIO_UNREACHABLE, one that may have as TWILIO_NO_ANSWER', () => {
		for (const kind of ['send', 'check', 'verification', 'management'] as const) {
			const unreachable = mapTwilioError(refused(), kind);
			expect(unreachable).toBeInstanceOf(ServiceUnavailableError);
			expect(unreachable).toMatchObject({ code: 'TWILIO_UNREACHABLE' });
			const noAnswer = mapTwilioError(dropped(), kind);
			expect(noAnswer).toBeInstanceOf(ServiceUnavailableError);
			expect(noAnswer).toMatchObject({ code: 'TWILIO_NO_ANSWER' });
			expect(noAnswer.message).toMatch(/may have been carried out/);
		}
	});

	it('carries Twilio\'s Retry-After into the outage', () => {
		const error = new TransientResponseError({ statusCode: 503, body: { code: 20503, message: 'Service Unavailable' } }, 30_000);
		const mapped = mapTwilioError(error, 'check');
		expect(mapped).toBeInstanceOf(TwilioUnavailableError);
		expect(mapped).toMatchObject({ code: 'TWILIO_UNAVAILABLE', httpStatus: 503, retryAfterSeconds: 30 });
		expect(mapped.message).toMatch(/Twilio Verify is unavailable: Service Unavailable \(Twilio error 20503\).*30 s/);
	});

	it('reports 20429 on a send as the end user\'s RATE_LIMITED, with the wait', () => {
		const error = new TransientResponseError({ statusCode: 429, body: { code: 20429, message: 'Too many requests' } }, 60_000);
		const mapped = mapTwilioError(error, 'send');
		expect(mapped).toBeInstanceOf(OutcomeError);
		expect((mapped as OutcomeError).toJSON()).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429, retryAfterSeconds: 60 });
		expect(mapTwilioError(error, 'management')).toMatchObject({ code: 'TWILIO_UNAVAILABLE', retryAfterSeconds: 60 });
	});
});
