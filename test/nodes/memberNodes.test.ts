/**
 * Member Register and Member Login run through n8n's engine with both real store backends and the Verify sandbox,
 * wired the way the sample webhook workflows use them (parameters read the Webhook node's body and headers).
 */
import type { IDataObject, INodeType } from 'n8n-workflow';

import { closeAllStores, DEFAULT_MEMBER_POLICY } from '../../nodes/shared/core/members';
import { securityOptions } from '../../nodes/shared/n8n/memberProperties';
import { storeConfigFrom } from '../../nodes/shared/n8n/memberStore';
import { MemberLogin } from '../../nodes/MemberLogin/MemberLogin.node';
import { MemberRegister } from '../../nodes/MemberRegister/MemberRegister.node';
import { runNode } from '../support/n8nEngine';
import { BACKENDS } from '../support/memberBackends';
import { NODE_SESSION_SECRET, useMemberNodeBackend } from '../support/memberNodeBackend';
import { expectNoSecrets } from '../support/nodeHelpers';

const EMAIL = 'alice@example.com';
const PASSWORD = 'correct horse battery';
const PHONE = '+14155552671';

describe.each(BACKENDS)('member nodes on $name', (backend) => {
	const setup = useMemberNodeBackend(backend);

	const register = (operation: string, body: IDataObject, parameters?: IDataObject) =>
		setup.run(new MemberRegister(), operation, { body }, parameters);
	const login = (operation: string, item: IDataObject, parameters?: IDataObject) =>
		setup.run(new MemberLogin(), operation, item, parameters);

	async function registerAlice(parameters?: IDataObject) {
		const sent = await register('sendCode', { email: EMAIL, password: PASSWORD, phone: PHONE });
		expect(sent.failure).toEqual([]);
		const { registrationId } = sent.success[0];
		return await register('complete', { registrationId, code: setup.sandbox.lastCode(PHONE) }, parameters);
	}

	it('registers, logs in with password and code, verifies the session and logs out', async () => {
		const sent = await register('sendCode', { email: EMAIL, password: PASSWORD, phone: '(415) 555-2671', country: 'US' });
		expect(sent.success[0]).toMatchObject({ ok: true, httpStatus: 200, to: '+1 ••• ••• 2671', channel: 'sms' });
		expect(String(sent.success[0].registrationId).length).toBeGreaterThanOrEqual(22);

		const registered = await register('complete', { registrationId: sent.success[0].registrationId, code: setup.sandbox.lastCode(PHONE) });
		expect(registered.success[0]).toMatchObject({
			ok: true,
			httpStatus: 201,
			member: { email: EMAIL, phone: '+1 ••• ••• 2671', status: 'active' },
		});
		expect(registered.success[0].sessionToken).toEqual(expect.any(String));

		const loginSent = await login('sendCode', { body: { email: EMAIL, password: PASSWORD, channel: 'call' } });
		expect(loginSent.success[0]).toMatchObject({ ok: true, to: '+1 ••• ••• 2671', channel: 'call' });
		const code = setup.sandbox.lastCode(PHONE)!;
		const loggedIn = await login('complete', { body: { loginId: loginSent.success[0].loginId, code } });
		const token = String(loggedIn.success[0].sessionToken);
		expect(loggedIn.success[0]).toMatchObject({ ok: true, member: { email: EMAIL }, expiresAt: expect.any(String) });

		const me = await login('verifySession', { headers: { authorization: `Bearer ${token}` } });
		expect(me.success[0]).toMatchObject({ ok: true, member: { email: EMAIL, status: 'active' } });

		const out = await login('logout', { headers: { authorization: `Bearer ${token}` } });
		expect(out.success[0]).toMatchObject({ ok: true });
		const after = await login('verifySession', { headers: { authorization: `Bearer ${token}` } });
		expect(after.failure[0]).toMatchObject({ ok: false, error: { code: 'INVALID_SESSION', httpStatus: 401 } });

		expectNoSecrets([sent, registered, loginSent, loggedIn, me], [PASSWORD, code, NODE_SESSION_SECRET, 'scrypt$', 'argon2id$']);
	});

	it('routes user mistakes to the Failure output with the webhook contract\'s codes', async () => {
		expect((await register('sendCode', { email: 'nope', password: PASSWORD, phone: PHONE })).failure[0]).toMatchObject({
			error: { code: 'INVALID_INPUT', httpStatus: 400 },
		});
		expect((await register('sendCode', { email: EMAIL, password: 'short', phone: PHONE })).failure[0]).toMatchObject({
			error: { code: 'WEAK_PASSWORD', httpStatus: 400 },
		});
		expect((await register('sendCode', { email: EMAIL, password: PASSWORD, phone: '123' })).failure[0]).toMatchObject({
			error: { code: 'INVALID_PHONE', httpStatus: 400 },
		});
		await registerAlice();
		expect((await register('sendCode', { email: EMAIL, password: PASSWORD, phone: '+14155552672' })).failure[0]).toMatchObject({
			error: { code: 'ALREADY_REGISTERED', httpStatus: 409 },
		});
		const unknown = await login('sendCode', { body: { email: 'bob@example.com', password: PASSWORD } });
		const wrong = await login('sendCode', { body: { email: EMAIL, password: 'wrong password!' } });
		expect(unknown.failure[0]).toEqual(wrong.failure[0]);
		expect(wrong.failure[0]).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', httpStatus: 401 } });
		expect((await register('resendCode', { registrationId: 'does-not-exist' })).failure[0]).toMatchObject({
			error: { httpStatus: 404 },
		});
	});

	it('leaves a member pending with manual approval until Approve Member', async () => {
		const pending = await registerAlice({ approval: 'manual' });
		expect(pending.success[0]).toMatchObject({ httpStatus: 202, pendingApproval: true, member: { status: 'pending_approval' } });
		expect(pending.success[0].sessionToken).toBeUndefined();
		expect((await login('sendCode', { body: { email: EMAIL, password: PASSWORD } })).failure[0]).toMatchObject({
			error: { code: 'NOT_APPROVED', httpStatus: 403 },
		});

		const approved = await setup.run(new MemberRegister(), 'approve', {}, { findBy: 'email', email: EMAIL });
		expect(approved.success[0]).toMatchObject({ member: { status: 'active' } });
		expect((await login('sendCode', { body: { email: EMAIL, password: PASSWORD } })).success[0]).toMatchObject({ ok: true });

		const blocked = await setup.run(new MemberRegister(), 'block', {}, { findBy: 'memberId', memberId: String((approved.success[0].member as IDataObject).id) });
		expect(blocked.success[0]).toMatchObject({ member: { status: 'blocked' } });
		expect((await login('sendCode', { body: { email: EMAIL, password: PASSWORD } })).failure[0]).toMatchObject({
			error: { code: 'BLOCKED' },
		});
	});

	it('logs in by phone code, creating the member the first time', async () => {
		await login('sendOtp', { body: { phone: PHONE } });
		const first = await login('completeOtp', { body: { phone: PHONE, code: setup.sandbox.lastCode(PHONE) } }, { mailDomain: 'members.test' });
		expect(first.success[0]).toMatchObject({ ok: true, created: true, member: { email: '14155552671@members.test' } });

		await login('sendOtp', { body: { phone: '4155552671', country: 'USA' } });
		const second = await login('completeOtp', { body: { phone: PHONE, code: setup.sandbox.lastCode(PHONE) } }, { mailDomain: 'members.test' });
		expect(second.success[0]).toMatchObject({ created: false, member: { id: (first.success[0].member as IDataObject).id } });
	});

	it('refuses a wrong code and a reused login challenge', async () => {
		await registerAlice();
		const { loginId } = (await login('sendCode', { body: { email: EMAIL, password: PASSWORD } })).success[0];
		const code = setup.sandbox.lastCode(PHONE)!;
		expect((await login('complete', { body: { loginId, code: code === '000000' ? '111111' : '000000' } })).failure[0]).toMatchObject({
			error: { code: 'INVALID_CODE', httpStatus: 401 },
		});
		expect((await login('complete', { body: { loginId, code } })).success[0]).toMatchObject({ ok: true });
		expect((await login('complete', { body: { loginId, code } })).failure[0]).toMatchObject({ ok: false });
	});

	it('deletes ended sessions with Delete Expired Data, and never members', async () => {
		const { sessionToken } = (await registerAlice()).success[0];
		await login('logout', { headers: { authorization: `Bearer ${sessionToken}` } });
		const purge = (olderThanHours: number) => setup.run(new MemberRegister(), 'purgeExpired', {}, { olderThanHours });
		// The session ended seconds ago: a one-hour threshold keeps it.
		expect((await purge(1)).success[0]).toMatchObject({ ok: true, deleted: { sessions: 0 } });
		const rows = async (table: string) => (await backend.query(setup.store, `SELECT COUNT(*) AS n FROM ${table}`))[0].n;
		expect(Number(await rows('tvm_sessions'))).toBe(1);
		expect(Number(await rows('tvm_members'))).toBe(1);
		const refused = await runNode({
			nodeType: new MemberRegister(),
			parameters: { operation: 'purgeExpired', olderThanHours: 0 } as never,
			credentials: setup.credentials(),
		});
		expect(refused.error?.message).toBe('Older Than must be at least 1 hour.');
	});

	it('lists countries for a dropdown', async () => {
		const { success } = await setup.run(new MemberRegister(), 'listCountries', {});
		expect(success[0].countries).toContainEqual({ label: 'France', value: 'FR', alpha3: 'FRA', dialCode: '+33' });
	});

	it('stops with a clear error when the session secret is too short', async () => {
		const result = await runNode({
			nodeType: new MemberLogin(),
			parameters: { operation: 'verifySession' } as never,
			items: [{ headers: { authorization: 'Bearer x' } }],
			credentials: { ...setup.credentials(), memberStoreApi: { ...setup.credentials().memberStoreApi, sessionSecret: 'short' } },
		});
		expect(result.error?.message).toMatch(/session signing secret must have at least 32 characters/);
	});
});

