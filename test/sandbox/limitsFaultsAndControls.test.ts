/**
 * The sandbox over real HTTP: rate limits and buckets, injected faults, the /__sandbox/ control routes, routing and
 * code logging.
 */
import { VERIFICATION_TTL_MS, startSandbox } from '../../sandbox';
import { api, basicAuth, checkCode, control, expectTwilioError, parse, PHONE, sandbox, sendCode, useFreshService, useSandbox } from '../support/sandboxClient';

useSandbox();

describe('rate limits and buckets', () => {
	const service = useFreshService();

	it('creates, lists, fetches, updates and deletes rate limits', async () => {
		const base = `/v2/Services/${service.sid}/RateLimits`;
		const created = await api('POST', base, { UniqueName: 'end_user_ip', Description: 'per IP' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			service_sid: service.sid,
			account_sid: sandbox.accountSid,
			unique_name: 'end_user_ip',
			description: 'per IP',
			url: `${sandbox.url}${base}/${created.body.sid}`,
			links: { buckets: `${sandbox.url}${base}/${created.body.sid}/Buckets` },
		});
		expect(created.body.sid).toMatch(/^RK[0-9a-f]{32}$/);

		expectTwilioError(await api('POST', base, { UniqueName: 'end_user_ip' }), 409, 60208);
		expectTwilioError(
			await api('POST', base, {}),
			400,
			20001,
			'Missing required parameter UniqueName in the post body',
		);

		const listed = await api('GET', base);
		expect(listed.body.rate_limits).toEqual([created.body]);
		expect(listed.body.meta.key).toBe('rate_limits');

		const path = `${base}/${created.body.sid}`;
		expect((await api('GET', path)).body).toEqual(created.body);
		expect((await api('POST', path, { Description: 'changed' })).body.description).toBe('changed');
		expect((await api('DELETE', path)).status).toBe(204);
		expectTwilioError(await api('GET', path), 404, 20404);
	});

	it('creates, lists, fetches, updates and deletes buckets', async () => {
		const rateLimit = (await api('POST', `/v2/Services/${service.sid}/RateLimits`, { UniqueName: 'phone' })).body;
		const base = `/v2/Services/${service.sid}/RateLimits/${rateLimit.sid}/Buckets`;

		const created = await api('POST', base, { Max: '5', Interval: '60' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			rate_limit_sid: rateLimit.sid,
			service_sid: service.sid,
			max: 5,
			interval: 60,
			url: `${sandbox.url}${base}/${created.body.sid}`,
		});
		expect(created.body.sid).toMatch(/^BL[0-9a-f]{32}$/);

		expectTwilioError(
			await api('POST', base, { Interval: '60' }),
			400,
			20001,
			'Missing required parameter Max in the post body',
		);
		expectTwilioError(await api('POST', base, { Max: 'lots', Interval: '60' }), 400, 60200, 'Invalid parameter: Max');

		const listed = await api('GET', base);
		expect(listed.body.buckets).toEqual([created.body]);
		expect(listed.body.meta.key).toBe('buckets');

		const path = `${base}/${created.body.sid}`;
		expect((await api('GET', path)).body).toEqual(created.body);
		expect((await api('POST', path, { Max: '10' })).body).toMatchObject({ max: 10, interval: 60 });
		expect((await api('DELETE', path)).status).toBe(204);
		expectTwilioError(await api('GET', path), 404, 20404);

		expectTwilioError(
			await api('GET', `/v2/Services/${service.sid}/RateLimits/RK${'0'.repeat(32)}/Buckets`),
			404,
			20404,
		);
	});

	it('enforces buckets on sends that name the rate limit', async () => {
		const rateLimit = (await api('POST', `/v2/Services/${service.sid}/RateLimits`, { UniqueName: 'end_user_ip' })).body;
		await api('POST', `/v2/Services/${service.sid}/RateLimits/${rateLimit.sid}/Buckets`, { Max: '2', Interval: '60' });
		const limited = (to: string, ip = '203.0.113.7') =>
			sendCode(service.sid, { To: to, RateLimits: JSON.stringify({ end_user_ip: ip }) });

		expect((await limited('+15550000001')).status).toBe(201);
		expect((await limited('+15550000002')).status).toBe(201);
		expectTwilioError(await limited('+15550000003'), 429, 20429);
		expect((await limited('+15550000003', '198.51.100.1')).status).toBe(201);

		sandbox.advanceTime(61_000);
		expect((await limited('+15550000003')).status).toBe(201);
	});
});

describe('faults', () => {
	const service = useFreshService();

	it('adds latency to API answers', async () => {
		sandbox.setFaults({ latencyMs: 150 });
		const started = Date.now();
		expect((await api('GET', '/v2/Services')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it.each([
		[500, 20500],
		[502, 20500],
		[503, 20503],
	])('fails the next requests with %d and Twilio’s error body', async (status, code) => {
		sandbox.setFaults({ failNext: { count: 2, status: status as 500 | 502 | 503 } });
		expectTwilioError(await sendCode(service.sid), status, code);
		expectTwilioError(await sendCode(service.sid), status, code);
		expect((await sendCode(service.sid)).status).toBe(201);
		expect(sandbox.requests.map((r) => r.status).slice(-3)).toEqual([status, status, 201]);
	});

	it('answers 429 / 20429 with a Retry-After header', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 429, retryAfterSeconds: 7 } });
		const limited = await sendCode(service.sid);
		expectTwilioError(limited, 429, 20429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect((await sendCode(service.sid)).status).toBe(201);
	});

	it('drops the connection without answering', async () => {
		sandbox.setFaults({ dropNext: 1 });
		await expect(sendCode(service.sid)).rejects.toThrow();
		expect(sandbox.requests[sandbox.requests.length - 1]).toMatchObject({ method: 'POST', status: 0 });
		expect((await sendCode(service.sid)).status).toBe(201);
	});

	it('leaves a request hanging so the client times out', async () => {
		sandbox.setFaults({ hangNext: 1 });
		const hanging = fetch(`${sandbox.url}/v2/Services`, {
			headers: { Authorization: basicAuth(sandbox.accountSid, sandbox.authToken) },
			signal: AbortSignal.timeout(200),
		});
		await expect(hanging).rejects.toThrow();
		expect((await api('GET', '/v2/Services')).status).toBe(200);
	});

	it('never applies faults to the control routes', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 500 } });
		expect((await control('GET', '/__sandbox/health')).status).toBe(200);
		expect((await api('GET', '/v2/Services')).status).toBe(500);
	});
});

