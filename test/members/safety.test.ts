
import { OutcomeError } from '../../nodes/shared/core/errors';
import {
	type MemberStore,
	TABLES,
	type Members,
} from '../../nodes/shared/core/members';
import { BACKENDS } from '../support/memberBackends';
import { GOOD_CODE } from '../support/fakeGateway';
import { SESSION_SECRET, expectOutcome, findSecrets, nextIdentity, useStore } from '../support/memberHarness';

const SQL_PASSWORD = "Robert'); DROP TABLE tvm_members;--";
const SQL_ID = "' OR 1=1 --";

/** The same store, but every call is written down: input checks must refuse before the first one. */
function recordingStore(store: MemberStore): { store: MemberStore; calls: string[] } {
	const calls: string[] = [];
	const proxy = new Proxy(store, {
		get(target, name, receiver) {
			const value = Reflect.get(target, name, receiver);
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => {
				calls.push(String(name));
				return value.apply(target, args);
			};
		},
	});
	return { store: proxy, calls };
}

describe.each(BACKENDS)('hostile and oversized input on $name', (backend) => {
	const harness = useStore(backend);

	test('SQL-looking values are stored as data or refused, and the tables stay intact', async () => {
		const { members, clock } = harness.kit();
		const { phone } = nextIdentity();
		const email = "o'reilly'--or'1'='1@example.com";

		const sent = await members.registration.sendCode({ email, password: SQL_PASSWORD, phone });
		const registered = await members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE });
		expect(registered.member.email).toBe(email);
		clock.advance(30);
		const login = await members.login.sendCode({ email, password: SQL_PASSWORD });
		await expect(members.login.complete({ loginId: login.loginId, code: GOOD_CODE })).resolves.toHaveProperty(
			'sessionToken',
		);

		await expectOutcome(members.login.sendCode({ email: SQL_ID, password: SQL_ID }), 'INVALID_INPUT');
		await expectOutcome(
			members.login.sendCode({ email: `x${SQL_ID.replace(/ /g, '')}@example.com`, password: SQL_ID }),
			'INVALID_CREDENTIALS',
		);
		await expectOutcome(members.registration.complete({ registrationId: SQL_ID, code: GOOD_CODE }), 'NOT_FOUND');
		await expectOutcome(members.login.complete({ loginId: SQL_ID, code: GOOD_CODE }), 'NOT_FOUND');
		await expectOutcome(members.registration.resendCode({ registrationId: SQL_ID }), 'NOT_FOUND');
		await expectOutcome(members.admin.approve({ memberId: SQL_ID }), 'NOT_FOUND');
		await expectOutcome(members.admin.block({ email: SQL_ID }), 'INVALID_INPUT');
		await expectOutcome(members.passwordless.sendCode({ phone: SQL_ID }), 'INVALID_PHONE');
		await expectOutcome(members.passwordless.sendCode({ phone, country: "US'; --" }), 'INVALID_PHONE');
		await expectOutcome(members.sessions.verify({ token: SQL_ID }), 'INVALID_SESSION');

		expect(await harness.count(TABLES.members, 'email = $1', [email])).toBe(1);
		expect(await harness.count(TABLES.members)).toBeGreaterThan(0);
		expect(await harness.count(TABLES.sessions)).toBe(2);
	});

	test.each([
		[
			'an email over 254 characters',
			(c: Members) =>
				c.registration.sendCode({
					email: `${'a'.repeat(250)}@example.com`,
					password: 'long enough',
					phone: '+14155550100',
				}),
		],
		[
			'a password over 256 characters',
			(c: Members) =>
				c.registration.sendCode({ email: 'a@example.com', password: 'p'.repeat(257), phone: '+14155550100' }),
		],
		[
			'a login password over 256 characters',
			(c: Members) => c.login.sendCode({ email: 'a@example.com', password: 'p'.repeat(1_000_000) }),
		],
		[
			'a login email over 254 characters',
			(c: Members) => c.login.sendCode({ email: `${'a'.repeat(300)}@example.com`, password: 'x' }),
		],
		[
			'a registration id over 100 characters',
			(c: Members) => c.registration.complete({ registrationId: 'r'.repeat(101), code: GOOD_CODE }),
		],
		[
			'a resend id over 100 characters',
			(c: Members) => c.registration.resendCode({ registrationId: 'r'.repeat(101) }),
		],
		[
			'a login id over 100 characters',
			(c: Members) => c.login.complete({ loginId: 'l'.repeat(101), code: GOOD_CODE }),
		],
		['a code over 10 characters', (c: Members) => c.login.complete({ loginId: 'l', code: '12345678901' })],
		[
			'a code that is not letters or digits',
			(c: Members) =>
				c.passwordless.complete({ phone: '+14155550100', code: "1' OR '1" }, { mailDomain: 'example.com' }),
		],
		['a member id over 100 characters', (c: Members) => c.admin.approve({ memberId: 'm'.repeat(101) })],
		[
			'both a member id and an email',
			(c: Members) => c.admin.block({ memberId: 'm', email: 'a@example.com' } as never),
		],
	])('refuses %s with INVALID_INPUT before touching the store', async (_name, run) => {
		const kit = harness.kit();
		const recorded = recordingStore(harness.store);
		const error = await expectOutcome(run(kit.with({ store: recorded.store })), 'INVALID_INPUT');
		expect(error.httpStatus).toBe(400);
		expect(recorded.calls).toEqual([]);
		expect(kit.gateway.sends).toEqual([]);
	});

	test('no output or outcome carries a password, hash, code or secret', async () => {
		const { members } = harness.kit({ resendCooldownSeconds: 0 });
		const { phone, email } = nextIdentity();
		const password = 'a very particular password';
		const outputs: unknown[] = [];
		const keep = async <T>(promise: Promise<T>): Promise<T> => {
			const value = await promise;
			outputs.push(value);
			return value;
		};
		const keepFailure = async (promise: Promise<unknown>) => {
			const error = await promise.catch((failure: unknown) => failure);
			expect(error).toBeInstanceOf(OutcomeError);
			outputs.push((error as OutcomeError).toJSON(), (error as Error).message);
		};

		const sent = await keep(members.registration.sendCode({ email, password, phone }));
		await keep(members.registration.resendCode({ registrationId: sent.registrationId }));
		await keepFailure(members.registration.complete({ registrationId: sent.registrationId, code: '000000' }));
		const registered = await keep(
			members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE }),
		);
		await keepFailure(members.login.sendCode({ email, password: 'the wrong one' }));
		const login = await keep(members.login.sendCode({ email, password }));
		const session = await keep(members.login.complete({ loginId: login.loginId, code: GOOD_CODE }));
		await keep(members.sessions.verify({ token: session.sessionToken }));
		await keep(members.passwordless.sendCode({ phone }));
		await keepFailure(members.passwordless.complete({ phone, code: GOOD_CODE }, { mailDomain: 'example.com' }));
		await keep(members.sessions.logout({ token: session.sessionToken }));
		await keepFailure(members.sessions.verify({ token: session.sessionToken }));
		await keep(members.admin.block({ memberId: registered.member.id }));
		await keep(members.admin.approve({ email }));

		const storedHash = (await harness.store.findMemberByEmail(email))?.passwordHash ?? '';
		expect(storedHash).toMatch(/^(scrypt|argon2id)\$/);
		expect(outputs).toHaveLength(18);
		expect(findSecrets(outputs, [password, storedHash, GOOD_CODE, SESSION_SECRET])).toEqual([]);
	});
});