describe('member store credential', () => {
	it('is tested by opening the store and reading its schema version', async () => {
		const { memberStoreConnectionTest } = new MemberLogin().methods.credentialTest;
		const ok = await memberStoreConnectionTest.call({} as never, {
			id: '1',
			name: 'test',
			type: 'memberStoreApi',
			data: { backend: 'sqlite', sqlitePath: ':memory:', sessionSecret: NODE_SESSION_SECRET },
		});
		expect(ok).toEqual({ status: 'OK', message: expect.stringMatching(/^Connected to sqlite; schema version \d+$/) });
		const refused = await memberStoreConnectionTest.call({} as never, {
			id: '1',
			name: 'test',
			type: 'memberStoreApi',
			data: { backend: 'postgres', host: '127.0.0.1', port: 1, database: 'x', user: 'x', password: 'hunter2-secret', ssl: 'disable' },
		});
		expect(refused.status).toBe('Error');
		expect(refused.message).not.toContain('hunter2-secret');
		await closeAllStores();
	});
});

describe('member node parameters', () => {
	it('show each Security option only for the operations it affects', () => {
		const security = (nodeType: INodeType) =>
			nodeType.description.properties.find((property) => property.name === 'security')?.options as unknown as Array<{
				name: string;
				displayOptions: { show: { '/operation': string[] } };
			}>;
		const shownFor = (nodeType: INodeType, name: string) =>
			security(nodeType).find((option) => option.name === name)?.displayOptions.show['/operation'];
		expect(shownFor(new MemberRegister(), 'minPasswordLength')).toEqual(['sendCode']);
		expect(shownFor(new MemberLogin(), 'minPasswordLength')).toEqual([]);
		expect(shownFor(new MemberLogin(), 'maxFailedLogins')).toEqual(['sendCode', 'completeOtp']);
		expect(shownFor(new MemberLogin(), 'maxCodeAttempts')).toEqual(['complete', 'completeOtp']);
		const registerSecurity = new MemberRegister().description.properties.find((property) => property.name === 'security');
		expect(registerSecurity?.displayOptions?.show?.operation).toEqual(['sendCode', 'resendCode', 'complete']);
	});

	it('offer the core policy\'s defaults in the Security collection', () => {
		const operations = { sendCode: { security: ['sends', 'codes', 'passwords', 'newPasswords'] as const } };
		const options = securityOptions({ show: { operation: ['sendCode'] } }, operations).options as Array<{
			name: keyof typeof DEFAULT_MEMBER_POLICY;
			default: unknown;
		}>;
		expect(options.map((option) => option.name).sort()).toEqual(
			Object.keys(DEFAULT_MEMBER_POLICY).filter((name) => name !== 'sessionTtlSeconds').sort(),
		);
		for (const option of options) {
			const expected = DEFAULT_MEMBER_POLICY[option.name];
			// Lists are typed as text (countries) or picked from options (channels); both start empty like the policy's.
			if (Array.isArray(expected)) expect(option.default === '' || (Array.isArray(option.default) && option.default.length === 0)).toBe(expected.length === 0);
			else expect(option.default).toBe(expected);
		}
	});
});

