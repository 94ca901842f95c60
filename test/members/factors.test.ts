/**
 * Second factors on both backends: authenticator apps (TOTP through the fake Verify), recovery codes and trusted
 * devices: their states, single use under races, binding to the member, and everything that ends them.
 */
import { TABLES } from '../../nodes/shared/core/members';
import { BACKENDS } from '../support/memberBackends';
import { GOOD_APP_CODE, GOOD_CODE, WRONG_CODE } from '../support/fakeGateway';
import { type FlowKit, expectOutcome, registerMember, useStore } from '../support/memberHarness';

describe.each(BACKENDS)('second factors on $name', (backend) => {
	const harness = useStore(backend);

	async function logIn(kit: FlowKit, member: { email: string; password: string }) {
		const sent = await kit.members.login.sendCode({ email: member.email, password: member.password, channel: 'sms' });
		return kit.members.login.complete({ loginId: sent.loginId, code: GOOD_CODE });
	}

	/** A member with a confirmed authenticator app, their session token and recovery codes. */
	async function memberWithApp(kit: FlowKit) {
		const member = await registerMember(kit);
		const { sessionToken } = await logIn(kit, member);
		const enrolment = await kit.members.factors.enrollTotp({ token: sessionToken });
		const confirmed = await kit.members.factors.confirmTotp({ token: sessionToken, factorId: enrolment.factorId, code: GOOD_APP_CODE });
		return { ...member, sessionToken, factorId: enrolment.factorId, recoveryCodes: confirmed.recoveryCodes };
	}

	test('enrol: an otpauth URI and a QR code, unconfirmed until the first right code, then ten recovery codes', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const { sessionToken } = await logIn(kit, member);

		const enrolment = await kit.members.factors.enrollTotp({ token: sessionToken });
		expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
		expect(enrolment.qrSvg).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>$/);
		expect(await kit.members.factors.list({ token: sessionToken })).toEqual({
			factors: [{ id: enrolment.factorId, type: 'totp', status: 'unverified', createdAt: expect.any(String) }],
			recoveryCodesLeft: 0,
		});
		// The entity at Twilio is the member id, never an email or phone.
		expect([...kit.gateway.factors.values()].map((factor) => factor.identity)).toEqual([member.result.member.id]);

		await expectOutcome(kit.members.factors.confirmTotp({ token: sessionToken, factorId: enrolment.factorId, code: WRONG_CODE }), 'INVALID_CODE');
		const confirmed = await kit.members.factors.confirmTotp({ token: sessionToken, factorId: enrolment.factorId, code: GOOD_APP_CODE });
		expect(confirmed.factor).toMatchObject({ id: enrolment.factorId, type: 'totp', status: 'verified' });
		expect(confirmed.recoveryCodes).toHaveLength(10);
		expect(new Set(confirmed.recoveryCodes).size).toBe(10);
		for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);

		// Stored by hash only, and Twilio's factor SID is the only trace of the app.
		const id = member.result.member.id;
		expect(await harness.count(TABLES.recoveryCodes, 'member_id = $1', [id])).toBe(10);
		for (const code of confirmed.recoveryCodes) {
			expect(await harness.count(TABLES.recoveryCodes, 'code_hash LIKE $1', [`%${code.replace('-', '')}%`])).toBe(0);
		}
		await expectOutcome(kit.members.factors.enrollTotp({ token: sessionToken }), 'ALREADY_ENROLLED');
		await expectOutcome(kit.members.factors.confirmTotp({ token: sessionToken, factorId: enrolment.factorId, code: GOOD_APP_CODE }), 'ALREADY_ENROLLED');
	});

	test('the member view names the second factors, also in the admin list, and follows removal', async () => {
		const kit = harness.kit();
		const plain = await registerMember(kit);
		expect(plain.result.member.factors).toEqual(['sms']);
		const member = await memberWithApp(kit);
		const { member: seen } = await kit.members.sessions.verify({ token: member.sessionToken });
		expect(seen.factors).toEqual(['totp', 'sms', 'recoveryCode']);
		const { members } = await kit.members.admin.list({ q: member.email });
		expect(members.map((listed) => listed.factors)).toEqual([['totp', 'sms', 'recoveryCode']]);
		const everyone = await kit.members.admin.list({ limit: 100 });
		const byEmail = new Map(everyone.members.map((listed) => [listed.email, listed.factors]));
		expect(byEmail.get(plain.email)).toEqual(['sms']);

		await kit.members.factors.remove({ token: member.sessionToken, factorId: member.factorId, password: member.password });
		expect((await kit.members.sessions.verify({ token: member.sessionToken })).member.factors).toEqual(['sms']);
	});

	test('two enrolments started together: only one app can be confirmed', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const { sessionToken } = await logIn(kit, member);
		const [first, second] = await Promise.all([
			kit.members.factors.enrollTotp({ token: sessionToken }),
			kit.members.factors.enrollTotp({ token: sessionToken }),
		]);
		// Each enrolment drops the other's unconfirmed factor or is refused once one is confirmed: never two apps.
		const confirmations = [];
		for (const { factorId } of [first, second]) {
			confirmations.push(await kit.members.factors.confirmTotp({ token: sessionToken, factorId, code: GOOD_APP_CODE }).then(
				() => 'confirmed',
				(error: { code?: string }) => error.code,
			));
		}
		expect(confirmations.filter((outcome) => outcome === 'confirmed').length).toBeLessThanOrEqual(1);
		expect(confirmations.every((outcome) => ['confirmed', 'ALREADY_ENROLLED', 'NOT_FOUND'].includes(String(outcome)))).toBe(true);
		const { factors } = await kit.members.factors.list({ token: sessionToken });
		expect(factors.filter((factor) => factor.status === 'verified').length).toBeLessThanOrEqual(1);
		expect([...kit.gateway.factors.values()].filter((factor) => factor.verified).length).toBeLessThanOrEqual(1);
	});

	test('login with an app: no SMS unless asked for, an app code completes it, a wrong one is counted', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		const sendsBefore = kit.gateway.sends.length;

		const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
		expect(started).toEqual({ loginId: expect.any(String), factors: ['totp', 'sms', 'recoveryCode'] });
		expect(kit.gateway.sends.length).toBe(sendsBefore);

		const wrong = await expectOutcome(kit.members.login.complete({ loginId: started.loginId, code: WRONG_CODE }), 'INVALID_CODE');
		expect(wrong.message).toMatch(/4 attempts left/);
		const login = await kit.members.login.complete({ loginId: started.loginId, code: GOOD_APP_CODE });
		expect(login.member.id).toBe(member.result.member.id);
		expect(kit.gateway.appChecks.at(-1)).toMatchObject({ identity: member.result.member.id, code: GOOD_APP_CODE });

		// Asking for a channel sends the SMS code, which completes the login like before.
		kit.clock.advance(kit.members.policy.resendCooldownSeconds);
		const bySms = await kit.members.login.sendCode({ email: member.email, password: member.password, channel: 'sms' });
		expect(bySms).toMatchObject({ channel: 'sms', factors: ['totp', 'sms', 'recoveryCode'] });
		expect(kit.gateway.sends.length).toBe(sendsBefore + 1);
		await expect(kit.members.login.complete({ loginId: bySms.loginId, code: GOOD_CODE, factor: 'sms' })).resolves.toHaveProperty('sessionToken');
	});

	test('an app code opens one login: replayed, also in parallel, it is refused until it can no longer be current', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		const first = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const second = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const third = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const results = await Promise.allSettled([
			kit.members.login.complete({ loginId: first.loginId, code: GOOD_APP_CODE }),
			kit.members.login.complete({ loginId: second.loginId, code: GOOD_APP_CODE }),
		]);
		expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
		await expectOutcome(kit.members.login.complete({ loginId: third.loginId, code: GOOD_APP_CODE }), 'INVALID_CODE');
		kit.clock.advance(121);
		await expect(kit.members.login.complete({ loginId: third.loginId, code: GOOD_APP_CODE })).resolves.toHaveProperty('sessionToken');
	});

	test('an app code cannot be guessed past the caps, even in parallel', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const guesses = await Promise.allSettled(
			Array.from({ length: 12 }, () => kit.members.login.complete({ loginId: started.loginId, code: WRONG_CODE })),
		);
		expect(guesses.every((guess) => guess.status === 'rejected')).toBe(true);
		expect(kit.gateway.appChecks.length).toBeLessThanOrEqual(kit.members.policy.maxCodeAttempts);
		await expectOutcome(kit.members.login.complete({ loginId: started.loginId, code: GOOD_APP_CODE }), 'TOO_MANY_ATTEMPTS');
	});

	test('a recovery code works once in place of a code, also when two logins race with it', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		const [code] = member.recoveryCodes;
		const first = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const second = await kit.members.login.sendCode({ email: member.email, password: member.password });

		const typed = ` ${code.toUpperCase().replace('-', ' ')} `;
		const results = await Promise.allSettled([
			kit.members.login.complete({ loginId: first.loginId, recoveryCode: typed }),
			kit.members.login.complete({ loginId: second.loginId, recoveryCode: code }),
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(await kit.members.factors.list({ token: member.sessionToken })).toMatchObject({ recoveryCodesLeft: 9 });

		const third = await kit.members.login.sendCode({ email: member.email, password: member.password });
		await expectOutcome(kit.members.login.complete({ loginId: third.loginId, recoveryCode: code }), 'INVALID_CODE');
		await expectOutcome(kit.members.login.complete({ loginId: third.loginId, recoveryCode: 'not a code' }), 'INVALID_INPUT');
		await expect(kit.members.login.complete({ loginId: third.loginId, recoveryCode: member.recoveryCodes[1] })).resolves.toHaveProperty('sessionToken');

		// Another member's codes are not this member's.
		const other = await memberWithApp(kit);
		const theirs = await kit.members.login.sendCode({ email: other.email, password: other.password });
		await expectOutcome(kit.members.login.complete({ loginId: theirs.loginId, recoveryCode: member.recoveryCodes[2] }), 'INVALID_CODE');
	});

	test('new recovery codes replace the old ones, after the password', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		await expectOutcome(kit.members.factors.regenerateRecoveryCodes({ token: member.sessionToken, password: 'wrong password' }), 'INVALID_CREDENTIALS');
		const { recoveryCodes } = await kit.members.factors.regenerateRecoveryCodes({ token: member.sessionToken, password: member.password });
		expect(recoveryCodes).toHaveLength(10);
		const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
		await expectOutcome(kit.members.login.complete({ loginId: started.loginId, recoveryCode: member.recoveryCodes[0] }), 'INVALID_CODE');
		await expect(kit.members.login.complete({ loginId: started.loginId, recoveryCode: recoveryCodes[0] })).resolves.toHaveProperty('sessionToken');
	});

	test('remember this device: the next password login skips the second factor, for this member only', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		const sent = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const login = await kit.members.login.complete({ loginId: sent.loginId, code: GOOD_CODE, rememberDevice: true });
		expect(login.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(Date.parse(login.deviceExpiresAt ?? '') - kit.clock.now().getTime()).toBe(30 * 86_400_000);
		expect(await harness.count(TABLES.trustedDevices, 'token_hash = $1', [login.deviceToken])).toBe(0);

		const sendsBefore = kit.gateway.sends.length;
		const again = await kit.members.login.sendCode({ email: member.email, password: member.password, deviceToken: login.deviceToken });
		expect(again).toMatchObject({ trustedDevice: true, sessionToken: expect.any(String), member: { id: member.result.member.id } });
		expect(kit.gateway.sends.length).toBe(sendsBefore);
		// The device never replaces the password.
		await expectOutcome(kit.members.login.sendCode({ email: member.email, password: 'wrong password', deviceToken: login.deviceToken }), 'INVALID_CREDENTIALS');

		const other = await registerMember(kit);
		const theirs = await kit.members.login.sendCode({ email: other.email, password: other.password, deviceToken: login.deviceToken });
		expect(theirs).toHaveProperty('loginId');

		kit.clock.advance(30 * 86_400);
		const expired = await kit.members.login.sendCode({ email: member.email, password: member.password, deviceToken: login.deviceToken });
		expect(expired).toHaveProperty('loginId');
	});

	test('trusted devices end with a password change, log out everywhere and removing an app', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		async function trustedToken() {
			// A new login needs a new app code: the one before is refused for two minutes.
			kit.clock.advance(121);
			const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
			const login = await kit.members.login.complete({ loginId: started.loginId, code: GOOD_APP_CODE, rememberDevice: 'true' });
			return { token: login.deviceToken, session: login.sessionToken };
		}
		const trusted = async (deviceToken: string | undefined) =>
			'trustedDevice' in (await kit.members.login.sendCode({ email: member.email, password: member.password, deviceToken }));

		let device = await trustedToken();
		expect(await trusted(device.token)).toBe(true);
		await kit.members.sessions.logoutAll({ token: device.session });
		expect(await trusted(device.token)).toBe(false);

		device = await trustedToken();
		await kit.members.account.changePassword({ token: device.session, currentPassword: member.password, newPassword: 'another long password' });
		member.password = 'another long password';
		expect(await trusted(device.token)).toBe(false);

		device = await trustedToken();
		await expectOutcome(kit.members.factors.remove({ token: device.session, factorId: member.factorId, password: 'wrong password' }), 'INVALID_CREDENTIALS');
		await kit.members.factors.remove({ token: device.session, factorId: member.factorId, password: member.password });
		expect(await trusted(device.token)).toBe(false);
		// Removed at Twilio too, and with the last app the recovery codes go.
		expect(kit.gateway.factors.size).toBe(0);
		expect(await kit.members.factors.list({ token: device.session })).toEqual({ factors: [], recoveryCodesLeft: 0 });
		// Without the app the login above sent an SMS; past its cool-down, the next one does too.
		kit.clock.advance(kit.members.policy.resendCooldownSeconds);
		const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
		expect(started).toMatchObject({ channel: 'sms', factors: ['sms'] });
	});

	test('a log out everywhere that commits between the device check and the session: no session from that device', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		kit.clock.advance(121);
		const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
		const device = await kit.members.login.complete({ loginId: started.loginId, code: GOOD_APP_CODE, rememberDevice: true });

		// The store outside a transaction answers the first device lookup, then lets "log out everywhere" commit.
		let raced = false;
		const racingStore = new Proxy(harness.store, {
			get(target, name) {
				if (name === 'findTrustedDevice') {
					return async (tokenHash: string) => {
						const found = await target.findTrustedDevice(tokenHash);
						if (!raced) {
							raced = true;
							await kit.members.sessions.logoutAll({ token: device.sessionToken });
						}
						return found;
					};
				}
				const value: unknown = Reflect.get(target, name, target);
				return typeof value === 'function' ? value.bind(target) : value;
			},
		});
		const racing = kit.with({ store: racingStore });
		const answer = await racing.login.sendCode({ email: member.email, password: member.password, deviceToken: device.deviceToken });
		expect(raced).toBe(true);
		expect(answer).not.toHaveProperty('trustedDevice');
		expect(answer).toMatchObject({ loginId: expect.any(String), factors: expect.arrayContaining(['totp']) });
	});

	test('deleting the account removes the app at Twilio, the factors, codes and devices', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
		await kit.members.login.complete({ loginId: started.loginId, code: GOOD_APP_CODE, rememberDevice: true });
		const id = member.result.member.id;
		await kit.members.account.delete({ token: member.sessionToken, password: member.password });
		expect(kit.gateway.factors.size).toBe(0);
		for (const table of [TABLES.factors, TABLES.recoveryCodes, TABLES.trustedDevices]) {
			expect(await harness.count(table, 'member_id = $1', [id])).toBe(0);
		}
	});

	test('malformed factor input is refused before anything is counted or sent', async () => {
		const kit = harness.kit();
		const member = await memberWithApp(kit);
		const started = await kit.members.login.sendCode({ email: member.email, password: member.password });
		for (const input of [
			{ loginId: started.loginId, code: GOOD_APP_CODE, factor: 'email' },
			{ loginId: started.loginId, code: GOOD_APP_CODE, factor: ['totp'] },
			{ loginId: started.loginId, recoveryCode: { code: 'x' } },
			{ loginId: started.loginId, recoveryCode: 'a'.repeat(10_000) },
		]) {
			await expectOutcome(kit.members.login.complete(input), 'INVALID_INPUT');
		}
		await expectOutcome(kit.members.factors.confirmTotp({ token: member.sessionToken, factorId: 42, code: GOOD_APP_CODE }), 'INVALID_INPUT');
		await expectOutcome(kit.members.factors.remove({ token: member.sessionToken, factorId: 'x'.repeat(36), password: member.password }), 'NOT_FOUND');
		await expectOutcome(kit.members.factors.enrollTotp({ token: 'Bearer nope' }), 'INVALID_SESSION');
		await expect(kit.members.login.complete({ loginId: started.loginId, code: GOOD_APP_CODE })).resolves.toHaveProperty('sessionToken');
	});
});
