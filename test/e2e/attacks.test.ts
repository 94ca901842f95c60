/**
 * The attack suite: each test mounts an attack on the sample backend (a real n8n running the packed package and the
 * sample workflows, the Verify sandbox, a SQLite member store) and asserts that it fails. Requests come "through one
 * trusted reverse proxy": the test writes X-Forwarded-For as a proxy would, the caller's own entries to the left.
 */
import { type FullAnswer, phoneSequence, rawClient, useSampleBackend } from '../support/sampleBackend';
import { wrongCode } from '../support/webhookContract';

const newPhone = phoneSequence(7000);
const PASSWORD = 'a long and unusual passphrase';

/** The sample OTP send with a small store-wide budget, to show the budget stop a flood from many addresses. */
const parts = require('../../scripts/workflows/parts') as {
	assemble(name: string, notes: object[], endpoints: object[]): object;
	endpoint(workflow: string, options: object): object;
	service: object;
	memberCredentials: string[];
};
const BUDGET = 5;
function smallBudgetWorkflow(): object {
	const name = 'Attack: OTP send with a small budget';
	const node = {
		name: 'Send OTP',
		type: 'memberLogin',
		credentials: parts.memberCredentials,
		parameters: { operation: 'sendOtp', serviceSid: parts.service, security: { maxSendsPerHour: BUDGET } },
	};
	return parts.assemble(name, [], [
		parts.endpoint(name, { method: 'POST', path: 'budget/otp/send', row: 0, node, success: '{ to: $json.to, channel: $json.channel }' }),
	]);
}

const sample = useSampleBackend({ 'small-budget.json': smallBudgetWorkflow() });
const send = rawClient(() => sample.backend.webhookUrl);
const { code } = sample;

/** A JSON POST as it reaches n8n from the proxy: `forwardedFor` is the whole header the proxy passes on. */
function post(path: string, body: unknown, forwardedFor?: string): Promise<FullAnswer> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
	return send('POST', path, { body: JSON.stringify(body), headers });
}

let nextAddress = 1;
/** A fresh caller address, as the proxy appends it. */
const newAddress = () => `198.51.100.${nextAddress++}`;

async function registered(email: string, address = newAddress()) {
	const phone = newPhone();
	const sent = await post('register/send-code', { email, password: PASSWORD, phone }, address);
	expect(sent.status).toBe(200);
	const done = await post('register', { registrationId: sent.body.registrationId, code: code(phone) }, address);
	expect(done.status).toBe(201);
	return { email, phone };
}

function verificationChecks(): number {
	return sample.backend.sandbox.requests.filter((entry) => entry.path.endsWith('/VerificationCheck')).length;
}

