/**
 * Second factors over HTTP against a real n8n (the factors and login samples): an authenticator app set up with the
 * code a phone would compute from the otpauth:// link, a login with it (no SMS), recovery codes, trusted devices, and
 * what an attacker tries: parallel app-code guesses, replayed recovery codes, a device token of another member,
 * odd input.
 */
import { totpCode } from '../../sandbox';
import { memberClient, phoneSequence, useSampleBackend } from '../support/sampleBackend';

const sample = useSampleBackend();
const call = memberClient(() => sample.backend.webhookUrl);
const newPhone = phoneSequence(8600);
const smsCode = sample.code;
const PASSWORD = 'a long and unusual passphrase';

const verificationsSent = () => sample.backend.sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/Verifications')).length;
const appChallenges = () => sample.backend.sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/Challenges')).length;

/** A member who set up an authenticator app; `appCode()` is what their phone shows now. */
async function memberWithApp(email: string) {
	const phone = newPhone();
	const sent = await call('POST', 'register/send-code', { email, password: PASSWORD, phone });
	const registered = await call('POST', 'register', { registrationId: sent.body.registrationId, code: smsCode(phone) });
	const token = registered.body.sessionToken as string;
	const enrolled = await call('POST', 'factors/totp', undefined, token);
	expect(enrolled).toMatchObject({ status: 201, body: { factorId: expect.any(String), uri: expect.stringMatching(/^otpauth:\/\/totp\//) } });
	expect(enrolled.body.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
	const secret = new URL(enrolled.body.uri).searchParams.get('secret')!;
	// The sandbox runs on the real clock in this file, like a phone.
	const appCode = () => totpCode(secret, Date.now());
	const confirmed = await call('POST', 'factors/totp/confirm', { factorId: enrolled.body.factorId, code: appCode() }, token);
	expect(confirmed).toMatchObject({ status: 200, body: { factor: { status: 'verified', type: 'totp' } } });
	return { email, phone, token, factorId: enrolled.body.factorId as string, appCode, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('authenticator apps', () => {
	it('set up, then log in with the app: no SMS is sent, and the device can be remembered', async () => {
		const alice = await memberWithApp('app-alice@example.com');
		expect(alice.recoveryCodes).toHaveLength(10);
		expect(await call('GET', 'factors', undefined, alice.token)).toMatchObject({
			status: 200,
			body: { factors: [{ id: alice.factorId, type: 'totp', status: 'verified' }], recoveryCodesLeft: 10 },
		});

		const sendsBefore = verificationsSent();
		const started = await call('POST', 'login/send-code', { email: alice.email, password: PASSWORD });
		expect(started).toEqual({ status: 200, body: { loginId: expect.any(String), factors: ['totp', 'sms', 'recoveryCode'] } });
		expect(verificationsSent()).toBe(sendsBefore);
		const login = await call('POST', 'login', { loginId: started.body.loginId, code: alice.appCode(), rememberDevice: true });
		expect(login).toMatchObject({ status: 200, body: { sessionToken: expect.any(String), deviceToken: expect.any(String), deviceExpiresAt: expect.any(String) } });

		const trusted = await call('POST', 'login/send-code', { email: alice.email, password: PASSWORD, deviceToken: login.body.deviceToken });
		expect(trusted).toMatchObject({
			status: 200,
			body: { sessionToken: expect.any(String), member: { email: alice.email, factors: ['totp', 'sms', 'recoveryCode'] } },
		});
		expect(trusted.body.loginId).toBeUndefined();

		// Asking for SMS still works for a member who left the phone with the app at home.
		const bySms = await call('POST', 'login/send-code', { email: alice.email, password: PASSWORD, channel: 'sms' });
		expect(bySms).toMatchObject({ status: 200, body: { channel: 'sms', to: expect.any(String) } });
		expect((await call('POST', 'login', { loginId: bySms.body.loginId, code: smsCode(alice.phone), factor: 'sms' })).status).toBe(200);

		// Removing the app (with the password) ends the trusted device too.
		expect((await call('POST', 'factors/remove', { factorId: alice.factorId, password: 'not the password' }, alice.token)).status).toBe(401);
		expect(await call('POST', 'factors/remove', { factorId: alice.factorId, password: PASSWORD }, alice.token)).toEqual({ status: 200, body: { ok: true } });
		const afterRemoval = await call('POST', 'login/send-code', { email: alice.email, password: PASSWORD, deviceToken: login.body.deviceToken });
		expect(afterRemoval).toMatchObject({ status: 200, body: { loginId: expect.any(String), factors: ['sms'] } });
	});

	it('a recovery code works once, replacing them works, and another member\'s codes and device do not', async () => {
		const bob = await memberWithApp('app-bob@example.com');
		const carol = await memberWithApp('app-carol@example.com');
		const first = await call('POST', 'login/send-code', { email: bob.email, password: PASSWORD });
		expect((await call('POST', 'login', { loginId: first.body.loginId, recoveryCode: bob.recoveryCodes[0] })).status).toBe(200);
		const replay = await call('POST', 'login/send-code', { email: bob.email, password: PASSWORD });
		expect(await call('POST', 'login', { loginId: replay.body.loginId, recoveryCode: bob.recoveryCodes[0] })).toMatchObject({
			status: 401,
			body: { error: { code: 'INVALID_CODE' } },
		});
		expect((await call('POST', 'login', { loginId: replay.body.loginId, recoveryCode: carol.recoveryCodes[0] })).status).toBe(401);

		const renewed = await call('POST', 'factors/recovery-codes', { password: PASSWORD }, bob.token);
		expect(renewed).toMatchObject({ status: 200, body: { recoveryCodes: expect.any(Array) } });
		expect((await call('POST', 'login', { loginId: replay.body.loginId, recoveryCode: bob.recoveryCodes[1] })).status).toBe(401);
		expect((await call('POST', 'login', { loginId: replay.body.loginId, recoveryCode: renewed.body.recoveryCodes[0] })).status).toBe(200);

		const carolLogin = await call('POST', 'login/send-code', { email: carol.email, password: PASSWORD });
		const carolDevice = (await call('POST', 'login', { loginId: carolLogin.body.loginId, code: carol.appCode(), rememberDevice: 'true' })).body.deviceToken;
		const bobWithCarolsDevice = await call('POST', 'login/send-code', { email: bob.email, password: PASSWORD, deviceToken: carolDevice });
		expect(bobWithCarolsDevice.body).toMatchObject({ loginId: expect.any(String) });
	});
});

describe('as an attacker', () => {
	it('parallel app-code guesses on one login reach Twilio at most five times, and the login is dead after', async () => {
		const dave = await memberWithApp('app-dave@example.com');
		const started = await call('POST', 'login/send-code', { email: dave.email, password: PASSWORD });
		const right = dave.appCode();
		const wrong = right === '000000' ? '111111' : '000000';
		const before = appChallenges();
		const answers = await Promise.all(Array.from({ length: 15 }, () => call('POST', 'login', { loginId: started.body.loginId, code: wrong })));
		expect(answers.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
		expect(appChallenges() - before).toBeLessThanOrEqual(5);
		expect(await call('POST', 'login', { loginId: started.body.loginId, code: right })).toMatchObject({ status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS' } } });
	});

	it('odd factor input gets a 400 and changes nothing; no session means no factor change', async () => {
		const erin = await memberWithApp('app-erin@example.com');
		const started = await call('POST', 'login/send-code', { email: erin.email, password: PASSWORD });
		for (const body of [
			{ loginId: started.body.loginId, code: erin.appCode(), factor: 7 },
			{ loginId: started.body.loginId, code: erin.appCode(), factor: ['totp'] },
			{ loginId: started.body.loginId, recoveryCode: { $ne: '' } },
			{ loginId: started.body.loginId, recoveryCode: 'x'.repeat(100_000) },
			{ loginId: started.body.loginId, recoveryCode: true },
		]) {
			expect(await call('POST', 'login', body)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
		}
		expect(await call('POST', 'factors/totp/confirm', { factorId: { a: 1 }, code: '123456' }, erin.token)).toMatchObject({ status: 400 });
		for (const [method, path] of [['GET', 'factors'], ['POST', 'factors/totp'], ['POST', 'factors/totp/confirm'], ['POST', 'factors/remove'], ['POST', 'factors/recovery-codes']]) {
			expect(await call(method, path, method === 'POST' ? { factorId: erin.factorId, code: '123456', password: PASSWORD } : undefined, 'not.a.token')).toMatchObject({
				status: 401,
				body: { error: { code: 'INVALID_SESSION' } },
			});
		}
		// Still the member's: the right app code completes the login.
		expect((await call('POST', 'login', { loginId: started.body.loginId, code: erin.appCode() })).status).toBe(200);
	});
});
