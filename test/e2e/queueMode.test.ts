/**
 * The sample backend on n8n's queue mode: a main process that serves the webhooks and enqueues every execution, two
 * `n8n worker` processes that run them, Redis for the queue, n8n's database and the member store in PostgreSQL
 * (scripts/n8n-runtime/queue.js, `queueMode` in scripts/backend.js). The contract answers as on one n8n, races
 * between the workers create one member, and both workers take executions.
 *
 * Which worker ran what: the sample workflows save no executions, so n8n's execution table cannot tell; each worker
 * logs "Worker started execution <id> (job <n>)" (n8n's job processor, at info level) to its own log file, and the
 * main process logs "Enqueued execution <id> (job <n>)" for each one it put on the queue.
 */
import { Client } from 'pg';
import { type Answer, client, phoneSequence, useSampleBackend } from '../support/sampleBackend';
import { errorBody, expectCodeByCallApproved } from '../support/webhookContract';

// TEST_PG_URL, as for the member store tests, points at another PostgreSQL server (and its database to create from).
const sample = useSampleBackend(undefined, { queueMode: { workers: 2, postgresUrl: process.env.TEST_PG_URL } }, 120_000);
const call = client(() => sample.backend.webhookUrl);

const newPhone = phoneSequence(6000);
const PASSWORD = 'correct horse battery';
const { code } = sample;

/** Rows of the member store (PostgreSQL), read directly. */
async function memberRows(where: string, params: unknown[]): Promise<Array<{ id: string; email: string; phone: string }>> {
	const db = new Client({ connectionString: sample.backend.memberStoreUrl });
	await db.connect();
	try {
		return (await db.query(`SELECT id, email, phone FROM tvm_members WHERE ${where}`, params)).rows;
	} finally {
		await db.end();
	}
}

async function sessionCount(memberId: string): Promise<number> {
	const db = new Client({ connectionString: sample.backend.memberStoreUrl });
	await db.connect();
	try {
		return Number((await db.query('SELECT count(*) AS n FROM tvm_sessions WHERE member_id = $1', [memberId])).rows[0].n);
	} finally {
		await db.end();
	}
}

/** register/send-code as a client following the contract: a `503 BUSY` (password hashing saturated) is retried after retryAfterSeconds. */
async function sendRegistrationCode(email: string, phone: string): Promise<Answer> {
	for (let attempt = 0; ; attempt++) {
		const answer = await call('POST', 'register/send-code', { email, password: PASSWORD, phone });
		if (answer.status !== 503 || answer.body?.error?.code !== 'BUSY' || attempt === 5) return answer;
		await new Promise((resolve) => setTimeout(resolve, (answer.body.error.retryAfterSeconds ?? 2) * 1000));
	}
}