describe('SMS pumping', () => {
	// First in the file: the store-wide counter is shared by every test here.
	it('many numbers from many addresses: the store-wide hourly budget stops the flood', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < BUDGET + 3; i++) {
			statuses.push((await post('budget/otp/send', { phone: newPhone() }, `203.0.113.${100 + i}`)).status);
		}
		expect(statuses).toEqual([...Array(BUDGET).fill(200), 429, 429, 429]);
	}, 60_000);

	// Both limits let 20 sends from one address through.
	it.each([
		{
			title: '25 otp/send to 25 numbers from one client forging 25 addresses: refused past the per-address limit',
			path: 'otp/send',
			sends: 25,
			forgedNetwork: '10.0',
		},
		{
			title: 'verify/send (nothing stored) to 21 numbers from one caller: the Verify Service\'s own per-address limit refuses the 21st',
			path: 'verify/send',
			sends: 21,
			forgedNetwork: '10.1',
		},
	])('$title', async ({ path, sends, forgedNetwork }) => {
		const proxySaw = newAddress();
		const statuses: number[] = [];
		for (let i = 0; i < sends; i++) {
			// The caller writes whatever it likes; the proxy appends the address it really saw.
			const answer = await post(path, { phone: newPhone() }, `${forgedNetwork}.${i}.${i}, ${proxySaw}`);
			statuses.push(answer.status);
		}
		expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
		expect(statuses.slice(20)).toEqual(Array(sends - 20).fill(429));
	}, 60_000);

	it('register/send-code with a taken email, 200 times from one address: 429 long before the 200th answer', async () => {
		await registered('taken@example.com');
		const address = newAddress();
		let firstRefusal = -1;
		for (let i = 0; i < 200 && firstRefusal < 0; i++) {
			const answer = await post('register/send-code', { email: 'taken@example.com', password: PASSWORD, phone: newPhone() }, address);
			if (answer.status === 429) firstRefusal = i;
			else expect(answer).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_REGISTERED' } } });
		}
		expect(firstRefusal).toBe(20);
	}, 60_000);

	it('otp/send says nothing about whether a phone is a member, blocked or pending', async () => {
		const member = await registered('otp-probe@example.com');
		const stranger = await post('otp/send', { phone: newPhone() }, newAddress());
		const known = await post('otp/send', { phone: member.phone }, newAddress());
		expect(known.status).toBe(stranger.status);
		expect(Object.keys(known.body)).toEqual(Object.keys(stranger.body));
	});
});

describe('password guessing', () => {
	it('30 parallel wrong passwords and the right one: at most 5 are checked, the right one does not slip through once locked', async () => {
		const member = await registered('parallel-guess@example.com');
		const address = newAddress();
		const guesses = [...Array.from({ length: 30 }, (_, i) => `wrong guess ${i}`), PASSWORD];
		const answers = await Promise.all(
			guesses.map((password) => post('login/send-code', { email: member.email, password }, address)),
		);
		const byStatus = (status: number) => answers.filter((answer) => answer.status === status).length;
		expect(byStatus(401) + byStatus(200)).toBeLessThanOrEqual(5);
		expect(byStatus(423) + byStatus(503)).toBeGreaterThanOrEqual(26);
		for (const answer of answers) expect([200, 401, 423, 503]).toContain(answer.status);
		// Locked now: the right password from the same address is refused before it is checked.
		expect(await post('login/send-code', { email: member.email, password: PASSWORD }, address)).toMatchObject({
			status: 423,
			body: { error: { code: 'LOCKED' } },
		});
		// The member, from their own address, still logs in.
		expect((await post('login/send-code', { email: member.email, password: PASSWORD }, newAddress())).status).toBe(200);
	}, 60_000);

	it('a known and an unknown email: the same statuses and bodies over 7 wrong attempts, and the same time', async () => {
		const attempt = async (email: string, address: string) => {
			const started = performance.now();
			const answer = await post('login/send-code', { email, password: 'not the password' }, address);
			return { ms: performance.now() - started, status: answer.status, body: answer.body };
		};
		const shape = (answers: Array<Awaited<ReturnType<typeof attempt>>>) =>
			answers.map(({ status, body }) => `${status} ${body.error.code} ${body.error.message.replace(/\d+/g, 'N')}`);
		// Three rounds, each a known and an unknown email side by side: the time each pair differs by, not two medians
		// taken at different moments, so a busy machine slows both sides of a pair alike.
		const gaps: number[] = [];
		for (let round = 0; round < 3; round++) {
			const member = await registered(`known-for-timing-${round}@example.com`);
			const known: Array<Awaited<ReturnType<typeof attempt>>> = [];
			const unknown: Array<Awaited<ReturnType<typeof attempt>>> = [];
			const knownAddress = newAddress();
			const unknownAddress = newAddress();
			for (let i = 0; i < 7; i++) {
				// Alternate which goes first.
				if (i % 2 === 0) known.push(await attempt(member.email, knownAddress));
				unknown.push(await attempt(`nobody-here-${round}@example.com`, unknownAddress));
				if (i % 2 === 1) known.push(await attempt(member.email, knownAddress));
			}
			expect(shape(unknown)).toEqual(shape(known));
			expect(known.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401, 423, 423]);
			gaps.push(...known.map((answer, i) => answer.ms - unknown[i].ms));
		}
		gaps.sort((a, b) => a - b);
		const medianGap = gaps[Math.floor(gaps.length / 2)];
		process.stdout.write(`[attacks] login/send-code, known minus unknown: median ${medianGap.toFixed(1)} ms over ${gaps.length} pairs\n`);
		expect(Math.abs(medianGap)).toBeLessThan(20);
	}, 90_000);
});

