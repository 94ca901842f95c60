
import { OutcomeError } from '../../nodes/shared/core/errors';
import {
	type MemberFlowContext,
	type MemberStore,
	TABLES,
	approveMember,
	blockMember,
	completeLogin,
	completeOtpLogin,
	completeRegistration,
	logout,
	resendRegistrationCode,
	sendLoginCode,
	sendOtp,
	sendRegistrationCode,
	verifySession,
} from '../../nodes/shared/core/members';
import { BACKENDS } from './support/backends';
import { GOOD_CODE } from './support/fakeGateway';
import { SESSION_SECRET, expectOutcome, findSecrets, nextIdentity, useStore } from './support/harness';

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
		const { context, clock } = harness.kit();
		const { phone } = nextIdentity();
		const email = "o'reilly'--or'1'='1@example.com";

		const sent = await sendRegistrationCode(context, { email, password: SQL_PASSWORD, phone });
		const registered = await completeRegistration(context, { registrationId: sent.registrationId, code: GOOD_CODE });
		expect(registered.member.email).toBe(email);
		clock.advance(30);
		const login = await sendLoginCode(context, { email, password: SQL_PASSWORD });
		await expect(completeLogin(context, { loginId: login.loginId, code: GOOD_CODE })).resolves.toHaveProperty(
			'sessionToken',
		);

		await expectOutcome(sendLoginCode(context, { email: SQL_ID, password: SQL_ID }), 'INVALID_INPUT');
		await expectOutcome(
			sendLoginCode(context, { email: `x${SQL_ID.replace(/ /g, '')}@example.com`, password: SQL_ID }),
			'INVALID_CREDENTIALS',
		);
		await expectOutcome(completeRegistration(context, { registrationId: SQL_ID, code: GOOD_CODE }), 'NOT_FOUND');
		await expectOutcome(completeLogin(context, { loginId: SQL_ID, code: GOOD_CODE }), 'NOT_FOUND');
		await expectOutcome(resendRegistrationCode(context, { registrationId: SQL_ID }), 'NOT_FOUND');
		await expectOutcome(approveMember(context, { memberId: SQL_ID }), 'NOT_FOUND');
		await expectOutcome(blockMember(context, { email: SQL_ID }), 'INVALID_INPUT');
		await expectOutcome(sendOtp(context, { phone: SQL_ID }), 'INVALID_PHONE');
		await expectOutcome(sendOtp(context, { phone, country: "US'; --" }), 'INVALID_PHONE');
		await expectOutcome(verifySession(context, { token: SQL_ID }), 'INVALID_SESSION');

		expect(await harness.count(TABLES.members, 'email = $1', [email])).toBe(1);
		expect(await harness.count(TABLES.members)).toBeGreaterThan(0);
		expect(await harness.count(TABLES.sessions)).toBe(2);
	});

	test.each([
		[
			'an email over 254 characters',
			(c: MemberFlowContext) =>
				sendRegistrationCode(c, {
					email: `${'a'.repeat(250)}@example.com`,
					password: 'long enough',
					phone: '+14155550100',
				}),
		],
		[
			'a password over 256 characters',
			(c: MemberFlowContext) =>
				sendRegistrationCode(c, { email: 'a@example.com', password: 'p'.repeat(257), phone: '+14155550100' }),
		],
		[
			'a login password over 256 characters',
			(c: MemberFlowContext) => sendLoginCode(c, { email: 'a@example.com', password: 'p'.repeat(1_000_000) }),
		],
		[
			'a login email over 254 characters',
			(c: MemberFlowContext) => sendLoginCode(c, { email: `${'a'.repeat(300)}@example.com`, password: 'x' }),
		],
		[
			'a registration id over 100 characters',
			(c: MemberFlowContext) => completeRegistration(c, { registrationId: 'r'.repeat(101), code: GOOD_CODE }),
		],
		[
			'a resend id over 100 characters',
			(c: MemberFlowContext) => resendRegistrationCode(c, { registrationId: 'r'.repeat(101) }),
		],
		[
			'a login id over 100 characters',
			(c: MemberFlowContext) => completeLogin(c, { loginId: 'l'.repeat(101), code: GOOD_CODE }),
		],
		['a code over 10 characters', (c: MemberFlowContext) => completeLogin(c, { loginId: 'l', code: '12345678901' })],
		[
			'a code that is not letters or digits',
			(c: MemberFlowContext) =>
				completeOtpLogin(c, { phone: '+14155550100', code: "1' OR '1" }, { mailDomain: 'example.com' }),
		],
		['a member id over 100 characters', (c: MemberFlowContext) => approveMember(c, { memberId: 'm'.repeat(101) })],
		[
			'a client IP that is not one',
			(c: MemberFlowContext) => sendOtp(c, { phone: '+14155550100', clientIp: 'x'.repeat(5000) }),
		],
		[
			'both a member id and an email',
			(c: MemberFlowContext) => blockMember(c, { memberId: 'm', email: 'a@example.com' } as never),
		],
	])('refuses %s with INVALID_INPUT before touching the store', async (_name, run) => {
		const { context, gateway } = harness.kit();
		const recorded = recordingStore(context.store);
		const error = await expectOutcome(run({ ...context, store: recorded.store }), 'INVALID_INPUT');
		expect(error.httpStatus).toBe(400);
		expect(recorded.calls).toEqual([]);
		expect(gateway.sends).toEqual([]);
	});

	test('no output or outcome carries a password, hash, code or secret', async () => {
		const { context } = harness.kit({ resendCooldownSeconds: 0 });
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

		const sent = await keep(sendRegistrationCode(context, { email, password, phone }));
		await keep(resendRegistrationCode(context, { registrationId: sent.registrationId }));
		await keepFailure(completeRegistration(context, { registrationId: sent.registrationId, code: '000000' }));
		const registered = await keep(
			completeRegistration(context, { registrationId: sent.registrationId, code: GOOD_CODE }),
		);
		await keepFailure(sendLoginCode(context, { email, password: 'the wrong one' }));
		const login = await keep(sendLoginCode(context, { email, password }));
		const session = await keep(completeLogin(context, { loginId: login.loginId, code: GOOD_CODE }));
		await keep(verifySession(context, { token: session.sessionToken }));
		await keep(sendOtp(context, { phone }));
		await keep(completeOtpLogin(context, { phone, code: GOOD_CODE }, { mailDomain: 'example.com' }));
		await keep(logout(context, { token: session.sessionToken }));
		await keepFailure(verifySession(context, { token: session.sessionToken }));
		await keep(blockMember(context, { memberId: registered.member.id }));
		await keep(approveMember(context, { email }));

		const storedHash = (await harness.store.findMemberByEmail(email))?.passwordHash ?? '';
		expect(storedHash).toMatch(/^scrypt\$/);
		expect(outputs).toHaveLength(17);
		expect(findSecrets(outputs, [password, storedHash, GOOD_CODE, SESSION_SECRET])).toEqual([]);
	});
});
