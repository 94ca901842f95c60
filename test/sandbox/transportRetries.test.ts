/**
 * The Verify client's retries over the real transport (the twilio SDK's RequestClient, axios, node's sockets) against
 * the sandbox: what may have reached Twilio is never sent twice; what certainly did not, or what Twilio refused, is.
 */
import RequestClient from 'twilio/lib/base/RequestClient';

import { ServiceUnavailableError } from '../../nodes/shared/core/errors';
import { VerifyClient } from '../../nodes/shared/core/verify/client';
import { RetryingHttpClient, type HttpClient } from '../../nodes/shared/core/verify/retry';
import { TwilioUnavailableError } from '../../nodes/shared/core/verify/twilioErrors';
import { startSandbox, type Sandbox } from '../../sandbox';

const PHONE = '+14155552671';
const policy = { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 2_000 };
let sandbox: Sandbox;
let serviceSid: string;

beforeEach(async () => {
	sandbox = await startSandbox({ port: 0 });
	serviceSid = sandbox.createService({ FriendlyName: 'Acme' }).sid;
});
afterEach(() => sandbox.close());

function clientFor(target: Sandbox, timeoutMs = 5_000): Promise<VerifyClient> {
	return VerifyClient.create(
		{ accountSid: target.accountSid, authType: 'authToken', authToken: target.authToken, baseUrl: target.url },
		{ retry: policy, timeoutMs },
	);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
	return promise.then(
		() => undefined,
		(error: unknown) => error,
	);
}

describe('Verify client transport: no repeated request once it may have reached Twilio', () => {
	it('sends a dropped POST Verifications once, and reports TWILIO_NO_ANSWER', async () => {
		const client = await clientFor(sandbox);
		sandbox.setFaults({ dropNext: 1 });
		const error = await failureOf(client.send({ serviceSid, to: PHONE, channel: 'sms' }));
		expect(error).toBeInstanceOf(ServiceUnavailableError);
		expect(error).toMatchObject({ code: 'TWILIO_NO_ANSWER' });
		expect(sandbox.requests).toEqual([{ method: 'POST', path: `/v2/Services/${serviceSid}/Verifications`, status: 0 }]);
	});

	it('sends a POST Verifications that timed out once', async () => {
		const client = await clientFor(sandbox, 300);
		sandbox.setFaults({ hangNext: 1 });
		const error = await failureOf(client.send({ serviceSid, to: PHONE, channel: 'sms' }));
		expect(error).toMatchObject({ code: 'TWILIO_NO_ANSWER' });
		expect(sandbox.requests).toHaveLength(1);
	});

	it('sends a dropped or timed-out POST VerificationCheck once: a check that arrived counts an attempt', async () => {
		const client = await clientFor(sandbox, 300);
		await client.send({ serviceSid, to: PHONE, channel: 'sms' });
		const before = sandbox.requests.length;
		sandbox.setFaults({ dropNext: 1 });
		await expect(client.check({ serviceSid, to: PHONE, code: '123456' })).rejects.toMatchObject({ code: 'TWILIO_NO_ANSWER' });
		sandbox.setFaults({ hangNext: 1 });
		await expect(client.check({ serviceSid, to: PHONE, code: '123456' })).rejects.toMatchObject({ code: 'TWILIO_NO_ANSWER' });
		expect(sandbox.requests.length).toBe(before + 2);
	});

	it('follows the same rule for GET and for management POSTs', async () => {
		const client = await clientFor(sandbox);
		const sent = await client.send({ serviceSid, to: PHONE, channel: 'sms' });
		const before = sandbox.requests.length;
		sandbox.setFaults({ dropNext: 1 });
		await expect(client.fetchVerification(serviceSid, sent.sid)).rejects.toMatchObject({ code: 'TWILIO_NO_ANSWER' });
		sandbox.setFaults({ dropNext: 1 });
		await expect(client.createService({ friendlyName: 'Second' })).rejects.toMatchObject({ code: 'TWILIO_NO_ANSWER' });
		expect(sandbox.requests.length).toBe(before + 2);
	});
});

describe('Verify client transport: what Twilio refused, or never received, is retried', () => {
	it('retries one 503 and sends one code', async () => {
		const client = await clientFor(sandbox);
		sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		await expect(client.send({ serviceSid, to: PHONE, channel: 'sms' })).resolves.toMatchObject({ status: 'pending', sendCodeAttempts: 1 });
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, 201]);
	});

	it('reports an outage with Twilio\'s Retry-After when it asks for a longer pause than an item may wait', async () => {
		const client = await clientFor(sandbox);
		sandbox.setFaults({ failNext: { count: 1, status: 503, retryAfterSeconds: 30 } });
		const error = await failureOf(client.send({ serviceSid, to: PHONE, channel: 'sms' }));
		expect(error).toBeInstanceOf(TwilioUnavailableError);
		expect(error).toMatchObject({ code: 'TWILIO_UNAVAILABLE', httpStatus: 503, retryAfterSeconds: 30 });
		expect(sandbox.requests).toHaveLength(1);
	});

	it('reports 5xx that outlast the retries as TWILIO_UNAVAILABLE', async () => {
		const client = await clientFor(sandbox);
		sandbox.setFaults({ failNext: { count: 10, status: 500 } });
		await expect(client.check({ serviceSid, to: PHONE, code: '123456' })).rejects.toMatchObject({ code: 'TWILIO_UNAVAILABLE', httpStatus: 500 });
		expect(sandbox.requests).toHaveLength(policy.maxRetries + 1);
	});

	it('retries a refused connection, and the request goes through once the server is back', async () => {
		const { port, url, accountSid, authToken } = sandbox;
		await sandbox.close();
		const waits: number[] = [];
		const retrying = new RetryingHttpClient(new RequestClient({ timeout: 5_000 }) as unknown as HttpClient, policy, async (ms) => {
			waits.push(ms);
			// The second attempt finds the server back on the same port, with the same Verify Service.
			if (waits.length === 1) sandbox = await startSandbox({ port, services: [{ sid: serviceSid, FriendlyName: 'Acme' }] });
		});
		const response = await retrying.request({
			method: 'post',
			uri: `${url}/v2/Services/${serviceSid}/Verifications`,
			username: accountSid,
			password: authToken,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			data: { To: PHONE, Channel: 'sms' },
		});
		expect(response.statusCode).toBe(201);
		expect(waits).toHaveLength(1);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.lastCode(PHONE)).toMatch(/^\d{6}$/);
	});

	it('reports a connection refused on every attempt as TWILIO_UNREACHABLE', async () => {
		const client = await clientFor(sandbox);
		await sandbox.close();
		const error = await failureOf(client.send({ serviceSid, to: PHONE, channel: 'sms' }));
		expect(error).toBeInstanceOf(ServiceUnavailableError);
		expect(error).toMatchObject({ code: 'TWILIO_UNREACHABLE' });
		sandbox = await startSandbox({ port: 0 }); // for afterEach
	});
});
