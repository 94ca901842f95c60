
import { ConfigurationError } from '../../nodes/shared/core/errors';
import {
	TABLES,
	approveMember,
	blockMember,
	completeOtpLogin,
	sendOtp,
	verifySession,
} from '../../nodes/shared/core/members';
import { BACKENDS } from './support/backends';
import { GOOD_CODE, WRONG_CODE } from './support/fakeGateway';
import { expectOutcome, nextIdentity, registerMember, useStore } from './support/harness';

const MAIL = { mailDomain: 'members.example.com' };

describe.each(BACKENDS)('passwordless OTP login on $name', (backend) => {
	const harness = useStore(backend);

	test('the first login creates the member, the second finds it', async () => {
		const { context, gateway, clock } = harness.kit();
		const { phone } = nextIdentity();
		const digits = phone.slice(1);

		await expect(sendOtp(context, { phone })).resolves.toEqual({ to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' });
		expect(gateway.sends).toEqual([{ serviceSid: context.serviceSid, to: phone, channel: 'sms' }]);
		const first = await completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL);
		expect(first).toEqual({
			member: {
				id: expect.any(String),
				email: `${digits}@members.example.com`,
				phone: `+1 ••• ••• ${phone.slice(-4)}`,
				status: 'active',
				createdAt: clock.now().toISOString(),
			},
			sessionToken: expect.any(String),
			expiresAt: expect.any(String),
			created: true,
		});
		expect((await harness.store.findMemberByPhone(phone))?.passwordHash).toBeNull();

		clock.advance(30);
		await sendOtp(context, { phone: `415-555-${phone.slice(-4)}`, country: 'us', channel: 'call' });
		const second = await completeOtpLogin(
			context,
			{ phone: `(415) 555 ${phone.slice(-4)}`, country: 'USA', code: GOOD_CODE },
			MAIL,
		);
		expect(second).toMatchObject({ member: first.member, created: false });
		expect(await verifySession(context, { token: (second as { sessionToken: string }).sessionToken })).toHaveProperty(
			'member',
			first.member,
		);
		expect(await harness.count(TABLES.members, 'phone = $1', [phone])).toBe(1);
	});

	test('a registered member logs in with their phone alone', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		await sendOtp(kit.context, { phone: member.phone });
		const login = await completeOtpLogin(kit.context, { phone: member.phone, code: GOOD_CODE }, MAIL);
		expect(login).toMatchObject({ member: member.result.member, created: false });
	});

	test('no code sent, wrong, expired, reused, and dead after five wrong codes', async () => {
		const { context, clock } = harness.kit();
		const { phone } = nextIdentity();
		await expectOutcome(completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL), 'NOT_FOUND');

		await sendOtp(context, { phone });
		await expectOutcome(completeOtpLogin(context, { phone, code: WRONG_CODE }, MAIL), 'INVALID_CODE');
		await completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL);
		await expectOutcome(completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL), 'NOT_FOUND');

		clock.advance(30);
		await sendOtp(context, { phone });
		clock.advance(10 * 60);
		await expectOutcome(completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL), 'EXPIRED');

		await sendOtp(context, { phone });
		for (let attempt = 1; attempt < 5; attempt++) {
			await expectOutcome(completeOtpLogin(context, { phone, code: WRONG_CODE }, MAIL), 'INVALID_CODE');
		}
		await expectOutcome(completeOtpLogin(context, { phone, code: WRONG_CODE }, MAIL), 'TOO_MANY_ATTEMPTS');
		await expectOutcome(completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL), 'TOO_MANY_ATTEMPTS');
	});

	test('a blocked member gets no code (403)', async () => {
		const kit = harness.kit();
		const member = await registerMember(kit);
		await blockMember(kit.context, { memberId: member.result.member.id });
		const error = await expectOutcome(sendOtp(kit.context, { phone: member.phone }), 'BLOCKED');
		expect(error.httpStatus).toBe(403);
		expect(kit.gateway.sendsTo(member.phone)).toHaveLength(1);
	});

	test('manual approval: a new phone member waits for approval, then logs in', async () => {
		const { context, clock } = harness.kit();
		const { phone } = nextIdentity();
		await sendOtp(context, { phone });
		const pending = await completeOtpLogin(context, { phone, code: GOOD_CODE }, { ...MAIL, approval: 'manual' });
		expect(pending).toEqual({
			member: expect.objectContaining({ status: 'pending_approval' }),
			created: true,
			pendingApproval: true,
		});

		clock.advance(30);
		await expectOutcome(sendOtp(context, { phone }), 'NOT_APPROVED');
		await approveMember(context, { email: pending.member.email });
		await sendOtp(context, { phone });
		await expect(
			completeOtpLogin(context, { phone, code: GOOD_CODE }, { ...MAIL, approval: 'manual' }),
		).resolves.toMatchObject({
			member: { status: 'active' },
			created: false,
			sessionToken: expect.any(String),
		});
	});

	test('two concurrent first logins make one member', async () => {
		const { context } = harness.kit({ resendCooldownSeconds: 0 });
		const { phone } = nextIdentity();
		await sendOtp(context, { phone });
		await sendOtp(context, { phone });
		const outcomes = await Promise.allSettled([
			completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL),
			completeOtpLogin(context, { phone, code: GOOD_CODE }, MAIL),
		]);
		const created = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.created] : []));
		expect(created.filter(Boolean)).toHaveLength(1);
		expect(await harness.count(TABLES.members, 'phone = $1', [phone])).toBe(1);
	});

	test('caps sends per client IP, independently of the phone', async () => {
		const { context } = harness.kit({ maxSendsPerIpPer10Min: 20 });
		for (let send = 0; send < 20; send++)
			await sendOtp(context, { phone: nextIdentity().phone, clientIp: '203.0.113.9' });
		const error = await expectOutcome(
			sendOtp(context, { phone: nextIdentity().phone, clientIp: '203.0.113.9' }),
			'RATE_LIMITED',
		);
		expect(error.retryAfterSeconds).toBe(600);
		await expect(sendOtp(context, { phone: nextIdentity().phone, clientIp: '2001:DB8::1' })).resolves.toHaveProperty(
			'to',
		);
	});

	test('caps sends per phone: five in ten minutes', async () => {
		const { context, clock } = harness.kit({ resendCooldownSeconds: 0, maxSendsPerPhonePer10Min: 5 });
		const { phone } = nextIdentity();
		for (let send = 0; send < 5; send++) await sendOtp(context, { phone });
		clock.advance(60);
		const error = await expectOutcome(sendOtp(context, { phone }), 'RATE_LIMITED');
		expect(error.retryAfterSeconds).toBe(540);
		clock.advance(540);
		await expect(sendOtp(context, { phone })).resolves.toHaveProperty('to');
	});

	test('a missing or malformed mail domain is a setup error', async () => {
		const { context } = harness.kit();
		const { phone } = nextIdentity();
		await expect(
			completeOtpLogin(context, { phone, code: GOOD_CODE }, { mailDomain: 'not a domain' }),
		).rejects.toBeInstanceOf(ConfigurationError);
	});
});
