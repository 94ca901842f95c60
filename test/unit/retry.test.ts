import {
	backoffMs,
	isTransientResponse,
	retryAfterMs,
	RetryingHttpClient,
	type HttpClient,
	type HttpResponse,
} from '../../nodes/shared/core/verify/retry';

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

function networkError(code: string): Error {
	return Object.assign(new Error(`connect ${code}`), { code });
}

const ok: HttpResponse = { statusCode: 200, body: { sid: 'VE1' } };

describe('RetryingHttpClient', () => {
	it('retries 5xx with backoff until a success', async () => {
		const waits: number[] = [];
		const inner = scriptedClient([{ statusCode: 503, body: '' }, { statusCode: 500, body: '' }, ok]);
		const client = new RetryingHttpClient(inner, policy, async (ms) => void waits.push(ms));
		await expect(client.request({})).resolves.toBe(ok);
		expect(inner.calls).toBe(3);
		expect(waits).toHaveLength(2);
		expect(waits[1]).toBeGreaterThanOrEqual(100); // second pause: between half and all of 200 ms
	});

	it('honours Retry-After on 429 code 20429', async () => {
		const waits: number[] = [];
		const inner = scriptedClient([{ statusCode: 429, body: { code: 20429 }, headers: { 'retry-after': '1' } }, ok]);
		const client = new RetryingHttpClient(inner, policy, async (ms) => void waits.push(ms));
		await expect(client.request({})).resolves.toBe(ok);
		expect(waits).toEqual([1_000]);
	});

	it('gives up when Retry-After asks for more than one pause may last', async () => {
		const throttled = { statusCode: 429, body: { code: 20429 }, headers: { 'retry-after': '60' } };
		const inner = scriptedClient([throttled, ok]);
		const client = new RetryingHttpClient(inner, policy, async () => undefined);
		await expect(client.request({})).resolves.toBe(throttled);
		expect(inner.calls).toBe(1);
	});

	it('never retries Verify limits 60202 and 60203', async () => {
		for (const code of [60202, 60203]) {
			const refused = { statusCode: 429, body: JSON.stringify({ code }) };
			const inner = scriptedClient([refused, ok]);
			const client = new RetryingHttpClient(inner, policy, async () => undefined);
			await expect(client.request({})).resolves.toBe(refused);
			expect(inner.calls).toBe(1);
		}
	});

	it('retries network errors and rethrows after the last retry', async () => {
		const inner = scriptedClient([networkError('ECONNRESET')]);
		const client = new RetryingHttpClient(inner, policy, async () => undefined);
		await expect(client.request({})).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(inner.calls).toBe(policy.maxRetries + 1);
	});

	it('does not retry programming errors', async () => {
		const inner = scriptedClient([new TypeError('bad'), ok]);
		const client = new RetryingHttpClient(inner, policy, async () => undefined);
		await expect(client.request({})).rejects.toThrow('bad');
		expect(inner.calls).toBe(1);
	});

	it('returns 4xx answers at once', async () => {
		const notFound = { statusCode: 404, body: { code: 20404 } };
		const inner = scriptedClient([notFound]);
		await expect(new RetryingHttpClient(inner, policy, async () => undefined).request({})).resolves.toBe(notFound);
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
		expect(isTransientResponse({ statusCode: 429, body: 'not json' })).toBe(true);
		expect(isTransientResponse({ statusCode: 429, body: { code: 60203 } })).toBe(false);
		expect(isTransientResponse({ statusCode: 400, body: { code: 60200 } })).toBe(false);
	});
});
