import type { OutcomeError } from '../../nodes/shared/core/errors';

import {
	TABLES,
} from '../../nodes/shared/core/members';
import { hashPassword } from '../../nodes/shared/core/members/passwords';
import { BACKENDS } from '../support/memberBackends';
import { GOOD_CODE, WRONG_CODE, SERVICE_SID } from '../support/fakeGateway';
import {
	type FlowKit,
	SESSION_SECRET,
	expectOutcome,
	kitWithSignedInMember,
	memberLockedByWrongPasswords,
	nextIdentity,
	registerMember,
	registerSignedInMember,
	useStore,
} from '../support/memberHarness';

async function timed<T>(work: () => Promise<T>): Promise<number> {
	const started = process.hrtime.bigint();
	await work().catch(() => undefined);
	return Number(process.hrtime.bigint() - started) / 1e6;
}

describe.each(BACKENDS)('login on $name', (backend) => {
	const harness = useStore(backend);

	async function logIn(kit: FlowKit, email: string, password: string, clientIp?: string) {
		const sent = await kit.members.login.sendCode({ email, password, forwardedFor: clientIp });
		return kit.members.login.complete({ loginId: sent.loginId, code: GOOD_CODE });
	}

	test('register → login → verify → logout', async () => {
		const kit = harness.kit();
		const { members, gateway } = kit;
		const member = await registerMember(kit);

		const sent = await members.login.sendCode({
			email: member.email.toUpperCase(),
			password: member.password,
			channel: 'whatsapp',
		});
		expect(sent).toEqual({
			loginId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
			to: `+1 ••• ••• ${member.phone.slice(-4)}`,
			channel: 'whatsapp',
			factors: ['sms'],
		});
		expect(gateway.sends.at(-1)).toEqual({ serviceSid: SERVICE_SID, to: member.phone, channel: 'whatsapp' });

		const login = await members.login.complete({ loginId: sent.loginId, code: GOOD_CODE });
		expect(login.member).toEqual(member.result.member);
		const stored = await harness.store.findMemberByEmail(member.email);
		expect(stored?.lastLoginAt?.toISOString()).toBe(kit.clock.now().toISOString());

		const me = await members.sessions.verify({ token: `Bearer ${login.sessionToken}` });
		expect(me).toEqual({
			member: member.result.member,
			session: { id: expect.any(String), expiresAt: login.expiresAt },
		});
		await expect(members.sessions.verify({ token: login.sessionToken })).resolves.toEqual(me);

		await expect(members.sessions.logout({ token: login.sessionToken })).resolves.toEqual({ ok: true });
		await expectOutcome(members.sessions.verify({ token: login.sessionToken }), 'INVALID_SESSION');
		await expectOutcome(members.sessions.logout({ token: login.sessionToken }), 'INVALID_SESSION');
		expect(await harness.count(TABLES.sessions, 'id = $1 AND revoked_at IS NOT NULL', [me.session.id])).toBe(1);
	});

	test('an unknown email and a wrong password get the same answer after the same work', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const unknown = expectOutcome(
			kit.members.login.sendCode({ email: nextIdentity().email, password: member.password }),
			'INVALID_CREDENTIALS',
		);
		const wrong = expectOutcome(
			kit.members.login.sendCode({ email: member.email, password: 'not the password' }),
			'INVALID_CREDENTIALS',
		);
		const [unknownError, wrongError] = await Promise.all([unknown, wrong]);
		expect(unknownError.toJSON()).toEqual(wrongError.toJSON());

		const unknownMs = Math.min(
			await timed(() => kit.members.login.sendCode({ email: nextIdentity().email, password: 'whatever1' })),
			await timed(() => kit.members.login.sendCode({ email: nextIdentity().email, password: 'whatever1' })),
		);
		const wrongMs = Math.min(
			await timed(() => kit.members.login.sendCode({ email: member.email, password: 'whatever1' })),
			await timed(() => kit.members.login.sendCode({ email: member.email, password: 'whatever2' })),
		);
		// Loose on purpose (the machine may be busy): skipping the dummy scrypt would make it a hundred times faster.
		expect(unknownMs).toBeGreaterThan(wrongMs * 0.25);
	});

	test('a member without a password (phone-only) cannot log in with one', async () => {
		const kit = harness.kit();
		const { phone } = nextIdentity();
		await kit.members.passwordless.sendCode({ phone });
		const otp = await kit.members.passwordless.complete({ phone, code: GOOD_CODE }, { mailDomain: 'members.example.com' });
		await expectOutcome(
			kit.members.login.sendCode({ email: otp.member.email, password: 'anything at all' }),
			'INVALID_CREDENTIALS',
		);
	});

	test('five wrong passwords from one address lock that address out for 15 minutes, not the others', async () => {
		const kit = harness.kit({ maxFailedLogins: 5, lockMinutes: 15 });
		const member = await registerMember(kit);
		const attacker = '203.0.113.66';
		for (let attempt = 1; attempt <= 5; attempt++) {
			await expectOutcome(
				kit.members.login.sendCode({ email: member.email, password: 'wrong password', forwardedFor: attacker }),
				'INVALID_CREDENTIALS',
			);
		}
		// The sixth guess is refused before the password is even checked, right or wrong.
		const locked = await expectOutcome(
			kit.members.login.sendCode({ email: member.email, password: member.password, forwardedFor: attacker }),
			'LOCKED',
		);
		expect(locked).toMatchObject({ httpStatus: 423, retryAfterSeconds: 900 });
		expect(locked.message).toMatch(/15 minutes/);

		// The member, from their own address, is not locked out.
		await expect(logIn(kit, member.email, member.password, '198.51.100.7')).resolves.toHaveProperty('sessionToken');

		kit.clock.advance(60);
		const stillLocked = await expectOutcome(
			kit.members.login.sendCode({ email: member.email, password: member.password, forwardedFor: attacker }),
			'LOCKED',
		);
		expect(stillLocked.retryAfterSeconds).toBe(840);
		kit.clock.advance(840);
		await expect(logIn(kit, member.email, member.password, attacker)).resolves.toHaveProperty('sessionToken');
	});

	test('an unknown email locks exactly like a known one: LOCKED says nothing about membership', async () => {
		const kit = harness.kit({ maxFailedLogins: 3 });
		const member = await registerMember(kit);
		const answers = async (email: string) => {
			const seen: string[] = [];
			for (let attempt = 0; attempt < 5; attempt++) {
				const error = await kit.members.login
					.sendCode({ email, password: 'wrong password', forwardedFor: '203.0.113.67' })
					.catch((failure: OutcomeError) => failure);
				seen.push(`${(error as OutcomeError).code}:${(error as OutcomeError).retryAfterSeconds ?? ''}`);
			}
			return seen;
		};
		expect(await answers(nextIdentity().email)).toEqual(await answers(member.email));
	});

	test('without a known address, the per-email cap across addresses still holds', async () => {
		const { kit, member } = await memberLockedByWrongPasswords(harness, ['wrong', 'wrong', 'wrong']);
		await expectOutcome(kit.members.login.sendCode({ email: member.email, password: member.password }), 'LOCKED');
	});

	test('parallel guesses cannot pass the cap: of 30 wrong passwords and the right one, at most 5 are checked', async () => {
		const kit = harness.kit({ maxFailedLogins: 5 });
		const member = await registerMember(kit);
		const clientIp = '203.0.113.68';
		const guesses = [...Array.from({ length: 30 }, (_, i) => `wrong ${i}`), member.password];
		const outcomes = await Promise.allSettled(
			guesses.map((password) => kit.members.login.sendCode({ email: member.email, password, forwardedFor: clientIp })),
		);
		const codes = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? 'SENT' : outcome.reason.code));
		const evaluated = codes.filter((code) => code === 'INVALID_CREDENTIALS' || code === 'SENT').length;
		expect(evaluated).toBeLessThanOrEqual(5);
		expect(codes.filter((code) => code === 'LOCKED' || code === 'BUSY').length).toBeGreaterThanOrEqual(26);
	});

	test('a right password resets the count of wrong ones', async () => {
		const kit = harness.kit({ maxFailedLogins: 3 });
		const member = await registerMember(kit);
		for (let round = 0; round < 2; round++) {
			await expectOutcome(
				kit.members.login.sendCode({ email: member.email, password: 'wrong password' }),
				'INVALID_CREDENTIALS',
			);
			await expectOutcome(
				kit.members.login.sendCode({ email: member.email, password: 'wrong password' }),
				'INVALID_CREDENTIALS',
			);
			await kit.members.login.sendCode({ email: member.email, password: member.password });
			kit.clock.advance(30);
		}
		// Two rounds of two wrong guesses each, under a cap of three: the right password in between forgave the first two.
		await expectOutcome(kit.members.login.sendCode({ email: member.email, password: 'wrong password' }), 'INVALID_CREDENTIALS');
	});

	test('a blocked member is refused (403) and their sessions stop working at once', async () => {
		const { kit, member, token } = await kitWithSignedInMember(harness);
		await expect(kit.members.sessions.verify({ token })).resolves.toHaveProperty('member');

		const { loginId } = await kit.members.login.sendCode({ email: member.email, password: member.password });
		await expect(kit.members.admin.block({ email: member.email })).resolves.toMatchObject({ status: 'blocked' });
		await expectOutcome(kit.members.sessions.verify({ token }), 'INVALID_SESSION');
		await expectOutcome(kit.members.login.complete({ loginId, code: GOOD_CODE }), 'BLOCKED');
		const refused = await expectOutcome(
			kit.members.login.sendCode({ email: member.email, password: member.password }),
			'BLOCKED',
		);
		expect(refused.httpStatus).toBe(403);
		// A wrong password still says nothing about the block.
		await expectOutcome(
			kit.members.login.sendCode({ email: member.email, password: 'wrong password' }),
			'INVALID_CREDENTIALS',
		);
	});

	test('a login code: wrong, expired and reused', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const first = await kit.members.login.sendCode({ email: member.email, password: member.password });
		await expectOutcome(kit.members.login.complete({ loginId: first.loginId, code: WRONG_CODE }), 'INVALID_CODE');
		await kit.members.login.complete({ loginId: first.loginId, code: GOOD_CODE });
		await expectOutcome(kit.members.login.complete({ loginId: first.loginId, code: GOOD_CODE }), 'NOT_FOUND');

		kit.clock.advance(30);
		const second = await kit.members.login.sendCode({ email: member.email, password: member.password });
		kit.clock.advance(10 * 60 + 1);
		await expectOutcome(kit.members.login.complete({ loginId: second.loginId, code: GOOD_CODE }), 'EXPIRED');
	});

	test('20 concurrent completions of one login give exactly one session', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const memberId = member.result.member.id;
		const sessionsBefore = await harness.count(TABLES.sessions, 'member_id = $1', [memberId]);
		const { loginId } = await kit.members.login.sendCode({ email: member.email, password: member.password });

		const checksBefore = kit.gateway.checks.length;
		const outcomes = await Promise.allSettled(
			Array.from({ length: 20 }, () => kit.members.login.complete({ loginId, code: GOOD_CODE })),
		);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
		const reasons = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason.code] : []));
		expect(reasons).toHaveLength(19);
		for (const reason of reasons) expect(['NOT_FOUND', 'TOO_MANY_ATTEMPTS']).toContain(reason);
		// Attempts are reserved before Verify is asked: at most the cap of five ever reached it.
		expect(kit.gateway.checks.length - checksBefore).toBeLessThanOrEqual(5);
		expect(await harness.count(TABLES.sessions, 'member_id = $1', [memberId])).toBe(sessionsBefore + 1);
	});

	test('a stored hash with older parameters is upgraded at the next successful login', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const id = member.result.member.id;
		await harness.store.updatePasswordHash(id, await hashPassword(member.password, { logN: 14, r: 8, p: 1 }));
		await kit.members.login.sendCode({ email: member.email, password: member.password });
		expect((await harness.store.findMemberById(id))?.passwordHash).toMatch(/^argon2id\$v=19,m=19456,t=2,p=1\$/);
	});

	test('a member whose stored hash is scrypt logs in, and the hash is upgraded to Argon2id', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const id = member.result.member.id;
		await harness.store.updatePasswordHash(id, await hashPassword(member.password, { logN: 17, r: 8, p: 1 }));
		expect((await harness.store.findMemberById(id))?.passwordHash).toMatch(/^scrypt\$/);
		await expect(logIn(kit, member.email, member.password)).resolves.toHaveProperty('sessionToken');
		const upgraded = (await harness.store.findMemberById(id))?.passwordHash ?? '';
		expect(upgraded.startsWith('argon2id$')).toBe(true);
		kit.clock.advance(30);
		await expect(logIn(kit, member.email, member.password)).resolves.toHaveProperty('sessionToken');
		expect((await harness.store.findMemberById(id))?.passwordHash).toBe(upgraded);
	});
});

