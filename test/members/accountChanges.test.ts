/** Phone change, log out everywhere and account deletion, on both backends. */
import { TABLES } from '../../nodes/shared/core/members';
import { BACKENDS } from '../support/memberBackends';
import { GOOD_CODE, WRONG_CODE } from '../support/fakeGateway';
import {
	type FlowKit,
	PASSWORD,
	expectOutcome,
	kitWithSignedInMember,
	nextIdentity,
	registerMember,
	registerPhoneOnlyMember,
	registerSignedInMember,
	useStore,
} from '../support/memberHarness';

async function secondSession(kit: FlowKit, email: string, password: string): Promise<string> {
	const { loginId } = await kit.members.login.sendCode({ email, password });
	const { sessionToken } = await kit.members.login.complete({ loginId, code: GOOD_CODE });
	kit.clock.advance(30);
	return sessionToken;
}

describe.each(BACKENDS)('phone change on $name', (backend) => {
	const harness = useStore(backend);

	test('the code goes to the new phone only; the change ends the other sessions and keeps this one', async () => {
		const { kit, member, token } = await kitWithSignedInMember(harness);
		const other = await secondSession(kit, member.email, member.password);
		const { phone: newPhone } = nextIdentity();

		const sendsBefore = kit.gateway.sends.length;
		const sent = await kit.members.account.sendPhoneChangeCode({ token, password: member.password, phone: newPhone, channel: 'call' });
		expect(sent).toEqual({
			changeId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
			to: `+1 ••• ••• ${newPhone.slice(-4)}`,
			channel: 'call',
		});
		expect(kit.gateway.sends.slice(sendsBefore)).toEqual([expect.objectContaining({ to: newPhone, channel: 'call' })]);

		await expectOutcome(kit.members.account.changePhone({ token, changeId: sent.changeId, code: WRONG_CODE }), 'INVALID_CODE');
		const changed = await kit.members.account.changePhone({ token, changeId: sent.changeId, code: GOOD_CODE });
		expect(changed).toEqual({ member: { ...member.result.member, phone: `+1 ••• ••• ${newPhone.slice(-4)}` } });
		expect((await harness.store.findMemberById(member.result.member.id))?.phone).toBe(newPhone);
		await expect(kit.members.sessions.verify({ token })).resolves.toHaveProperty('member');
		await expectOutcome(kit.members.sessions.verify({ token: other }), 'INVALID_SESSION');
		await expectOutcome(kit.members.account.changePhone({ token, changeId: sent.changeId, code: GOOD_CODE }), 'NOT_FOUND');

		// Login codes now go to the new phone, and the old phone is free.
		kit.clock.advance(30);
		await kit.members.login.sendCode({ email: member.email, password: member.password });
		expect(kit.gateway.sends.at(-1)?.to).toBe(newPhone);
		expect(await harness.store.findMemberByPhone(member.phone)).toBeUndefined();
	});

	test('members with a password must give it, and a wrong one is a counted guess', async () => {
		const { kit, member, token } = await kitWithSignedInMember(harness, { maxFailedLogins: 1 });
		const { phone } = nextIdentity();
		await expectOutcome(kit.members.account.sendPhoneChangeCode({ token, phone }), 'INVALID_INPUT');
		const caller = '203.0.113.92';
		await expectOutcome(kit.members.account.sendPhoneChangeCode({ token, password: 'wrong one', phone, forwardedFor: caller }), 'INVALID_CREDENTIALS');
		await expectOutcome(kit.members.account.sendPhoneChangeCode({ token, password: member.password, phone, forwardedFor: caller }), 'LOCKED');
		await expectOutcome(kit.members.account.sendPhoneChangeCode({ token: 'nonsense', password: member.password, phone }), 'INVALID_SESSION');
		await expectOutcome(kit.members.account.sendPhoneChangeCode({ token, password: member.password, phone: '123' }), 'INVALID_PHONE');
		await expectOutcome(kit.members.account.sendPhoneChangeCode({ token, password: member.password, phone: member.phone }), 'INVALID_INPUT');
	});

	test('a phone-only member changes phone without a password', async () => {
		const kit = harness.kit();
		const member = await registerPhoneOnlyMember(kit);
		const { phone } = nextIdentity();
		const { changeId } = await kit.members.account.sendPhoneChangeCode({ token: member.token, phone });
		await expect(kit.members.account.changePhone({ token: member.token, changeId, code: GOOD_CODE })).resolves.toMatchObject({
			member: { id: member.id },
		});
		expect((await harness.store.findMemberById(member.id))?.phone).toBe(phone);
	});

	test("a phone that is another member's is refused with one message, after the send was counted", async () => {
		const { kit, member, token } = await kitWithSignedInMember(harness, { maxSendsPerPhonePer10Min: 2 });
		const taken = await registerMember(kit);
		const refused = await expectOutcome(
			kit.members.account.sendPhoneChangeCode({ token, password: member.password, phone: taken.phone }),
			'ALREADY_REGISTERED',
		);
		expect(refused.httpStatus).toBe(409);
		// The registration send and this attempt used up the phone's two codes.
		kit.clock.advance(30);
		await expectOutcome(kit.members.account.sendPhoneChangeCode({ token, password: member.password, phone: taken.phone }), 'RATE_LIMITED');
	});

	test("another member's change id is not found, whatever the code", async () => {
		const kit = harness.kit();
		const alice = await registerSignedInMember(kit);
		const bob = await registerSignedInMember(kit);
		const { changeId } = await kit.members.account.sendPhoneChangeCode({
			token: alice.token,
			password: alice.password,
			phone: nextIdentity().phone,
		});
		await expectOutcome(kit.members.account.changePhone({ token: bob.token, changeId, code: GOOD_CODE }), 'NOT_FOUND');
	});

	test('two members racing for one phone: exactly one gets it, the other changes nothing', async () => {
		const kit = harness.kit();
		const alice = await registerSignedInMember(kit);
		const bob = await registerSignedInMember(kit);
		const { phone } = nextIdentity();
		const aliceChange = await kit.members.account.sendPhoneChangeCode({ token: alice.token, password: PASSWORD, phone });
		kit.clock.advance(30);
		const bobChange = await kit.members.account.sendPhoneChangeCode({ token: bob.token, password: PASSWORD, phone });

		const outcomes = await Promise.allSettled([
			kit.members.account.changePhone({ token: alice.token, changeId: aliceChange.changeId, code: GOOD_CODE }),
			kit.members.account.changePhone({ token: bob.token, changeId: bobChange.changeId, code: GOOD_CODE }),
		]);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
		const loser = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
		expect(loser.reason.code).toBe('ALREADY_REGISTERED');
		const phones = await Promise.all([alice, bob].map(async (who) => (await harness.store.findMemberById(who.result.member.id))?.phone));
		expect(phones.filter((owned) => owned === phone)).toHaveLength(1);
		expect(phones).toContain(outcomes[0].status === 'fulfilled' ? bob.phone : alice.phone);
		// The loser's change was rolled back whole: its challenge is still unused.
		expect(await harness.count(TABLES.challenges, "kind = 'phone_change' AND phone = $1 AND consumed_at IS NULL", [phone])).toBe(1);
	});
});