describe('HTTP control routes', () => {
	const service = useFreshService();

	it('GET /__sandbox/codes returns the latest code for a recipient', async () => {
		expect((await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`)).status).toBe(404);
		const sent = await sendCode(service.sid);
		const latest = await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`);
		expect(latest.status).toBe(200);
		expect(latest.body).toMatchObject({ code: sandbox.lastCode(PHONE), sid: sent.body.sid, status: 'pending' });
		// An unencoded "+" arrives as a space; the sandbox forgives that.
		expect((await control('GET', `/__sandbox/codes?to=${PHONE}`)).body.sid).toBe(sent.body.sid);

		await checkCode(service.sid, latest.body.code);
		expect((await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`)).body.status).toBe('approved');
	});

	it('POST /__sandbox/faults sets faults for other processes', async () => {
		const response = await control('POST', '/__sandbox/faults', { failNext: { count: 1, status: 503 } });
		expect(response.body).toEqual({ failNext: { count: 1, status: 503 } });
		expectTwilioError(await api('GET', '/v2/Services'), 503, 20503);
		expect((await control('GET', '/__sandbox/faults')).body).toEqual({});
		expect((await control('POST', '/__sandbox/faults', { failNext: { count: 1, status: 404 } })).status).toBe(400);
	});

	it('POST /__sandbox/advance moves the clock (expiring verifications)', async () => {
		await sendCode(service.sid);
		const code = sandbox.lastCode(PHONE) as string;
		expect((await control('POST', '/__sandbox/advance', { ms: VERIFICATION_TTL_MS })).status).toBe(200);
		expectTwilioError(await checkCode(service.sid, code), 404, 20404);
		expect((await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`)).body.status).toBe('expired');
	});

	it('POST /__sandbox/reset forgets everything', async () => {
		await sendCode(service.sid);
		expect((await control('POST', '/__sandbox/reset')).status).toBe(200);
		expect((await api('GET', '/v2/Services')).body.services).toEqual([]);
		expect(sandbox.lastCode(PHONE)).toBeUndefined();
	});

	it('GET /__sandbox/requests lists API requests for retry assertions', async () => {
		await api('GET', '/v2/Services');
		const log = await control('GET', '/__sandbox/requests');
		expect(log.body.requests).toEqual([
			{ method: 'POST', path: '/v2/Services', status: 201 },
			{ method: 'GET', path: '/v2/Services', status: 200 },
		]);
	});
});

describe('routing and logging', () => {
	it('answers 404 / 20404 for unknown resources and 405 for unsupported methods', async () => {
		expectTwilioError(await api('GET', '/v2/Nope'), 404, 20404, 'The requested resource /Nope was not found');
		expectTwilioError(await api('DELETE', '/v2/Services'), 405, 20004);
	});

	it('prints every code it sends when logCodes is on', async () => {
		const lines: string[] = [];
		const logging = await startSandbox({ logCodes: true, logger: (line) => lines.push(line) });
		try {
			const service = logging.createService({ FriendlyName: 'Logged' });
			const response = await fetch(`${logging.url}/v2/Services/${service.sid}/Verifications`, {
				method: 'POST',
				headers: { Authorization: basicAuth(logging.accountSid, logging.authToken) },
				body: new URLSearchParams({ To: PHONE, Channel: 'sms' }),
			});
			expect(response.status).toBe(201);
			expect(lines).toEqual([
				`[verify-sandbox] code ${logging.lastCode(PHONE)} for ${PHONE} via sms (service ${service.sid})`,
			]);
		} finally {
			await logging.close();
		}
	});

	it('re-creates seeded services with fixed SIDs after reset', async () => {
		const sid = 'VA' + 'e'.repeat(32);
		const seeded = await startSandbox({ services: [{ sid, FriendlyName: 'Seeded' }] });
		try {
			seeded.reset();
			const response = await fetch(`${seeded.url}/v2/Services/${sid}`, {
				headers: { Authorization: basicAuth(seeded.accountSid, seeded.authToken) },
			});
			expect((await parse(response)).body.friendly_name).toBe('Seeded');
		} finally {
			await seeded.close();
		}
	});

	it('uses the injected clock for dates', async () => {
		const fixed = await startSandbox({ now: () => Date.UTC(2015, 6, 30, 20, 0, 0) });
		try {
			const service = fixed.createService({ FriendlyName: 'Clocked' });
			expect(service.date_created).toBe('2015-07-30T20:00:00Z');
		} finally {
			await fixed.close();
		}
	});
});
