/** Sessions stored only as hashes, and the resend cool-down ending once a code is used. */
import { createHash } from 'node:crypto';

import { TABLES } from '../../nodes/shared/core/members';
import { BACKENDS } from '../support/memberBackends';
import { GOOD_CODE } from '../support/fakeGateway';
import { expectOutcome, nextIdentity, PASSWORD, useStore } from '../support/memberHarness';

function sidOf(token: string): string {
	const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sid: string };
	return payload.sid;
}

describe.each(BACKENDS)('sessions and cool-downs on $name', (backend) => {
	const harness = useStore(backend);

	test('a session id is stored only as its sha256: the raw id from a token matches no row', async () => {
		const { members } = harness.kit();
		const identity = nextIdentity();
		const sent = await members.registration.sendCode({ ...identity, password: PASSWORD });
		const grant = await members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE });
		if (!('sessionToken' in grant)) throw new Error('expected a session');
		const sid = sidOf(grant.sessionToken);
		const hashed = createHash('sha256').update(sid).digest('hex');
		expect(await harness.count(TABLES.sessions, 'id = $1', [sid])).toBe(0);
		expect(await harness.count(TABLES.sessions, 'id = $1', [hashed])).toBe(1);
		await expect(members.sessions.verify({ token: grant.sessionToken })).resolves.toMatchObject({
			session: { id: hashed },
		});
	});

	test('register, then log in at once: the used registration code ended the cool-down', async () => {
		const { members } = harness.kit();
		const identity = nextIdentity();
		const sent = await members.registration.sendCode({ ...identity, password: PASSWORD });
		await members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE });
		const login = await members.login.sendCode({ email: identity.email, password: PASSWORD });
		await expect(members.login.complete({ loginId: login.loginId, code: GOOD_CODE })).resolves.toHaveProperty(
			'sessionToken',
		);
	});

	test('the 10-minute cap still counts sends whose codes were used', async () => {
		const { members } = harness.kit({ maxSendsPerPhonePer10Min: 2 });
		const identity = nextIdentity();
		const sent = await members.registration.sendCode({ ...identity, password: PASSWORD });
		await members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE });
		const login = await members.login.sendCode({ email: identity.email, password: PASSWORD });
		await members.login.complete({ loginId: login.loginId, code: GOOD_CODE });
		const error = await expectOutcome(members.login.sendCode({ email: identity.email, password: PASSWORD }), 'RATE_LIMITED');
		expect(error.retryAfterSeconds).toBeGreaterThan(500);
	});

	test('a pending, unused code still holds the cool-down', async () => {
		const { members } = harness.kit();
		const identity = nextIdentity();
		const sent = await members.registration.sendCode({ ...identity, password: PASSWORD });
		const error = await expectOutcome(members.registration.resendCode({ registrationId: sent.registrationId }), 'RATE_LIMITED');
		expect(error.retryAfterSeconds).toBe(30);
	});
});

describe.each(BACKENDS)('a login racing a password reset on $name', (backend) => {
	const harness = useStore(backend);

	test('a login whose password was replaced before its code went out is refused, and stores no challenge', async () => {
		const kit = harness.kit();
		const identity = nextIdentity();
		const sent = await kit.members.registration.sendCode({ ...identity, password: PASSWORD });
		await kit.members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE });
		const store = harness.store;
		// A reset commits between the password check and the login challenge: seen here as the hash changing just
		// before the login's transaction locks the member row.
		const bound = <T extends object>(target: T, name: string | symbol) => {
			const value = Reflect.get(target, name, target);
			return typeof value === 'function' ? value.bind(target) : value;
		};
		const racingTx = (tx: object) =>
			new Proxy(tx, {
				get: (target, name) =>
					name === 'lockMember'
						? async (id: string) => {
								await (target as typeof store).updatePasswordHash(id, 'argon2id$v=19,m=19456,t=2,p=1$AAAA$BBBB');
								return (target as typeof store).lockMember(id);
							}
						: bound(target, name),
			});
		const racing = new Proxy(store, {
			get: (target, name) =>
				name === 'transaction'
					? <T>(work: (tx: never) => Promise<T>) => target.transaction((tx) => work(racingTx(tx) as never))
					: bound(target, name),
		});
		const before = await harness.count(TABLES.challenges, "kind = 'login'");
		await expectOutcome(
			kit.with({ store: racing }).login.sendCode({ email: identity.email, password: PASSWORD }),
			'INVALID_CREDENTIALS',
		);
		expect(await harness.count(TABLES.challenges, "kind = 'login'")).toBe(before);
	});
});
