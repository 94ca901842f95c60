
import { ConfigurationError } from '../../nodes/shared/core/errors';
import {
	TABLES,
} from '../../nodes/shared/core/members';
import { BACKENDS } from '../support/memberBackends';
import { GOOD_CODE, WRONG_CODE, SERVICE_SID } from '../support/fakeGateway';
import { expectOutcome, memberLockedByWrongPasswords, nextIdentity, registerMember, useStore } from '../support/memberHarness';

const MAIL = { mailDomain: 'members.example.com' };

describe.each(BACKENDS)('passwordless OTP login on $name', (backend) => {
	const harness = useStore(backend);

	test('the first login creates the member, the second finds it', async () => {
		const { members, gateway, clock } = harness.kit();
		const { phone } = nextIdentity();
		const digits = phone.slice(1);

		await expect(members.passwordless.sendCode({ phone })).resolves.toEqual({ to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' });
		expect(gateway.sends).toEqual([{ serviceSid: SERVICE_SID, to: phone, channel: 'sms' }]);
		const first = await members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL);
		expect(first).toEqual({
			member: {
				id: expect.any(String),
				email: `${digits}@members.example.com`,
				phone: `+1 ••• ••• ${phone.slice(-4)}`,
				status: 'active',
				createdAt: clock.now().toISOString(),
				factors: ['sms'],
			},
			sessionToken: expect.any(String),
			expiresAt: expect.any(String),
			created: true,
		});
		expect((await harness.store.findMemberByPhone(phone))?.passwordHash).toBeNull();

		clock.advance(30);
		await members.passwordless.sendCode({ phone: `415-555-${phone.slice(-4)}`, country: 'us', channel: 'call' });
		const second = await members.passwordless.complete({ phone: `(415) 555 ${phone.slice(-4)}`, country: 'USA', code: GOOD_CODE },
			MAIL,
		);
		expect(second).toMatchObject({ member: first.member, created: false });
		expect(await members.sessions.verify({ token: (second as { sessionToken: string }).sessionToken })).toHaveProperty(
			'member',
			first.member,
		);
		expect(await harness.count(TABLES.members, 'phone = $1', [phone])).toBe(1);
	});

	test('a member with a password gets PASSWORD_REQUIRED, not a session, and the code is used up', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		await kit.members.passwordless.sendCode({ phone: member.phone });
		const error = await expectOutcome(
			kit.members.passwordless.complete({ phone: member.phone, code: GOOD_CODE }, MAIL),
			'PASSWORD_REQUIRED',
		);
		expect(error.httpStatus).toBe(403);
		expect(error.message).toMatch(/email address and password/);
		await expectOutcome(kit.members.passwordless.complete({ phone: member.phone, code: GOOD_CODE }, MAIL), 'NOT_FOUND');
		// The refused code ended the cool-down: the member can go straight to the password login.
		await expect(kit.members.login.sendCode({ email: member.email, password: member.password })).resolves.toHaveProperty(
			'loginId',
		);
	});

	test('a wrong code for a member with a password says INVALID_CODE, like for anyone', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		await kit.members.passwordless.sendCode({ phone: member.phone });
		await expectOutcome(kit.members.passwordless.complete({ phone: member.phone, code: WRONG_CODE }, MAIL), 'INVALID_CODE');
	});

	test('with the workflow option on, a member with a password logs in with their phone alone', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		await kit.members.passwordless.sendCode({ phone: member.phone });
		const options = { ...MAIL, allowPasswordMembers: true };
		const login = await kit.members.passwordless.complete({ phone: member.phone, code: GOOD_CODE }, options);
		expect(login).toMatchObject({ member: member.result.member, created: false, sessionToken: expect.any(String) });
	});

	test('log in, log out and log in again at once: a used code ends the cool-down', async () => {
		const { members } = harness.kit();
		const { phone } = nextIdentity();
		await members.passwordless.sendCode({ phone });
		const first = await members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL);
		await members.sessions.logout({ token: (first as { sessionToken: string }).sessionToken });
		await members.passwordless.sendCode({ phone });
		await expect(members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL)).resolves.toMatchObject({
			created: false,
			sessionToken: expect.any(String),
		});
		// An unused code still holds the cool-down.
		await members.passwordless.sendCode({ phone });
		await expectOutcome(members.passwordless.sendCode({ phone }), 'RATE_LIMITED');
	});

	test('no code sent, wrong, expired, reused, and dead after five wrong codes', async () => {
		const { members, clock } = harness.kit();
		const { phone } = nextIdentity();
		await expectOutcome(members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL), 'NOT_FOUND');

		await members.passwordless.sendCode({ phone });
		await expectOutcome(members.passwordless.complete({ phone, code: WRONG_CODE }, MAIL), 'INVALID_CODE');
		await members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL);
		await expectOutcome(members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL), 'NOT_FOUND');

		clock.advance(30);
		await members.passwordless.sendCode({ phone });
		clock.advance(10 * 60);
		await expectOutcome(members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL), 'EXPIRED');

		await members.passwordless.sendCode({ phone });
		for (let attempt = 1; attempt < 5; attempt++) {
			await expectOutcome(members.passwordless.complete({ phone, code: WRONG_CODE }, MAIL), 'INVALID_CODE');
		}
		await expectOutcome(members.passwordless.complete({ phone, code: WRONG_CODE }, MAIL), 'TOO_MANY_ATTEMPTS');
		await expectOutcome(members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL), 'TOO_MANY_ATTEMPTS');
	});

	test('a blocked member learns it only after a correct code (403), and gets no session', async () => {
		const kit = harness.kit();
		const { phone } = nextIdentity();
		await kit.members.passwordless.sendCode({ phone });
		const first = await kit.members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL);
		await kit.members.admin.block({ memberId: first.member.id });
		// The send answers as for any phone: a stranger cannot tell blocked phones from others.
		await expect(kit.members.passwordless.sendCode({ phone })).resolves.toHaveProperty('to');
		await expectOutcome(kit.members.passwordless.complete({ phone, code: WRONG_CODE }, MAIL), 'INVALID_CODE');
		const error = await expectOutcome(kit.members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL), 'BLOCKED');
		expect(error.httpStatus).toBe(403);
	});

	test('a member whose email is locked by wrong passwords gets LOCKED after a correct code, with the wait', async () => {
		const { kit, member } = await memberLockedByWrongPasswords(harness, ['wrong one', 'wrong two']);
		await kit.members.passwordless.sendCode({ phone: member.phone });
		const options = { ...MAIL, allowPasswordMembers: true };
		const error = await expectOutcome(kit.members.passwordless.complete({ phone: member.phone, code: GOOD_CODE }, options), 'LOCKED');
		expect(error.retryAfterSeconds).toBe(3600);
		expect(error.message).toMatch(/60 minutes/);
	});

	test('manual approval: a new phone member waits for approval, then logs in', async () => {
		const { members, clock } = harness.kit();
		const { phone } = nextIdentity();
		await members.passwordless.sendCode({ phone });
		const pending = await members.passwordless.complete({ phone, code: GOOD_CODE }, { ...MAIL, approval: 'manual' });
		expect(pending).toEqual({
			member: expect.objectContaining({ status: 'pending_approval' }),
			created: true,
			pendingApproval: true,
		});

		clock.advance(30);
		await members.passwordless.sendCode({ phone });
		await expectOutcome(members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL), 'NOT_APPROVED');
		await members.admin.approve({ email: pending.member.email });
		await members.passwordless.sendCode({ phone });
		await expect(
			members.passwordless.complete({ phone, code: GOOD_CODE }, { ...MAIL, approval: 'manual' }),
		).resolves.toMatchObject({
			member: { status: 'active' },
			created: false,
			sessionToken: expect.any(String),
		});
	});

	test('two concurrent first logins make one member', async () => {
		const { members } = harness.kit({ resendCooldownSeconds: 0 });
		const { phone } = nextIdentity();
		await members.passwordless.sendCode({ phone });
		await members.passwordless.sendCode({ phone });
		const outcomes = await Promise.allSettled([
			members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL),
			members.passwordless.complete({ phone, code: GOOD_CODE }, MAIL),
		]);
		const created = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.created] : []));
		expect(created.filter(Boolean)).toHaveLength(1);
		expect(await harness.count(TABLES.members, 'phone = $1', [phone])).toBe(1);
	});

	test('caps sends per client IP, whatever the caller writes to the left of the proxy\'s entry', async () => {
		const { members } = harness.kit({ maxSendsPerIpPer10Min: 20 });
		// One client behind one trusted proxy, forging a different left-most address each time.
		const forged = (n: number) => `10.${n}.${n}.${n}, 203.0.113.9`;
		for (let send = 0; send < 20; send++) await members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: forged(send) });
		const error = await expectOutcome(
			members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: forged(99) }),
			'RATE_LIMITED',
		);
		expect(error.retryAfterSeconds).toBe(600);
		await expect(members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: '2001:DB8::1' })).resolves.toHaveProperty(
			'to',
		);
	});

	test('counts IPv6 callers by their /64', async () => {
		const { members } = harness.kit({ maxSendsPerIpPer10Min: 2 });
		await members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: '2001:db8:aa:1::1' });
		await members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: '2001:db8:aa:1:ffff::2' });
		await expectOutcome(
			members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: '2001:db8:aa:1:1234:5678:9abc:def0' }),
			'RATE_LIMITED',
		);
		await expect(members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: '2001:db8:aa:2::1' })).resolves.toHaveProperty('to');
	});

	test('the store-wide hourly budget stops a many-phone, many-address flood', async () => {
		const { members } = harness.kit({ maxSendsPerHour: 3 });
		// Other tests share this store's budget counter: start from a clean one.
		await harness.store.resetCounter('sends:all');
		for (let send = 0; send < 3; send++) {
			await members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: `198.51.100.${send}` });
		}
		const error = await expectOutcome(
			members.passwordless.sendCode({ phone: nextIdentity().phone, forwardedFor: '198.51.100.99' }),
			'RATE_LIMITED',
		);
		expect(error.retryAfterSeconds).toBeGreaterThan(3500);
		await harness.store.resetCounter('sends:all');
	});

	test('sends only to allowed countries and by allowed channels, before anything is counted', async () => {
		const { members, gateway } = harness.kit({ allowedCountries: ['GB'], allowedChannels: ['sms'] });
		await expectOutcome(members.passwordless.sendCode({ phone: nextIdentity().phone }), 'COUNTRY_NOT_ALLOWED');
		await expectOutcome(members.passwordless.sendCode({ phone: '+442079460123', channel: 'call' }), 'CHANNEL_UNAVAILABLE');
		await expect(members.passwordless.sendCode({ phone: '+442079460123' })).resolves.toHaveProperty('to');
		expect(gateway.sends).toHaveLength(1);
	});

	test('caps sends per phone: five in ten minutes', async () => {
		const { members, clock } = harness.kit({ resendCooldownSeconds: 0, maxSendsPerPhonePer10Min: 5 });
		const { phone } = nextIdentity();
		for (let send = 0; send < 5; send++) await members.passwordless.sendCode({ phone });
		clock.advance(60);
		const error = await expectOutcome(members.passwordless.sendCode({ phone }), 'RATE_LIMITED');
		expect(error.retryAfterSeconds).toBe(540);
		clock.advance(540);
		await expect(members.passwordless.sendCode({ phone })).resolves.toHaveProperty('to');
	});

	test('a missing or malformed mail domain is a setup error', async () => {
		const { members } = harness.kit();
		const { phone } = nextIdentity();
		await expect(
			members.passwordless.complete({ phone, code: GOOD_CODE }, { mailDomain: 'not a domain' }),
		).rejects.toBeInstanceOf(ConfigurationError);
	});
});
