/**
 * Every row of the webhook contract (README, "The webhook backend"), over HTTP, against a real n8n 2.x running the packed package
 * and the sample workflows, with the Verify sandbox in this process and a SQLite member store.
 */
import { client, rawClient, useSampleBackend } from '../support/sampleBackend';
import { errorBody, expectCodeByCallApproved, wrongCode } from '../support/webhookContract';

/** Registered first, logged into later. */
let sessionMember: { phone: string; password: string };
/** A registration started first and resent last, for the same reason. */
let pendingResend: { registrationId: string; phone: string; sentAt: number };

const { manualApprovalWorkflow } = require('../../scripts/build-workflows') as {
	manualApprovalWorkflow(prefix: string): object;
};

const sample = useSampleBackend({ 'manual-approval.json': manualApprovalWorkflow('approval/') });
const call = client(() => sample.backend.webhookUrl);
const send = rawClient(() => sample.backend.webhookUrl);

beforeAll(async () => {
	sessionMember = await registered('session@example.com');
	const phone = newPhone();
	const sent = await call('POST', 'register/send-code', { email: 'resend-later@example.com', password: 'correct horse battery', phone });
	pendingResend = { registrationId: sent.body.registrationId, phone, sentAt: Date.now() };
}, 60_000);

/** Phones in the same US range, one per scenario: the per-phone cool-down must not couple scenarios. */
let nextPhone = 2000;
const newPhone = () => `+1415555${nextPhone++}`;
const { code } = sample;

async function registered(email: string, password = 'correct horse battery', phone = newPhone()) {
	const sent = await call('POST', 'register/send-code', { email, password, phone });
	expect(sent.status).toBe(200);
	const done = await call('POST', 'register', { registrationId: sent.body.registrationId, code: code(phone) });
	expect(done.status).toBe(201);
	return { phone, password, ...done.body };
}

describe('GET countries', () => {
	it('lists countries sorted by label', async () => {
		const { status, body } = await call('GET', 'countries');
		expect(status).toBe(200);
		expect(body).toContainEqual(expect.objectContaining({ value: 'US', alpha3: 'USA', dialCode: '+1' }));
		const labels = body.map((country: { label: string }) => country.label);
		expect(labels).toEqual([...labels].sort((a: string, b: string) => a.localeCompare(b, 'en')));
	});
});

describe('POST verify/send and verify/check', () => {
	it('sends a code and approves it', async () => {
		const phone = newPhone();
		await expectCodeByCallApproved(call, phone, code);
		expect(await call('POST', 'verify/check', { phone, code: code(phone) })).toEqual({ status: 410, body: errorBody('EXPIRED') });
	});

	it('refuses an invalid phone with 400 and too many sends with 429', async () => {
		expect(await call('POST', 'verify/send', { phone: '12345' })).toEqual({ status: 400, body: errorBody('INVALID_PHONE') });
		const phone = newPhone();
		for (let i = 0; i < 5; i++) expect((await call('POST', 'verify/send', { phone })).status).toBe(200);
		expect(await call('POST', 'verify/send', { phone })).toEqual({ status: 429, body: errorBody('RATE_LIMITED') });
	});

	it('answers 429 TOO_MANY_ATTEMPTS after five wrong codes and 410 once the code expired', async () => {
		const phone = newPhone();
		await call('POST', 'verify/send', { phone });
		for (let i = 0; i < 5; i++) expect((await call('POST', 'verify/check', { phone, code: wrongCode(code(phone)) })).status).toBe(401);
		expect(await call('POST', 'verify/check', { phone, code: code(phone) })).toEqual({ status: 429, body: errorBody('TOO_MANY_ATTEMPTS') });

		const later = newPhone();
		await call('POST', 'verify/send', { phone: later });
		sample.backend.sandbox.advanceTime(11 * 60 * 1000);
		expect(await call('POST', 'verify/check', { phone: later, code: code(later) })).toEqual({ status: 410, body: errorBody('EXPIRED') });
	});
});

