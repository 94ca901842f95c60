/**
 * Member Account through n8n's engine with both real store backends and the Verify sandbox, wired the way a webhook
 * workflow uses it (parameters read the Webhook node's body, headers and query string).
 */
import type { IDataObject } from 'n8n-workflow';

import { MemberAccount } from '../../nodes/MemberAccount/MemberAccount.node';
import { operations } from '../../nodes/MemberAccount/actions/account';
import { MemberLogin } from '../../nodes/MemberLogin/MemberLogin.node';
import { MemberRegister } from '../../nodes/MemberRegister/MemberRegister.node';
import { BACKENDS } from '../support/memberBackends';
import { NODE_SESSION_SECRET, useMemberNodeBackend } from '../support/memberNodeBackend';
import { expectNoSecrets } from '../support/nodeHelpers';
import { expectOutcomes, oddItems, oddValues } from '../support/oddInputs';
import { totpCode } from '../../sandbox';

const EMAIL = 'alice@example.com';
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';
const PHONE = '+14155552671';
const NEW_PHONE = '+14155552699';

describe.each(BACKENDS)('Member Account on $name', (backend) => {
	const setup = useMemberNodeBackend(backend);

	const account = (operation: string, item: IDataObject, parameters?: IDataObject) => setup.run(new MemberAccount(), operation, item, parameters);
	const bearer = (token: unknown) => ({ authorization: `Bearer ${String(token)}` });
	const me = async (token: unknown) => setup.run(new MemberLogin(), 'verifySession', { headers: bearer(token) });

	async function registerAlice(): Promise<string> {
		const sent = await setup.run(new MemberRegister(), 'sendCode', { body: { email: EMAIL, password: PASSWORD, phone: PHONE } });
		const { registrationId } = sent.success[0];
		const done = await setup.run(new MemberRegister(), 'complete', { body: { registrationId, code: setup.sandbox.lastCode(PHONE) } });
		return String(done.success[0].sessionToken);
	}

	it('resets a forgotten password: same answer for an unknown email, sessions ended, no session given', async () => {
		const token = await registerAlice();
		const sent = await account('sendResetCode', { body: { email: EMAIL }, headers: { 'x-forwarded-for': '203.0.113.5' } });
		expect(sent.success[0]).toEqual({ ok: true, httpStatus: 200, resetId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
		const code = setup.sandbox.lastCode(PHONE)!;

		const requestsBefore = setup.sandbox.requests.length;
		const unknown = await account('sendResetCode', { body: { email: 'nobody@example.com' } });
		expect(Object.keys(unknown.success[0])).toEqual(Object.keys(sent.success[0]));
		expect(setup.sandbox.requests.length).toBe(requestsBefore);
		expect((await account('resetPassword', { body: { resetId: unknown.success[0].resetId, code, newPassword: NEW_PASSWORD } })).failure[0]).toMatchObject({
			ok: false,
			error: { code: 'INVALID_CODE', httpStatus: 401 },
		});

		const resetId = sent.success[0].resetId;
		expect((await account('resetPassword', { body: { resetId, code, newPassword: 'password' } })).failure[0]).toMatchObject({
			error: { code: 'WEAK_PASSWORD', httpStatus: 400 },
		});
		const reset = await account('resetPassword', { body: { resetId, code, newPassword: NEW_PASSWORD } });
		expect(reset.success[0]).toEqual({ ok: true, httpStatus: 200 });
		expect((await me(token)).failure[0]).toMatchObject({ error: { code: 'INVALID_SESSION' } });
		expect((await setup.run(new MemberLogin(), 'sendCode', { body: { email: EMAIL, password: NEW_PASSWORD } })).success[0]).toMatchObject({ ok: true });
		expectNoSecrets([sent, unknown, reset], [PASSWORD, NEW_PASSWORD, code, NODE_SESSION_SECRET, 'argon2id$', 'scrypt$']);
	});

	it('changes the password with the session token from the Authorization header', async () => {
		const token = await registerAlice();
		const wrong = await account('changePassword', { headers: bearer(token), body: { currentPassword: 'not it at all', newPassword: NEW_PASSWORD } });
		expect(wrong.failure[0]).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', httpStatus: 401 } });
		const changed = await account('changePassword', { headers: bearer(token), body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
		expect(changed.success[0]).toEqual({ ok: true, httpStatus: 200 });
		expect((await me(token)).success[0]).toMatchObject({ member: { email: EMAIL } });
		const noToken = await account('changePassword', { body: { currentPassword: NEW_PASSWORD, newPassword: PASSWORD } });
		expect(noToken.failure[0]).toMatchObject({ error: { code: 'INVALID_SESSION', httpStatus: 401 } });
	});

	it('changes the phone with a code sent to the new phone', async () => {
		const token = await registerAlice();
		const sent = await account('sendPhoneCode', { headers: bearer(token), body: { password: PASSWORD, phone: '(415) 555-2699', country: 'US' } });
		expect(sent.success[0]).toMatchObject({ ok: true, to: '+1 ••• ••• 2699', channel: 'sms', changeId: expect.any(String) });
		const code = setup.sandbox.lastCode(NEW_PHONE)!;
		expect(code).toEqual(expect.any(String));
		const changed = await account('changePhone', { headers: bearer(token), body: { changeId: sent.success[0].changeId, code } });
		expect(changed.success[0]).toMatchObject({ ok: true, member: { email: EMAIL, phone: '+1 ••• ••• 2699' } });

		// The old phone is free: Bob registers with it, and Alice cannot take it back.
		const bob = await setup.run(new MemberRegister(), 'sendCode', { body: { email: 'bob@example.com', password: PASSWORD, phone: PHONE } });
		await setup.run(new MemberRegister(), 'complete', { body: { registrationId: bob.success[0].registrationId, code: setup.sandbox.lastCode(PHONE) } });
		const taken = await account('sendPhoneCode', { headers: bearer(token), body: { password: PASSWORD, phone: PHONE } });
		expect(taken.failure[0]).toMatchObject({ error: { code: 'ALREADY_REGISTERED', httpStatus: 409 } });
	});

	it('logs out everywhere and deletes the account; the email and phone can register again', async () => {
		const token = await registerAlice();
		const loginSent = await setup.run(new MemberLogin(), 'sendCode', { body: { email: EMAIL, password: PASSWORD } });
		await setup.run(new MemberLogin(), 'complete', { body: { loginId: loginSent.success[0].loginId, code: setup.sandbox.lastCode(PHONE) } });
		expect((await account('logoutAll', { headers: bearer(token) })).success[0]).toEqual({ ok: true, httpStatus: 200, ended: 2 });
		expect((await account('logoutAll', { headers: bearer(token) })).failure[0]).toMatchObject({ error: { code: 'INVALID_SESSION' } });

		const again = await setup.run(new MemberLogin(), 'sendCode', { body: { email: EMAIL, password: PASSWORD } });
		const fresh = await setup.run(new MemberLogin(), 'complete', { body: { loginId: again.success[0].loginId, code: setup.sandbox.lastCode(PHONE) } });
		const freshToken = fresh.success[0].sessionToken;
		expect((await account('deleteAccount', { headers: bearer(freshToken), body: { password: 'wrong password' } })).failure[0]).toMatchObject({
			error: { code: 'INVALID_CREDENTIALS' },
		});
		expect((await account('deleteAccount', { headers: bearer(freshToken), body: { password: PASSWORD } })).success[0]).toEqual({ ok: true, httpStatus: 200 });
		expect((await me(freshToken)).failure[0]).toMatchObject({ error: { code: 'INVALID_SESSION' } });
		await expect(registerAlice()).resolves.toEqual(expect.any(String));
	});

	it('sets up an authenticator app with Twilio Verify, logs in with its code or a recovery code, and remembers a device', async () => {
		const token = await registerAlice();
		const enrolled = await account('enrollTotp', { headers: bearer(token) });
		expect(enrolled.success[0]).toMatchObject({ ok: true, httpStatus: 201, factorId: expect.any(String), uri: expect.stringMatching(/^otpauth:\/\/totp\//) });
		expect(String(enrolled.success[0].qrSvg)).toMatch(/^<svg/);
		const secret = new URL(String(enrolled.success[0].uri)).searchParams.get('secret')!;
		// What the member's app shows: computed from the secret in the link, like a phone would (the sandbox clock is real time here).
		const appCode = () => totpCode(secret, Date.now());

		const wrong = await account('confirmTotp', { headers: bearer(token), body: { factorId: enrolled.success[0].factorId, code: '000000' } });
		expect(wrong.failure[0]).toMatchObject({ error: { code: 'INVALID_CODE', httpStatus: 401 } });
		const confirmed = await account('confirmTotp', { headers: bearer(token), body: { factorId: enrolled.success[0].factorId, code: appCode() } });
		expect(confirmed.success[0]).toMatchObject({ ok: true, factor: { status: 'verified', type: 'totp' }, recoveryCodes: expect.any(Array) });
		const recoveryCodes = confirmed.success[0].recoveryCodes as string[];
		expect(recoveryCodes).toHaveLength(10);

		// The login asks for the app and sends no SMS.
		const sendsBefore = setup.sandbox.requests.filter((request) => request.path.endsWith('/Verifications')).length;
		const started = await setup.run(new MemberLogin(), 'sendCode', { body: { email: EMAIL, password: PASSWORD } });
		expect(started.success[0]).toEqual({ ok: true, httpStatus: 200, loginId: expect.any(String), factors: ['totp', 'sms', 'recoveryCode'] });
		expect(setup.sandbox.requests.filter((request) => request.path.endsWith('/Verifications')).length).toBe(sendsBefore);
		const login = await setup.run(new MemberLogin(), 'complete', { body: { loginId: started.success[0].loginId, code: appCode(), rememberDevice: true } });
		expect(login.success[0]).toMatchObject({ ok: true, sessionToken: expect.any(String), deviceToken: expect.any(String) });

		const trusted = await setup.run(new MemberLogin(), 'sendCode', { body: { email: EMAIL, password: PASSWORD, deviceToken: login.success[0].deviceToken } });
		expect(trusted.success[0]).toMatchObject({ ok: true, trustedDevice: true, sessionToken: expect.any(String) });

		const again = await setup.run(new MemberLogin(), 'sendCode', { body: { email: EMAIL, password: PASSWORD } });
		const byRecovery = await setup.run(new MemberLogin(), 'complete', { body: { loginId: again.success[0].loginId, recoveryCode: recoveryCodes[0] } });
		expect(byRecovery.success[0]).toMatchObject({ ok: true, sessionToken: expect.any(String) });
		expect((await account('listFactors', { headers: bearer(token) })).success[0]).toMatchObject({ recoveryCodesLeft: 9 });

		const removed = await account('removeFactor', { headers: bearer(token), body: { factorId: enrolled.success[0].factorId, password: PASSWORD } });
		expect(removed.success[0]).toEqual({ ok: true, httpStatus: 200 });
		const afterRemoval = await setup.run(new MemberLogin(), 'sendCode', { body: { email: EMAIL, password: PASSWORD, deviceToken: login.success[0].deviceToken } });
		expect(afterRemoval.success[0]).toMatchObject({ channel: 'sms', factors: ['sms'] });
		expectNoSecrets([started, trusted, byRecovery, removed, afterRemoval], [PASSWORD, secret, NODE_SESSION_SECRET, 'argon2id$', 'scrypt$']);
	});

	it('lists members from the query string a page at a time', async () => {
		await registerAlice();
		await setup.run(new MemberRegister(), 'complete', {
			body: {
				registrationId: (await setup.run(new MemberRegister(), 'sendCode', { body: { email: 'bob@example.com', password: PASSWORD, phone: NEW_PHONE } })).success[0].registrationId,
				code: setup.sandbox.lastCode(NEW_PHONE),
			},
		});
		const first = await account('listMembers', { query: { status: 'active', limit: '1' } });
		expect(first.success[0]).toMatchObject({ ok: true, members: [{ email: EMAIL, phone: '+1 ••• ••• 2671' }], nextCursor: expect.any(String) });
		const second = await account('listMembers', { query: { limit: '1', cursor: first.success[0].nextCursor } });
		expect(second.success[0].members).toEqual([expect.objectContaining({ email: 'bob@example.com' })]);
		expect(second.success[0].nextCursor).toBeUndefined();
		expect((await account('listMembers', { query: { q: 'BOB@' } })).success[0].members).toHaveLength(1);
		expect((await account('listMembers', {})).success[0].members).toHaveLength(2);
		expect((await account('listMembers', { query: { cursor: 'tampered' } })).failure[0]).toMatchObject({
			error: { code: 'INVALID_INPUT', httpStatus: 400 },
		});
	});

	it('answers request values of the wrong type or size with an outcome per item, and asks Twilio nothing', async () => {
		const emails = oddValues(EMAIL);
		const outputs = await setup.runItems(new MemberAccount(), 'sendResetCode', oddItems('email', emails).map((body) => ({ body })));
		expectOutcomes(outputs[1], emails, { code: 'INVALID_INPUT', httpStatus: 400 });
		const cursors = oddValues('abc', {}, { nullMeansDefault: true });
		const listed = await setup.runItems(new MemberAccount(), 'listMembers', oddItems('cursor', cursors).map((query) => ({ query })));
		expectOutcomes(listed[1], cursors, { code: 'INVALID_INPUT', httpStatus: 400 });
		expect(setup.sandbox.requests).toEqual([]);
	});
});

describe('Member Account description', () => {
	it('asks for Twilio only where a code is sent or checked, and for the member store everywhere', () => {
		const { description } = new MemberAccount();
		const shownFor = (name: string) => description.credentials?.find((credential) => credential.name === name)?.displayOptions?.show?.operation;
		expect(shownFor('twilioVerifyApi')).toEqual([
			'sendResetCode',
			'resetPassword',
			'sendPhoneCode',
			'changePhone',
			'enrollTotp',
			'confirmTotp',
			'removeFactor',
			'deleteAccount',
		]);
		expect(shownFor('memberStoreApi')).toEqual(Object.keys(operations));
		const operation = description.properties.find((property) => property.name === 'operation');
		expect(operation?.options?.map((option) => (option as { name: string }).name)).toEqual([
			'Change Password',
			'Change Phone',
			'Confirm Authenticator App',
			'Delete Account',
			'List Members',
			'List Second Factors',
			'Log Out Everywhere',
			'New Recovery Codes',
			'Remove Authenticator App',
			'Reset Password',
			'Send Password Reset Code',
			'Send Phone Change Code',
			'Set Up Authenticator App',
		]);
	});
});
