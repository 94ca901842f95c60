/**
 * Outages on a real n8n running the sample workflows: when Twilio Verify or the member store still fails after the
 * retries, every endpoint answers 503 with a generic body and `Retry-After`, never n8n's bare
 * `500 {"message":"Error in workflow"}` and never anything from n8n's error text; a single failure is absorbed by the
 * retries; n8n keeps serving afterwards.
 *
 * Two backends: the usual one (SQLite member store, Verify sandbox in this process, whose faults the tests switch on),
 * and one whose member store is a PostgreSQL server on a closed port, plus a copy of the Verify workflow whose nodes
 * name a credential that does not exist (both fail before any item is handled).
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { BACKEND_START_TIMEOUT, client, inBatches, phoneSequence, rawClient, startSampleBackend, type FullAnswer } from '../support/sampleBackend';

type Backend = Awaited<ReturnType<typeof startSampleBackend>>;

const { verifyApiWorkflow } = require('../../scripts/workflows/definitions') as { verifyApiWorkflow(): Workflow };

interface Workflow {
	id: string;
	name: string;
	nodes: Array<{ id: string; name: string; webhookId?: string; parameters: Record<string, unknown> }>;
}

const UNAVAILABLE = {
	error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is unavailable. Try again shortly.', retryAfterSeconds: 30 },
};
const PASSWORD = 'correct horse battery';
/** The per-phone resend cool-down of the member flows (30 s) and a margin. */
const COOL_DOWN_MS = 31_000;

let backend: Backend;
let storeDown: Backend;
let call: ReturnType<typeof client>;
let send: ReturnType<typeof rawClient>;
let sendToStoreDown: ReturnType<typeof rawClient>;
const newPhone = phoneSequence(4000);
let nextEmail = 0;
const newEmail = () => `outage${nextEmail++}@example.com`;

/** Set up before the faults, for the endpoints that need earlier steps; `at` is when a code last went to its phone. */
let member: { email: string; phone: string; sessionToken: string; at: number };
let otherMember: { email: string; phone: string; at: number };
let pending: { registrationId: string; phone: string; at: number };

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** The Verify workflow under `nocred/`, its nodes naming a Twilio credential that was never created. */
function verifyWorkflowWithoutCredential(): Workflow {
	const text = JSON.stringify(verifyApiWorkflow())
		.replaceAll('verify/', 'nocred/')
		.replaceAll('TwilioVerify0001', 'NoSuchCredentl01')
		.replaceAll('Twilio Verify account', 'No such credential');
	const workflow = JSON.parse(text) as Workflow;
	workflow.id = 'nocredential0001';
	workflow.name = 'Verify API without its credential';
	for (const node of workflow.nodes) {
		node.id = `${node.id.slice(0, -4)}0000`;
		if (node.webhookId) node.webhookId = `${node.webhookId.slice(0, -4)}0000`;
	}
	return workflow;
}

async function registered(email: string, phone: string) {
	const sent = await call('POST', 'register/send-code', { email, password: PASSWORD, phone });
	expect(sent.status).toBe(200);
	const done = await call('POST', 'register', { registrationId: sent.body.registrationId, code: backend.sandbox.lastCode(phone) });
	expect(done.status).toBe(201);
	return { email, phone, sessionToken: done.body.sessionToken as string, at: Date.now() };
}

const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** The generic 503: status, body, Retry-After, JSON, and nothing of n8n's own error answer. */
function expectUnavailable(answer: FullAnswer, label: string, { retryAfter = true } = {}) {
	expect({ label, status: answer.status, body: answer.body }).toEqual({ label, status: 503, body: UNAVAILABLE });
	if (retryAfter) expect({ label, retryAfter: answer.headers.get('retry-after') }).toEqual({ label, retryAfter: '30' });
	expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
	expect(answer.text).not.toMatch(/Error in workflow|STORE_UNAVAILABLE|127\.0\.0\.1|ECONNREFUSED|sqlite|stack/i);
}