describe('the Member Store credential', () => {
	const postgres = { backend: 'postgres', host: 'db', port: 5432, database: 'm', user: 'u', password: 'p' };

	it('maps the SSL modes: Verify Full checks the certificate (with the CA given), Require only encrypts', () => {
		const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
		expect(storeConfigFrom({ ...postgres, ssl: 'verify-full', caCertificate: pem })).toMatchObject({
			ssl: { rejectUnauthorized: true, ca: pem },
		});
		expect(storeConfigFrom({ ...postgres, ssl: 'verify-full', caCertificate: '' })).toMatchObject({
			ssl: { rejectUnauthorized: true },
		});
		expect(storeConfigFrom({ ...postgres, ssl: 'require' })).toMatchObject({ ssl: { rejectUnauthorized: false } });
		expect(storeConfigFrom({ ...postgres, ssl: 'disable' })).toMatchObject({ ssl: false });
		// What earlier versions stored for the same modes.
		expect(storeConfigFrom({ ...postgres, ssl: 'verify' })).toMatchObject({ ssl: { rejectUnauthorized: true } });
		expect(storeConfigFrom({ ...postgres, ssl: 'allowUnauthorized' })).toMatchObject({ ssl: { rejectUnauthorized: false } });
	});
});

describe('a member node whose store cannot be opened', () => {
	afterAll(closeAllStores);

	it('fails every item on its own, so Continue On Fail and the error output see each one', async () => {
		const { outputs, error } = await runNode({
			nodeType: new MemberLogin(),
			parameters: { operation: 'verifySession', token: '={{ $json.token }}' },
			items: [{ token: 'a' }, { token: 'b' }],
			credentials: {
				memberStoreApi: {
					backend: 'postgres',
					host: '127.0.0.1',
					port: 1,
					database: 'x',
					user: 'x',
					password: 'hunter2-secret',
					ssl: 'disable',
					sessionSecret: 'a-session-secret-long-enough-for-the-check-0123',
				},
			},
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(2);
		for (const item of outputs[0]) {
			expect(item.json.error).toEqual(expect.any(String));
			expect(JSON.stringify(item.json)).not.toContain('hunter2-secret');
		}
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe("n8n's Custom API Call on a member node", () => {
	it('is refused with a pointer to the HTTP Request node, not a crash', async () => {
		const { error } = await runNode({
			nodeType: new MemberLogin(),
			parameters: { operation: '__CUSTOM_API_CALL__' },
			credentials: {},
		});
		expect(error?.message).toMatch(/has no operation "__CUSTOM_API_CALL__"/);
		expect(error?.description).toMatch(/HTTP Request node/);
	});
});
