/** Password reset and password change, on both backends. */
import { TABLES } from '../../nodes/shared/core/members';
import { verifyPassword } from '../../nodes/shared/core/members/passwords';
import { BACKENDS } from '../support/memberBackends';
import { GOOD_CODE, WRONG_CODE } from '../support/fakeGateway';
import {
	type FlowKit,
	expectOutcome,
	findSecrets,
	kitWithSignedInMember,
	memberLockedByWrongPasswords,
	nextIdentity,
	registerMember,
	registerPhoneOnlyMember,
	useStore,
} from '../support/memberHarness';

const NEW_PASSWORD = 'a brand new passphrase';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An outcome's code and message, or SENT: comparable across a known and an unknown email. */
async function answerOf(promise: Promise<unknown>): Promise<string> {
	return promise.then(
		() => 'SENT',
		(error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
	);
}

describe.each(BACKENDS)('password reset on $name', (backend) => {
	const harness = useStore(backend);

	async function logIn(kit: FlowKit, email: string, password: string) {
		const { loginId } = await kit.members.login.sendCode({ email, password });
		kit.clock.advance(30);
		return kit.members.login.complete({ loginId, code: GOOD_CODE });
	}

	test('a known and an unknown email get the same shape; only the known one is sent a code', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const challengesBefore = await harness.count(TABLES.challenges, "kind = 'reset'");

		const sendsBefore = kit.gateway.sends.length;
		const known = await kit.members.account.sendPasswordResetCode({ email: member.email.toUpperCase() });
		expect(known).toEqual({ resetId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
		expect(kit.gateway.sends.slice(sendsBefore)).toEqual([expect.objectContaining({ to: member.phone, channel: 'sms' })]);

		const unknown = await kit.members.account.sendPasswordResetCode({ email: nextIdentity().email });
		const phoneOnly = await kit.members.account.sendPasswordResetCode({ email: (await registerPhoneOnlyMember(kit)).email });
		for (const answer of [unknown, phoneOnly]) {
			expect(Object.keys(answer)).toEqual(Object.keys(known));
			expect(answer.resetId).toMatch(/^[A-Za-z0-9_-]{43}$/);
		}
		// One SMS in all (the phone-only member's own OTP login aside), and one stored challenge per request.
		expect(kit.gateway.sends.slice(sendsBefore).filter((send) => send.to === member.phone)).toHaveLength(1);
		expect(kit.gateway.sends.slice(sendsBefore)).toHaveLength(2);
		expect(await harness.count(TABLES.challenges, "kind = 'reset'")).toBe(challengesBefore + 3);
		expect(findSecrets([known, unknown, phoneOnly], [member.password])).toEqual([]);
	});

	test('the code resets the password once: sessions end, no session is returned, the old password stops working', async () => {
		const { kit, member, token: first } = await kitWithSignedInMember(harness);
		const second = (await logIn(kit, member.email, member.password)).sessionToken;
		const { resetId } = await kit.members.account.sendPasswordResetCode({ email: member.email });

		await expectOutcome(kit.members.account.resetPassword({ resetId, code: WRONG_CODE, newPassword: NEW_PASSWORD }), 'INVALID_CODE');
		const weak = await expectOutcome(
			kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: 'password' }),
			'WEAK_PASSWORD',
		);
		expect(weak.httpStatus).toBe(400);
		// Both sessions still work until the reset is done.
		await expect(kit.members.sessions.verify({ token: second })).resolves.toHaveProperty('member');

		await expect(kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: NEW_PASSWORD })).resolves.toEqual({
			ok: true,
		});
		for (const token of [first, second]) await expectOutcome(kit.members.sessions.verify({ token }), 'INVALID_SESSION');
		expect(await harness.count(TABLES.sessions, 'member_id = $1 AND revoked_at IS NULL', [member.result.member.id])).toBe(0);
		await expectOutcome(kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: NEW_PASSWORD }), 'NOT_FOUND');

		kit.clock.advance(30);
		await expectOutcome(kit.members.login.sendCode({ email: member.email, password: member.password }), 'INVALID_CREDENTIALS');
		await expect(logIn(kit, member.email, NEW_PASSWORD)).resolves.toHaveProperty('sessionToken');
	});

	test('a reset code expires with the code lifetime', async () => {
		const kit = harness.kit({ challengeTtlMinutes: 5 });
		const member = await registerMember(kit);
		const { resetId } = await kit.members.account.sendPasswordResetCode({ email: member.email });
		kit.clock.advance(5 * 60 + 1);
		const expired = await expectOutcome(
			kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: NEW_PASSWORD }),
			'EXPIRED',
		);
		expect(expired.httpStatus).toBe(410);
	});

	test("an unknown email's reset id answers every code like a known one's wrong code, and never asks Verify", async () => {
		const kit = harness.kit({ maxCodeAttempts: 3 });
		const member = await registerMember(kit);
		const known = await kit.members.account.sendPasswordResetCode({ email: member.email });
		kit.clock.advance(30);
		const unknown = await kit.members.account.sendPasswordResetCode({ email: nextIdentity().email });

		const knownAnswers: string[] = [];
		for (let attempt = 0; attempt < 4; attempt++) {
			knownAnswers.push(await answerOf(kit.members.account.resetPassword({ resetId: known.resetId, code: WRONG_CODE, newPassword: NEW_PASSWORD })));
		}
		const checksBefore = kit.gateway.checks.length;
		const unknownAnswers: string[] = [];
		for (const code of [GOOD_CODE, WRONG_CODE, GOOD_CODE, GOOD_CODE]) {
			unknownAnswers.push(await answerOf(kit.members.account.resetPassword({ resetId: unknown.resetId, code, newPassword: NEW_PASSWORD })));
		}
		expect(unknownAnswers).toEqual(knownAnswers);
		expect(knownAnswers[0]).toMatch(/^INVALID_CODE: .*2 attempts left/);
		expect(knownAnswers.at(-1)).toMatch(/^TOO_MANY_ATTEMPTS/);
		expect(kit.gateway.checks.length).toBe(checksBefore);
	});

	test('an unknown email is answered after about as long as Verify takes to send a code', async () => {
		const kit = harness.kit({ resendCooldownSeconds: 0, maxSendsPerPhonePer10Min: 100 });
		const member = await registerMember(kit);
		const send = kit.gateway.send.bind(kit.gateway);
		kit.gateway.send = async (request) => {
			await delay(60);
			return send(request);
		};
		// A few real sends teach the process how long Verify takes.
		for (let round = 0; round < 12; round++) await kit.members.login.sendCode({ email: member.email, password: member.password });
		const started = performance.now();
		await kit.members.account.sendPasswordResetCode({ email: nextIdentity().email });
		expect(performance.now() - started).toBeGreaterThan(40);
	});

	test('requests are counted per email before the lookup: known and unknown emails are limited alike', async () => {
		const kit = harness.kit({ maxSendsPerPhonePer10Min: 2, resendCooldownSeconds: 30 });
		const member = await registerMember(kit);
		const unknownEmail = nextIdentity().email;
		const answers = async (email: string) => {
			const seen: string[] = [];
			for (const wait of [0, 5, 30, 30]) {
				kit.clock.advance(wait);
				seen.push((await answerOf(kit.members.account.sendPasswordResetCode({ email }))).replace(/\d+ seconds/, 'N seconds'));
			}
			return seen;
		};
		const known = await answers(member.email);
		expect(known).toEqual(['SENT', expect.stringMatching(/^RATE_LIMITED/), 'SENT', expect.stringMatching(/^RATE_LIMITED/)]);
		expect(await answers(unknownEmail)).toEqual(known);
	});

	test('per caller address, reset requests count against the address\'s codes', async () => {
		const kit = harness.kit({ maxSendsPerIpPer10Min: 2 });
		const caller = '203.0.113.90';
		await kit.members.account.sendPasswordResetCode({ email: nextIdentity().email, forwardedFor: caller });
		await kit.members.account.sendPasswordResetCode({ email: nextIdentity().email, forwardedFor: caller });
		await expectOutcome(kit.members.account.sendPasswordResetCode({ email: nextIdentity().email, forwardedFor: caller }), 'RATE_LIMITED');
		await expect(kit.members.account.sendPasswordResetCode({ email: nextIdentity().email, forwardedFor: '198.51.100.90' })).resolves.toHaveProperty('resetId');
	});

	test('a reset forgives the wrong passwords that locked the email', async () => {
		const { kit, member } = await memberLockedByWrongPasswords(harness, ['wrong password', 'wrong password']);
		await expectOutcome(kit.members.login.sendCode({ email: member.email, password: member.password }), 'LOCKED');
		const { resetId } = await kit.members.account.sendPasswordResetCode({ email: member.email });
		await kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: NEW_PASSWORD });
		kit.clock.advance(30);
		await expect(logIn(kit, member.email, NEW_PASSWORD)).resolves.toHaveProperty('sessionToken');
	});

	test('a login whose password step came before the reset cannot complete after it', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const { loginId } = await kit.members.login.sendCode({ email: member.email, password: member.password });
		kit.clock.advance(30);
		const { resetId } = await kit.members.account.sendPasswordResetCode({ email: member.email });
		await kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: NEW_PASSWORD });
		await expectOutcome(kit.members.login.complete({ loginId, code: GOOD_CODE }), 'NOT_FOUND');
	});

	test('a reset racing a login: the login fails, or its session is revoked by the reset', async () => {
		const kit = harness.kit({ resendCooldownSeconds: 0, maxSendsPerPhonePer10Min: 100, maxWrongCodesPerPhonePerHour: 100 });
		const member = await registerMember(kit);
		for (let round = 0; round < 8; round++) {
			const { loginId } = await kit.members.login.sendCode({ email: member.email, password: member.password });
			const { resetId } = await kit.members.account.sendPasswordResetCode({ email: member.email });
			kit.clock.advance(31);
			// The login starts a little later each round, so it lands before, inside and after the reset's transaction.
			const [login, reset] = await Promise.allSettled([
				delay(round * 8).then(() => kit.members.login.complete({ loginId, code: GOOD_CODE })),
				kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: `${NEW_PASSWORD} ${round}` }),
			]);
			expect(reset).toEqual({ status: 'fulfilled', value: { ok: true } });
			if (login.status === 'fulfilled') {
				await expectOutcome(kit.members.sessions.verify({ token: login.value.sessionToken }), 'INVALID_SESSION');
			} else {
				expect(login.reason.code).toBe('NOT_FOUND');
			}
			member.password = `${NEW_PASSWORD} ${round}`;
		}
		expect(await harness.count(TABLES.sessions, 'member_id = $1 AND revoked_at IS NULL', [member.result.member.id])).toBe(0);
	});

	test('bad input is refused before anything is stored or sent', async () => {
		const kit = harness.kit();
		const before = await harness.count(TABLES.challenges);
		await expectOutcome(kit.members.account.sendPasswordResetCode({ email: 'not an email' }), 'INVALID_INPUT');
		await expectOutcome(kit.members.account.sendPasswordResetCode({ email: nextIdentity().email, channel: 'pigeon' }), 'INVALID_INPUT');
		await expectOutcome(kit.members.account.resetPassword({ resetId: 'x'.repeat(500), code: GOOD_CODE, newPassword: NEW_PASSWORD }), 'INVALID_INPUT');
		await expectOutcome(kit.members.account.resetPassword({ resetId: 'unknown', code: GOOD_CODE, newPassword: NEW_PASSWORD }), 'NOT_FOUND');
		expect(await harness.count(TABLES.challenges)).toBe(before);
		expect(kit.gateway.sends).toEqual([]);
	});
});