async function waitForCoolDown(since: number) {
	const left = since + COOL_DOWN_MS - Date.now();
	if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

beforeAll(async () => {
	const closedPort = await freePort();
	[backend, storeDown] = await Promise.all([
		startSampleBackend(),
		startSampleBackend(
			{ 'verify-without-credential.json': verifyWorkflowWithoutCredential() },
			{ postgresUrl: `postgres://members:not-used@127.0.0.1:${closedPort}/members` },
		),
	]);
	call = client(backend.webhookUrl);
	send = rawClient(backend.webhookUrl);
	sendToStoreDown = rawClient(storeDown.webhookUrl);

	member = await registered(newEmail(), newPhone());
	const other = await registered(newEmail(), newPhone());
	otherMember = { email: other.email, phone: other.phone, at: other.at };
	const phone = newPhone();
	const started = await call('POST', 'register/send-code', { email: newEmail(), password: PASSWORD, phone });
	expect(started.status).toBe(200);
	pending = { registrationId: started.body.registrationId, phone, at: Date.now() };
}, BACKEND_START_TIMEOUT);

afterAll(async () => {
	await Promise.all([backend?.stop(), storeDown?.stop()]);
}, 60_000);

afterEach(() => backend?.sandbox.setFaults({}));

const failEveryVerifyRequest = () => backend.sandbox.setFaults({ failNext: { count: 100_000, status: 503 } });

describe('Twilio Verify down: every request answers 503', () => {
	it('answers 503 with the generic body and Retry-After on every endpoint that sends or checks a code', async () => {
		const otpPhone = newPhone();
		expect((await call('POST', 'otp/send', { phone: otpPhone })).status).toBe(200);
		failEveryVerifyRequest();
		const before = backend.sandbox.requests.length;
		const requests: Array<[string, string, ReturnType<typeof json>]> = [
			['POST', 'verify/send', json({ phone: newPhone() })],
			['POST', 'verify/check', json({ phone: newPhone(), code: '123456' })],
			['POST', 'register/send-code', json({ email: newEmail(), password: PASSWORD, phone: newPhone() })],
			['POST', 'register', json({ registrationId: pending.registrationId, code: backend.sandbox.lastCode(pending.phone) })],
			['POST', 'otp/send', json({ phone: newPhone() })],
			['POST', 'otp/login', json({ phone: otpPhone, code: backend.sandbox.lastCode(otpPhone) })],
		];
		const answers = await inBatches(requests, 10, ([method, path, init]) => send(method, path, init));
		answers.forEach((answer, index) => expectUnavailable(answer, requests[index][1]));
		// Every one of them reached Verify, and was retried there (3 retries after the first attempt).
		const failed = backend.sandbox.requests.slice(before).filter((entry) => entry.status === 503);
		expect(failed.length).toBe(requests.length * 4);
	}, 60_000);

	it('absorbs a single 503 with a retry', async () => {
		const phone = newPhone();
		const before = backend.sandbox.requests.length;
		backend.sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		expect(await call('POST', 'verify/send', { phone })).toEqual({
			status: 200,
			body: { status: 'pending', to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' },
		});
		expect(backend.sandbox.requests.slice(before).map((entry) => entry.status)).toEqual([503, 201]);

		const otpPhone = newPhone();
		backend.sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		expect(await call('POST', 'otp/send', { phone: otpPhone })).toEqual({ status: 200, body: { to: `+1 ••• ••• ${otpPhone.slice(-4)}`, channel: 'sms' } });
		backend.sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		const login = await call('POST', 'otp/login', { phone: otpPhone, code: backend.sandbox.lastCode(otpPhone) });
		expect(login.status).toBe(200);
		expect(login.body.sessionToken).toEqual(expect.any(String));
	});
});

describe('member store down', () => {
	it('answers 503 on every member endpoint when the store cannot be reached at all (PostgreSQL on a closed port)', async () => {
		const requests: Array<[string, string, { body?: string; headers?: Record<string, string> }]> = [
			['POST', 'register/send-code', json({ email: newEmail(), password: PASSWORD, phone: newPhone() })],
			['POST', 'register/resend', json({ registrationId: 'a'.repeat(43) })],
			['POST', 'register', json({ registrationId: 'a'.repeat(43), code: '123456' })],
			['POST', 'login/send-code', json({ email: newEmail(), password: PASSWORD })],
			['POST', 'login', json({ loginId: 'a'.repeat(43), code: '123456' })],
			['POST', 'otp/send', json({ phone: newPhone() })],
			['POST', 'otp/login', json({ phone: newPhone(), code: '123456' })],
			['GET', 'me', bearer(member.sessionToken)],
			['POST', 'logout', bearer(member.sessionToken)],
		];
		const answers = await inBatches(requests, 10, ([method, path, init]) => sendToStoreDown(method, path, init));
		// The node fails before it handles any item (opening the store); n8n then hands the request to the node's
		// first output, where the success Respond answers the same 503 (without Retry-After: that Respond is shared
		// with success answers).
		answers.forEach((answer, index) => expectUnavailable(answer, requests[index][1], { retryAfter: false }));
	});

	it('answers 503, never a success, when a Verify node cannot read its credential', async () => {
		expectUnavailable(await sendToStoreDown('POST', 'nocred/send', json({ phone: newPhone() })), 'nocred/send', { retryAfter: false });
		// Without the guard on the success Respond this answered 200 {"status":"approved"}.
		expectUnavailable(await sendToStoreDown('POST', 'nocred/check', json({ phone: newPhone(), code: '123456' })), 'nocred/check', {
			retryAfter: false,
		});
	});

	/**
	 * While n8n's process waits on the locked file its event loop stands still, and the client may reuse a keep-alive
	 * connection the server is closing: such a request got no answer at all, so it is sent once more.
	 */
	async function sendAgainIfReset(...args: Parameters<typeof send>): Promise<FullAnswer> {
		try {
			return await send(...args);
		} catch (error) {
			if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
			return await send(...args);
		}
	}

	it('answers 503 with Retry-After when the SQLite store stays locked by another process', async () => {
		const holder = new DatabaseSync(join(backend.userFolder, 'members.sqlite'));
		holder.exec('PRAGMA busy_timeout = 10000');
		holder.exec('BEGIN EXCLUSIVE');
		try {
			// Each waits for the store's busy timeout (5 s) before giving up.
			const requests: Array<[string, string, ReturnType<typeof json> | ReturnType<typeof bearer>]> = [
				['POST', 'register/send-code', json({ email: newEmail(), password: PASSWORD, phone: newPhone() })],
				['POST', 'otp/send', json({ phone: newPhone() })],
				['POST', 'logout', bearer(member.sessionToken)],
			];
			const answers = await inBatches(requests, 10, ([method, path, init]) => sendAgainIfReset(method, path, init));
			answers.forEach((answer, index) => expectUnavailable(answer, requests[index][1]));
		} finally {
			holder.exec('ROLLBACK');
			holder.close();
		}
		// The store is back: the session the failed logout did not end is still valid.
		expect((await call('GET', 'me', undefined, member.sessionToken)).status).toBe(200);
	}, 60_000);
});

// Last but one: by now the phones' resend cool-down since the set-up has (nearly) passed.
describe('Twilio Verify down, the endpoints that need an earlier step', () => {
	it('answers 503 on resend, login code and login too (after the phones\' resend cool-down)', async () => {
		await waitForCoolDown(Math.max(pending.at, member.at, otherMember.at));
		failEveryVerifyRequest();
		expectUnavailable(await send('POST', 'register/resend', json({ registrationId: pending.registrationId, channel: 'call' })), 'register/resend');
		expectUnavailable(await send('POST', 'login/send-code', json({ email: member.email, password: PASSWORD })), 'login/send-code');

		backend.sandbox.setFaults({});
		const sent = await call('POST', 'login/send-code', { email: otherMember.email, password: PASSWORD });
		expect(sent.status).toBe(200);
		failEveryVerifyRequest();
		expectUnavailable(await send('POST', 'login', json({ loginId: sent.body.loginId, code: backend.sandbox.lastCode(otherMember.phone) })), 'login');
	}, 90_000);
});

describe('afterwards', () => {
	it('n8n still answers, on both backends', async () => {
		for (const target of [backend, storeDown]) {
			const countries = await client(target.webhookUrl)('GET', 'countries');
			expect(countries.status).toBe(200);
			expect(countries.body.length).toBeGreaterThan(200);
		}
		expect((await call('POST', 'verify/send', { phone: newPhone() })).status).toBe(200);
		expect(backend.n8n.logs()).not.toMatch(/Error in workflow/);
	});
});