describe.each(BACKENDS)('session tokens on $name', (backend) => {
	const harness = useStore(backend);

	async function freshToken(kit: FlowKit) {
		return (await registerSignedInMember(kit)).token;
	}

	test('a tampered token is INVALID_SESSION (401)', async () => {
		const kit = harness.kit();
		const token = await freshToken(kit);
		const [header, payload, signature] = token.split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
		const otherSubject = Buffer.from(
			JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' }),
		).toString('base64url');
		const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
		const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;

		for (const bad of [
			`${header}.${otherSubject}.${signature}`,
			`${header}.${payload}.${flipped}`,
			unsigned,
			'garbage',
			'',
			'Bearer ',
		]) {
			const error = await expectOutcome(kit.members.sessions.verify({ token: bad }), 'INVALID_SESSION');
			expect(error.httpStatus).toBe(401);
		}
	});

	test('a token signed with another secret is INVALID_SESSION', async () => {
		const kit = harness.kit();
		const token = await freshToken(kit);
		await expectOutcome(
			kit.with({ sessionSecret: `${SESSION_SECRET}-rotated` }).sessions.verify({ token }),
			'INVALID_SESSION',
		);
	});

	test('an expired token is INVALID_SESSION', async () => {
		const kit = harness.kit({ sessionTtlSeconds: 3600 });
		const token = await freshToken(kit);
		kit.clock.advance(3600 - 60);
		await expect(kit.members.sessions.verify({ token })).resolves.toHaveProperty('member');
		kit.clock.advance(61);
		await expectOutcome(kit.members.sessions.verify({ token }), 'INVALID_SESSION');
	});

	test('a revoked token is INVALID_SESSION while the member’s other sessions keep working', async () => {
		const { kit, member, token: first } = await kitWithSignedInMember(harness);
		const { loginId } = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const second = (await kit.members.login.complete({ loginId, code: GOOD_CODE })).sessionToken;
		await kit.members.sessions.logout({ token: first });
		await expectOutcome(kit.members.sessions.verify({ token: first }), 'INVALID_SESSION');
		await expect(kit.members.sessions.verify({ token: second })).resolves.toHaveProperty('member');
	});

	test('an oversized token is refused without being parsed', async () => {
		const kit = harness.kit();
		await expectOutcome(kit.members.sessions.verify({ token: 'a'.repeat(10_000) }), 'INVALID_SESSION');
	});

	test('a secret shorter than 32 characters is a setup error, found before any flow runs', async () => {
		const kit = harness.kit();
		expect(() => kit.with({ sessionSecret: 'short' })).toThrow(
			expect.objectContaining({ name: 'ConfigurationError', code: 'INVALID_SESSION_SECRET' }),
		);
		expect(kit.gateway.sends).toEqual([]);
	});

	test('a flow that sends a code without Verify set up is a setup error, and nothing is stored', async () => {
		const kit = harness.kit();
		const members = kit.with({ verify: undefined });
		const before = await harness.count(TABLES.challenges);
		await expect(members.passwordless.sendCode({ phone: nextIdentity().phone })).rejects.toMatchObject({
			name: 'ConfigurationError',
			code: 'MISSING_GATEWAY',
		});
		expect(await harness.count(TABLES.challenges)).toBe(before);
	});
});