describe('code guessing', () => {
	it('20 parallel wrong codes on one login: at most 5 reach Verify, then the login is dead', async () => {
		const member = await registered('code-guess@example.com');
		const sent = await post('login/send-code', { email: member.email, password: PASSWORD }, newAddress());
		expect(sent.status).toBe(200);
		const before = verificationChecks();
		const guess = wrongCode(code(member.phone));
		const answers = await Promise.all(
			Array.from({ length: 20 }, () => post('login', { loginId: sent.body.loginId, code: guess }, newAddress())),
		);
		expect(verificationChecks() - before).toBeLessThanOrEqual(5);
		for (const answer of answers) expect([401, 429]).toContain(answer.status);
		expect(await post('login', { loginId: sent.body.loginId, code: code(member.phone) })).toMatchObject({
			status: 429,
			body: { error: { code: 'TOO_MANY_ATTEMPTS' } },
		});
	}, 60_000);
});

describe('CPU flood', () => {
	it('a 20-second flood of 50 concurrent bogus logins: every answer is a refusal or BUSY, a real login gets through, countries keeps answering', async () => {
		const member = await registered('flood-victim@example.com');
		const deadline = Date.now() + 20_000;
		const statuses = new Map<string, number>();
		let flooding = true;
		const flooder = async (worker: number) => {
			for (let i = 0; flooding; i++) {
				const answer = await post('login/send-code', { email: `bogus-${worker}-${i}@example.com`, password: 'whatever you like' }, `192.0.2.${worker}`);
				const key = `${answer.status} ${answer.body?.error?.code ?? ''}`;
				statuses.set(key, (statuses.get(key) ?? 0) + 1);
			}
		};
		const flood = Array.from({ length: 50 }, (_, worker) => flooder(worker));

		// A real member logs in while the flood runs, retrying BUSY as a frontend would (after retryAfterSeconds).
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		const countriesMs: number[] = [];
		let loggedIn = false;
		const address = newAddress();
		while (Date.now() < deadline) {
			const started = performance.now();
			const listed = await send('GET', 'countries');
			countriesMs.push(performance.now() - started);
			expect(listed.status).toBe(200);
			if (!loggedIn) {
				const sent = await post('login/send-code', { email: member.email, password: PASSWORD }, address);
				if (sent.status === 503) {
					await new Promise((resolve) => setTimeout(resolve, (sent.body.error.retryAfterSeconds ?? 1) * 1000));
					continue;
				}
				expect(sent.status).toBe(200);
				const login = await post('login', { loginId: sent.body.loginId, code: code(member.phone) }, address);
				expect(login.status).toBe(200);
				loggedIn = true;
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		flooding = false;
		await Promise.all(flood);

		countriesMs.sort((a, b) => a - b);
		const p95 = countriesMs[Math.floor(countriesMs.length * 0.95)];
		const seen = [...statuses].map(([key, count]) => `${key.trim()}: ${count}`).join(', ');
		process.stdout.write(`[attacks] flood answers: ${seen}; GET countries p95 ${p95.toFixed(0)} ms over ${countriesMs.length} calls\n`);
		expect(loggedIn).toBe(true);
		for (const key of statuses.keys()) expect(['401 INVALID_CREDENTIALS', '503 BUSY']).toContain(key);
	}, 90_000);
});