describe.each(BACKENDS)('password change on $name', (backend) => {
	const harness = useStore(backend);

	test('the current password is required, and each wrong one is counted toward the lock', async () => {
		const { kit, member, token } = await kitWithSignedInMember(harness, { maxFailedLogins: 2 });
		const caller = '203.0.113.91';
		const change = (currentPassword: string) =>
			kit.members.account.changePassword({ token, currentPassword, newPassword: NEW_PASSWORD, forwardedFor: caller });
		const wrong = await expectOutcome(change('not my password'), 'INVALID_CREDENTIALS');
		expect(wrong.httpStatus).toBe(401);
		await expectOutcome(change('still not it'), 'INVALID_CREDENTIALS');
		await expectOutcome(change(member.password), 'LOCKED');
		await expectOutcome(
			kit.members.account.changePassword({ token: 'Bearer nonsense', currentPassword: member.password, newPassword: NEW_PASSWORD }),
			'INVALID_SESSION',
		);
		await expectOutcome(
			kit.members.account.changePassword({ token, currentPassword: member.password, newPassword: 'short' }),
			'WEAK_PASSWORD',
		);
	});

	test('a new password ends the other sessions and keeps the current one', async () => {
		const { kit, member, token: current } = await kitWithSignedInMember(harness);
		const { loginId } = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const other = (await kit.members.login.complete({ loginId, code: GOOD_CODE })).sessionToken;
		kit.clock.advance(30);
		const pending = await kit.members.login.sendCode({ email: member.email, password: member.password });

		await expect(
			kit.members.account.changePassword({ token: `Bearer ${current}`, currentPassword: member.password, newPassword: NEW_PASSWORD }),
		).resolves.toEqual({ ok: true });
		await expect(kit.members.sessions.verify({ token: current })).resolves.toHaveProperty('member');
		await expectOutcome(kit.members.sessions.verify({ token: other }), 'INVALID_SESSION');
		// A login begun with the old password does not finish after the change.
		await expectOutcome(kit.members.login.complete({ loginId: pending.loginId, code: GOOD_CODE }), 'NOT_FOUND');

		kit.clock.advance(30);
		await expectOutcome(kit.members.login.sendCode({ email: member.email, password: member.password }), 'INVALID_CREDENTIALS');
		await expect(kit.members.login.sendCode({ email: member.email, password: NEW_PASSWORD })).resolves.toHaveProperty('loginId');
	});

	test("a change racing a reset never outlives it: the reset's password is the one in force", async () => {
		const kit = harness.kit({ resendCooldownSeconds: 0, maxSendsPerPhonePer10Min: 100, maxWrongCodesPerPhonePerHour: 100 });
		const member = await registerMember(kit);
		let password = member.password;
		for (let round = 0; round < 6; round++) {
			const { loginId } = await kit.members.login.sendCode({ email: member.email, password });
			const { sessionToken } = await kit.members.login.complete({ loginId, code: GOOD_CODE });
			const { resetId } = await kit.members.account.sendPasswordResetCode({ email: member.email });
			const reset = `${NEW_PASSWORD} reset ${round}`;
			const [, change] = await Promise.allSettled([
				kit.members.account.resetPassword({ resetId, code: GOOD_CODE, newPassword: reset }),
				delay(round * 6).then(() =>
					kit.members.account.changePassword({ token: sessionToken, currentPassword: password, newPassword: `${NEW_PASSWORD} change ${round}` }),
				),
			]);
			// Either the change came first and the reset replaced it, or the reset came first: it revoked the session
			// (INVALID_SESSION), or it landed between the session check and the password check, so the password given
			// is no longer the member's (INVALID_CREDENTIALS).
			if (change.status === 'rejected') expect(['INVALID_SESSION', 'INVALID_CREDENTIALS']).toContain(change.reason.code);
			expect(await verifyPassword(reset, (await harness.store.findMemberById(member.result.member.id))?.passwordHash ?? '')).toBe(true);
			password = reset;
			kit.clock.advance(1);
		}
	});
});