describe.each(BACKENDS)('log out everywhere on $name', (backend) => {
	const harness = useStore(backend);

	test('revokes every session of the member, counts them, and leaves other members alone', async () => {
		const kit = harness.kit();
		const member = await registerSignedInMember(kit);
		const someoneElse = await registerSignedInMember(kit);
		const tokens = [member.token, await secondSession(kit, member.email, member.password), await secondSession(kit, member.email, member.password)];
		const pending = await kit.members.login.sendCode({ email: member.email, password: member.password });

		await expect(kit.members.sessions.logoutAll({ token: `Bearer ${tokens[1]}` })).resolves.toEqual({ ok: true, ended: 3 });
		for (const token of tokens) await expectOutcome(kit.members.sessions.verify({ token }), 'INVALID_SESSION');
		await expectOutcome(kit.members.login.complete({ loginId: pending.loginId, code: GOOD_CODE }), 'NOT_FOUND');
		await expect(kit.members.sessions.verify({ token: someoneElse.token })).resolves.toHaveProperty('member');
		await expectOutcome(kit.members.sessions.logoutAll({ token: tokens[0] }), 'INVALID_SESSION');
	});
});

describe.each(BACKENDS)('account deletion on $name', (backend) => {
	const harness = useStore(backend);

	test('a wrong password is refused and changes nothing', async () => {
		const { kit, member, token } = await kitWithSignedInMember(harness);
		await expectOutcome(kit.members.account.delete({ token, password: 'not the password' }), 'INVALID_CREDENTIALS');
		await expectOutcome(kit.members.account.delete({ token }), 'INVALID_INPUT');
		await expectOutcome(kit.members.account.delete({ token: 'Bearer x', password: member.password }), 'INVALID_SESSION');
		await expect(kit.members.sessions.verify({ token })).resolves.toHaveProperty('member');
	});

	test('removes the member, their sessions and challenges; the email and phone register again', async () => {
		const { kit, member, token } = await kitWithSignedInMember(harness);
		const id = member.result.member.id;
		await secondSession(kit, member.email, member.password);
		await kit.members.login.sendCode({ email: member.email, password: member.password });
		await kit.members.account.sendPhoneChangeCode({ token, password: member.password, phone: nextIdentity().phone });
		expect(await harness.count(TABLES.sessions, 'member_id = $1', [id])).toBe(2);
		expect(await harness.count(TABLES.challenges, 'member_id = $1', [id])).toBe(3);

		await expect(kit.members.account.delete({ token, password: member.password })).resolves.toEqual({ ok: true });
		expect(await harness.count(TABLES.members, 'id = $1', [id])).toBe(0);
		expect(await harness.count(TABLES.sessions, 'member_id = $1', [id])).toBe(0);
		expect(await harness.count(TABLES.challenges, 'member_id = $1 OR phone = $2', [id, member.phone])).toBe(0);
		await expectOutcome(kit.members.sessions.verify({ token }), 'INVALID_SESSION');

		kit.clock.advance(30);
		const sent = await kit.members.registration.sendCode({ email: member.email, password: PASSWORD, phone: member.phone });
		const again = await kit.members.registration.complete({ registrationId: sent.registrationId, code: GOOD_CODE });
		expect(again.member).toMatchObject({ email: member.email, status: 'active' });
		expect(again.member.id).not.toBe(id);
	});

	test('a phone-only member confirms with a code sent by the passwordless send', async () => {
		const kit = harness.kit();
		const member = await registerPhoneOnlyMember(kit);
		await expectOutcome(kit.members.account.delete({ token: member.token, code: GOOD_CODE }), 'NOT_FOUND');
		await kit.members.passwordless.sendCode({ phone: member.phone });
		await expectOutcome(kit.members.account.delete({ token: member.token }), 'INVALID_INPUT');
		await expectOutcome(kit.members.account.delete({ token: member.token, code: WRONG_CODE }), 'INVALID_CODE');
		await expect(kit.members.account.delete({ token: member.token, code: GOOD_CODE })).resolves.toEqual({ ok: true });
		expect(await harness.store.findMemberByPhone(member.phone)).toBeUndefined();
		expect(await harness.count(TABLES.challenges, 'phone = $1', [member.phone])).toBe(0);
	});
});