describe('register', () => {
	it('registers in two steps and answers 201 with a session', async () => {
		const phone = newPhone();
		const sent = await call('POST', 'register/send-code', { email: 'Reg.One@Example.com', password: 'correct horse battery', phone, channel: 'sms' });
		expect(sent).toEqual({ status: 200, body: { registrationId: expect.any(String), to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' } });
		const done = await call('POST', 'register', { registrationId: sent.body.registrationId, code: code(phone) });
		expect(done.status).toBe(201);
		expect(done.body).toEqual({
			member: { id: expect.any(String), email: 'reg.one@example.com', phone: `+1 ••• ••• ${phone.slice(-4)}`, status: 'active', createdAt: expect.any(String), factors: ['sms'] },
			sessionToken: expect.any(String),
			expiresAt: expect.any(String),
		});
		expect(JSON.stringify(done.body)).not.toMatch(/scrypt|argon2id|correct horse/);
	});

	it('refuses bad input, weak passwords, invalid phones and taken emails', async () => {
		expect(await call('POST', 'register/send-code', { email: 'not-an-email', password: 'correct horse battery', phone: newPhone() })).toEqual({
			status: 400,
			body: errorBody('INVALID_INPUT'),
		});
		expect(await call('POST', 'register/send-code', { email: 'weak@example.com', password: 'short', phone: newPhone() })).toEqual({
			status: 400,
			body: errorBody('WEAK_PASSWORD'),
		});
		expect(await call('POST', 'register/send-code', { email: 'phone@example.com', password: 'correct horse battery', phone: '999' })).toEqual({
			status: 400,
			body: errorBody('INVALID_PHONE'),
		});
		await registered('taken@example.com');
		expect(await call('POST', 'register/send-code', { email: 'taken@example.com', password: 'correct horse battery', phone: newPhone() })).toEqual({
			status: 409,
			body: errorBody('ALREADY_REGISTERED'),
		});
	});

	it('refuses a resend inside the cool-down, and 404s an unknown registration', async () => {
		const phone = newPhone();
		const sent = await call('POST', 'register/send-code', { email: 'resend@example.com', password: 'correct horse battery', phone });
		const resent = await call('POST', 'register/resend', { registrationId: sent.body.registrationId, channel: 'call' });
		expect(resent).toEqual({ status: 429, body: errorBody('RATE_LIMITED') });
		expect(resent.body.error.retryAfterSeconds).toBeGreaterThan(0);
		expect(await call('POST', 'register/resend', { registrationId: 'no-such-registration-id-000000' })).toMatchObject({ status: 404 });
	});

	it('answers 410 EXPIRED when the code expired before the registration was completed', async () => {
		const phone = newPhone();
		const sent = await call('POST', 'register/send-code', { email: 'late@example.com', password: 'correct horse battery', phone });
		sample.backend.sandbox.advanceTime(11 * 60 * 1000);
		expect(await call('POST', 'register', { registrationId: sent.body.registrationId, code: code(phone) })).toEqual({
			status: 410,
			body: errorBody('EXPIRED'),
		});
	});

	it('refuses a wrong code with 401 and the reuse of a used registration', async () => {
		const phone = newPhone();
		const sent = await call('POST', 'register/send-code', { email: 'reuse@example.com', password: 'correct horse battery', phone });
		const registrationId = sent.body.registrationId;
		expect(await call('POST', 'register', { registrationId, code: wrongCode(code(phone)) })).toEqual({ status: 401, body: errorBody('INVALID_CODE') });
		expect((await call('POST', 'register', { registrationId, code: code(phone) })).status).toBe(201);
		const reused = await call('POST', 'register', { registrationId, code: code(phone) });
		expect([404, 409, 410]).toContain(reused.status);
		expect(reused.body.error.code).toEqual(expect.any(String));
	});
});

describe('register with manual approval', () => {
	it('answers 202 with a pending member, refuses its login until approved, then lets it through', async () => {
		const phone = newPhone();
		const sent = await call('POST', 'approval/register/send-code', { email: 'pending@example.com', password: 'correct horse battery', phone });
		const done = await call('POST', 'approval/register', { registrationId: sent.body.registrationId, code: code(phone) });
		expect(done).toEqual({ status: 202, body: { member: expect.objectContaining({ email: 'pending@example.com', status: 'pending_approval' }) } });

		const credentials = { email: 'pending@example.com', password: 'correct horse battery' };
		expect(await call('POST', 'login/send-code', credentials)).toEqual({ status: 403, body: errorBody('NOT_APPROVED') });
		expect(await call('POST', 'approval/admin/approve', { email: 'pending@example.com' })).toEqual({
			status: 200,
			body: { member: expect.objectContaining({ status: 'active' }) },
		});
		// Approved: the member logs in at once (the used registration code ended the phone's cool-down).
		expect((await call('POST', 'login/send-code', credentials)).status).toBe(200);
		expect(await call('POST', 'approval/admin/approve', { email: 'nobody@example.com' })).toEqual({ status: 404, body: errorBody('NOT_FOUND') });
	});
});

describe('passwordless OTP', () => {
	it('creates the member on the first login and finds it on the next', async () => {
		const phone = newPhone();
		expect(await call('POST', 'otp/send', { phone, channel: 'sms' })).toEqual({ status: 200, body: { to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' } });
		expect(await call('POST', 'otp/login', { phone, code: wrongCode(code(phone)) })).toEqual({ status: 401, body: errorBody('INVALID_CODE') });
		const first = await call('POST', 'otp/login', { phone, code: code(phone) });
		expect(first).toEqual({
			status: 200,
			body: {
				member: expect.objectContaining({ email: `${phone.slice(1)}@members.example.com`, status: 'active' }),
				sessionToken: expect.any(String),
				expiresAt: expect.any(String),
				created: true,
			},
		});
		expect(await call('POST', 'otp/send', { phone: 'garbage' })).toEqual({ status: 400, body: errorBody('INVALID_PHONE') });

		// Log out and in again at once: the used code ended the phone's cool-down.
		expect((await call('POST', 'logout', undefined, first.body.sessionToken)).status).toBe(200);
		expect((await call('POST', 'otp/send', { phone })).status).toBe(200);
		const second = await call('POST', 'otp/login', { phone, code: code(phone) });
		expect(second).toMatchObject({ status: 200, body: { created: false, sessionToken: expect.any(String) } });
		// A code sent and not yet used still holds the cool-down.
		expect((await call('POST', 'otp/send', { phone })).status).toBe(200);
		expect(await call('POST', 'otp/send', { phone })).toEqual({ status: 429, body: errorBody('RATE_LIMITED') });
	});

	it('gives no session to a member who has a password: 403 PASSWORD_REQUIRED after a correct code', async () => {
		const member = await registered('otp-has-password@example.com');
		expect((await call('POST', 'otp/send', { phone: member.phone })).status).toBe(200);
		expect(await call('POST', 'otp/login', { phone: member.phone, code: wrongCode(code(member.phone)) })).toEqual({
			status: 401,
			body: errorBody('INVALID_CODE'),
		});
		expect(await call('POST', 'otp/login', { phone: member.phone, code: code(member.phone) })).toEqual({
			status: 403,
			body: errorBody('PASSWORD_REQUIRED'),
		});
		// The password login works straight away.
		const sent = await call('POST', 'login/send-code', { email: 'otp-has-password@example.com', password: member.password });
		expect(sent.status).toBe(200);
		expect((await call('POST', 'login', { loginId: sent.body.loginId, code: code(member.phone) })).status).toBe(200);
	});

	it('answers 410 EXPIRED when Verify says the code expired', async () => {
		const phone = newPhone();
		await call('POST', 'otp/send', { phone });
		sample.backend.sandbox.advanceTime(11 * 60 * 1000);
		expect(await call('POST', 'otp/login', { phone, code: code(phone) })).toEqual({ status: 410, body: errorBody('EXPIRED') });
	});
});

describe('GET demo', () => {
	it('serves the demo page', async () => {
		const page = await call('GET', 'demo');
		expect(page.status).toBe(200);
		expect(page.body).toContain('<title>Phone-verified sign-up');
	});
});

describe('login, me, logout', () => {
	it('logs in right after registering: the used registration code ended the cool-down', async () => {
		const member = await registered('login@example.com');
		const sent = await call('POST', 'login/send-code', { email: 'login@example.com', password: member.password });
		expect(sent.status).toBe(200);
		expect((await call('POST', 'login', { loginId: sent.body.loginId, code: code(member.phone) })).status).toBe(200);
	});

	it('completes a login, serves me and logs out', async () => {
		const member = sessionMember;
		const sent = await call('POST', 'login/send-code', { email: 'session@example.com', password: member.password, channel: 'sms' });
		expect(sent).toEqual({ status: 200, body: { loginId: expect.any(String), factors: ['sms'], to: `+1 ••• ••• ${member.phone.slice(-4)}`, channel: 'sms' } });
		expect(await call('POST', 'login', { loginId: sent.body.loginId, code: wrongCode(code(member.phone)) })).toEqual({ status: 401, body: errorBody('INVALID_CODE') });
		const login = await call('POST', 'login', { loginId: sent.body.loginId, code: code(member.phone) });
		expect(login.status).toBe(200);
		expect(login.body).toEqual({ member: expect.objectContaining({ email: 'session@example.com' }), sessionToken: expect.any(String), expiresAt: expect.any(String) });
		expect((await call('POST', 'login', { loginId: sent.body.loginId, code: code(member.phone) })).status).toBeGreaterThanOrEqual(400);

		const token = login.body.sessionToken;
		expect(await call('GET', 'me', undefined, token)).toEqual({ status: 200, body: { member: expect.objectContaining({ email: 'session@example.com' }) } });
		expect(await call('POST', 'logout', undefined, token)).toEqual({ status: 200, body: { ok: true } });
		expect(await call('GET', 'me', undefined, token)).toEqual({ status: 401, body: errorBody('INVALID_SESSION') });
		expect(await call('POST', 'logout', undefined, token)).toEqual({ status: 401, body: errorBody('INVALID_SESSION') });
		expect(await call('GET', 'me')).toEqual({ status: 401, body: errorBody('INVALID_SESSION') });
		expect(await call('GET', 'me', undefined, `${token.slice(0, -4)}AAAA`)).toEqual({ status: 401, body: errorBody('INVALID_SESSION') });
	}, 60_000);

	it('gives an unknown email and a wrong password the same answer, and locks an address out after five wrong passwords', async () => {
		await registered('lock@example.com');
		// As a reverse proxy would pass it on: the caller's address is the last entry.
		const from = (address: string) => async (body: object) => {
			const answer = await send('POST', 'login/send-code', {
				body: JSON.stringify(body),
				headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
			});
			return { status: answer.status, body: answer.body };
		};
		const attacker = from('203.0.113.50');
		const unknown = await attacker({ email: 'nobody@example.com', password: 'whatever password' });
		const wrongPassword = await attacker({ email: 'lock@example.com', password: 'wrong password 1' });
		expect(unknown).toEqual({ status: 401, body: errorBody('INVALID_CREDENTIALS') });
		expect(wrongPassword).toEqual(unknown);
		for (let i = 2; i <= 5; i++) {
			expect((await attacker({ email: 'lock@example.com', password: `wrong password ${i}` })).status).toBe(401);
		}
		expect(await attacker({ email: 'lock@example.com', password: 'wrong password 6' })).toEqual({ status: 423, body: errorBody('LOCKED') });
		expect(await attacker({ email: 'lock@example.com', password: 'correct horse battery' })).toEqual({ status: 423, body: errorBody('LOCKED') });
		// From another address the member is not locked out.
		expect((await from('198.51.100.20')({ email: 'lock@example.com', password: 'correct horse battery' })).status).toBe(200);
	}, 60_000);

	it('resends a registration code by voice call once the cool-down has passed', async () => {
		const coolDownLeft = pendingResend.sentAt + 31_000 - Date.now();
		if (coolDownLeft > 0) await new Promise((resolve) => setTimeout(resolve, coolDownLeft));
		const { registrationId, phone } = pendingResend;
		expect(await call('POST', 'register/resend', { registrationId, channel: 'call' })).toEqual({
			status: 200,
			body: { to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'call' },
		});
		expect(sample.backend.sandbox.state.latestVerification(phone)?.channel).toBe('call');
		expect((await call('POST', 'register', { registrationId, code: code(phone) })).status).toBe(201);
	}, 60_000);
});