describe('the contract on queue mode (main + 2 workers)', () => {
	it('has the member store in PostgreSQL and two workers', () => {
		expect(sample.backend.memberStoreUrl).toMatch(/^postgres:\/\//);
		expect(sample.backend.n8n.workers).toHaveLength(2);
	});

	it('lists countries, sends and checks a Verify code', async () => {
		const countries = await call('GET', 'countries');
		expect(countries.status).toBe(200);
		expect(countries.body).toContainEqual(expect.objectContaining({ value: 'US', alpha3: 'USA', dialCode: '+1' }));

		await expectCodeByCallApproved(call, newPhone(), code);
	}, 60_000);

	it('registers, logs in, serves me, logs out, and logs in by phone code', async () => {
		// Each step is a separate execution, on whichever worker takes it: nothing may live in a worker's memory.
		const phone = newPhone();
		const sent = await call('POST', 'register/send-code', { email: 'queue.member@example.com', password: PASSWORD, phone });
		expect(sent).toEqual({ status: 200, body: { registrationId: expect.any(String), to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' } });
		const registered = await call('POST', 'register', { registrationId: sent.body.registrationId, code: code(phone) });
		expect(registered).toEqual({
			status: 201,
			body: {
				member: expect.objectContaining({ email: 'queue.member@example.com', status: 'active' }),
				sessionToken: expect.any(String),
				expiresAt: expect.any(String),
			},
		});

		const loginSent = await call('POST', 'login/send-code', { email: 'queue.member@example.com', password: PASSWORD });
		expect(loginSent).toEqual({ status: 200, body: { loginId: expect.any(String), factors: ['sms'], to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' } });
		const login = await call('POST', 'login', { loginId: loginSent.body.loginId, code: code(phone) });
		expect(login).toEqual({
			status: 200,
			body: { member: expect.objectContaining({ email: 'queue.member@example.com' }), sessionToken: expect.any(String), expiresAt: expect.any(String) },
		});

		const token = login.body.sessionToken;
		expect(await call('GET', 'me', undefined, token)).toEqual({ status: 200, body: { member: expect.objectContaining({ email: 'queue.member@example.com' }) } });
		expect(await call('POST', 'logout', undefined, token)).toEqual({ status: 200, body: { ok: true } });
		expect(await call('GET', 'me', undefined, token)).toEqual({ status: 401, body: errorBody('INVALID_SESSION') });

		const otpPhone = newPhone();
		expect(await call('POST', 'otp/send', { phone: otpPhone })).toEqual({ status: 200, body: { to: `+1 ••• ••• ${otpPhone.slice(-4)}`, channel: 'sms' } });
		expect(await call('POST', 'otp/login', { phone: otpPhone, code: code(otpPhone) })).toEqual({
			status: 200,
			body: {
				member: expect.objectContaining({ email: `${otpPhone.slice(1)}@members.example.com`, status: 'active' }),
				sessionToken: expect.any(String),
				expiresAt: expect.any(String),
				created: true,
			},
		});
	}, 60_000);
});

describe('races between the workers', () => {
	it('20 concurrent completions of one registration: one 201, one member, one session', async () => {
		const phone = newPhone();
		const email = 'race.complete@example.com';
		const sent = await call('POST', 'register/send-code', { email, password: PASSWORD, phone });
		expect(sent.status).toBe(200);
		const body = { registrationId: sent.body.registrationId, code: code(phone) };

		const answers = await Promise.all(Array.from({ length: 20 }, () => call('POST', 'register', body)));
		const statuses = answers.map((answer) => answer.status);
		expect(statuses.filter((status) => status === 201)).toHaveLength(1);
		// The losers find the registration used (404), or Verify's approval already spent (410), or the code attempts,
		// reserved before Verify is asked, already taken by the others (429): a refusal with a code, never a 5xx.
		for (const answer of answers.filter(({ status }) => status !== 201)) {
			expect([404, 409, 410, 429]).toContain(answer.status);
			expect(answer.body).toEqual(errorBody(expect.any(String)));
		}

		const members = await memberRows('email = $1', [email]);
		expect(members).toHaveLength(1);
		expect(await sessionCount(members[0].id)).toBe(1);
	}, 90_000);

	it('20 concurrent registrations of one email with different phones: one member', async () => {
		const email = 'race.email@example.com';
		const phones = Array.from({ length: 20 }, () => newPhone());

		const sent = await Promise.all(phones.map((phone) => sendRegistrationCode(email, phone)));
		expect(sent.map((answer) => answer.status)).toEqual(phones.map(() => 200));
		const answers = await Promise.all(
			sent.map((answer, i) => call('POST', 'register', { registrationId: answer.body.registrationId, code: code(phones[i]) })),
		);

		const statuses = answers.map((answer) => answer.status);
		expect(statuses.filter((status) => status === 201)).toHaveLength(1);
		for (const answer of answers.filter(({ status }) => status !== 201)) {
			expect(answer).toEqual({ status: 409, body: errorBody('ALREADY_REGISTERED') });
		}
		expect(await memberRows('email = $1', [email])).toHaveLength(1);
		expect(await memberRows('phone = ANY($1)', [phones])).toHaveLength(1);
	}, 90_000);
});

describe('the workers', () => {
	it('ran every execution the main process enqueued, and both took some', () => {
		const ids = (log: string, pattern: RegExp) => new Set([...log.matchAll(pattern)].map((match) => match[1]));
		const enqueued = ids(sample.backend.n8n.logs(), /Enqueued execution (\d+)/g);
		const perWorker = sample.backend.n8n.workers!.map((worker) => ids(worker.logs(), /Worker started execution (\d+)/g));

		// More than 60 requests above, each one execution.
		expect(enqueued.size).toBeGreaterThanOrEqual(60);
		for (const started of perWorker) expect(started.size).toBeGreaterThan(0);
		const startedByAWorker = new Set(perWorker.flatMap((started) => [...started]));
		expect([...enqueued].filter((id) => !startedByAWorker.has(id))).toEqual([]);
		// The main process ran none itself.
		expect(sample.backend.n8n.logs()).not.toMatch(/Worker started execution/);
	});
});
