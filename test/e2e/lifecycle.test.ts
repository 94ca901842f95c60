/**
 * The member lifecycle rows of the webhook contract (README, "The webhook backend"), over HTTP against a real n8n:
 * password reset, password and phone changes, log out everywhere, account deletion, and the admin API behind n8n's
 * Header Auth.
 */
import { memberClient, phoneSequence, useSampleBackend } from '../support/sampleBackend';

const sample = useSampleBackend();
const call = memberClient(() => sample.backend.webhookUrl);
const newPhone = phoneSequence(8000);
const { code } = sample;
const PASSWORD = 'a long and unusual passphrase';
const NEW_PASSWORD = 'another long unusual passphrase';

async function member(email: string) {
	const phone = newPhone();
	const sent = await call('POST', 'register/send-code', { email, password: PASSWORD, phone });
	const done = await call('POST', 'register', { registrationId: sent.body.registrationId, code: code(phone) });
	expect(done.status).toBe(201);
	return { email, phone, token: done.body.sessionToken as string, id: done.body.member.id as string };
}

const errorCode = (answer: { body: { error?: { code?: string } } }) => answer.body?.error?.code;

describe('password reset', () => {
	it('resets with a code to the phone on file, ends every session and does not log in', async () => {
		const alice = await member('reset-alice@example.com');
		const sent = await call('POST', 'password/reset/send-code', { email: alice.email });
		expect(sent).toEqual({ status: 200, body: { resetId: expect.any(String) } });
		const done = await call('POST', 'password/reset', { resetId: sent.body.resetId, code: code(alice.phone), newPassword: NEW_PASSWORD });
		expect(done).toEqual({ status: 200, body: { ok: true } });
		expect((await call('GET', 'me', undefined, alice.token)).status).toBe(401);
		expect((await call('POST', 'login/send-code', { email: alice.email, password: PASSWORD })).status).toBe(401);
		expect((await call('POST', 'login/send-code', { email: alice.email, password: NEW_PASSWORD })).status).toBe(200);
		// Used once.
		const again = await call('POST', 'password/reset', { resetId: sent.body.resetId, code: code(alice.phone), newPassword: PASSWORD });
		expect(again.status).toBeGreaterThanOrEqual(400);
	});

	it('answers an unknown email exactly like a known one, and its resetId never works', async () => {
		const known = await call('POST', 'password/reset/send-code', { email: (await member('reset-known@example.com')).email });
		const unknown = await call('POST', 'password/reset/send-code', { email: 'reset-nobody@example.com' });
		expect(unknown.status).toBe(known.status);
		expect(Object.keys(unknown.body)).toEqual(Object.keys(known.body));
		const tried = await call('POST', 'password/reset', { resetId: unknown.body.resetId, code: '123456', newPassword: NEW_PASSWORD });
		expect(tried).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CODE' } } });
	});

	it('refuses a weak new password and a wrong code', async () => {
		const bob = await member('reset-bob@example.com');
		const sent = await call('POST', 'password/reset/send-code', { email: bob.email });
		const weak = await call('POST', 'password/reset', { resetId: sent.body.resetId, code: code(bob.phone), newPassword: 'password' });
		expect(weak).toMatchObject({ status: 400, body: { error: { code: 'WEAK_PASSWORD' } } });
		const wrong = await call('POST', 'password/reset', { resetId: sent.body.resetId, code: code(bob.phone) === '000000' ? '111111' : '000000', newPassword: NEW_PASSWORD });
		expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CODE' } } });
	});
});

describe('account changes', () => {
	it('changes the password with the current one, ending the other sessions', async () => {
		const carol = await member('change-carol@example.com');
		const refused = await call('POST', 'password/change', { currentPassword: 'not it at all', newPassword: NEW_PASSWORD }, carol.token);
		expect(refused).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
		expect(await call('POST', 'password/change', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, carol.token)).toEqual({
			status: 200,
			body: { ok: true },
		});
		expect((await call('POST', 'login/send-code', { email: carol.email, password: NEW_PASSWORD })).status).toBe(200);
	});

	it('changes the phone with a code sent to the new phone; a taken phone is refused', async () => {
		const dave = await member('phone-dave@example.com');
		const erin = await member('phone-erin@example.com');
		const taken = await call('POST', 'phone/change/send-code', { password: PASSWORD, phone: erin.phone }, dave.token);
		expect(taken).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_REGISTERED' } } });
		const newNumber = newPhone();
		const sent = await call('POST', 'phone/change/send-code', { password: PASSWORD, phone: newNumber }, dave.token);
		expect(sent).toMatchObject({ status: 200, body: { changeId: expect.any(String), to: `+1 ••• ••• ${newNumber.slice(-4)}` } });
		const changed = await call('POST', 'phone/change', { changeId: sent.body.changeId, code: code(newNumber) }, dave.token);
		expect(changed).toMatchObject({ status: 200, body: { member: { phone: `+1 ••• ••• ${newNumber.slice(-4)}` } } });
	});

	it('logs out everywhere and deletes the account, freeing its email and phone', async () => {
		const frank = await member('delete-frank@example.com');
		const second = await call('POST', 'login/send-code', { email: frank.email, password: PASSWORD });
		const secondToken = (await call('POST', 'login', { loginId: second.body.loginId, code: code(frank.phone) })).body.sessionToken;
		expect(await call('POST', 'logout/all', undefined, secondToken)).toEqual({ status: 200, body: { ok: true, ended: 2 } });
		expect((await call('GET', 'me', undefined, frank.token)).status).toBe(401);

		const third = await call('POST', 'login/send-code', { email: frank.email, password: PASSWORD });
		const token = (await call('POST', 'login', { loginId: third.body.loginId, code: code(frank.phone) })).body.sessionToken;
		expect(errorCode(await call('POST', 'account/delete', { password: 'wrong guess here' }, token))).toBe('INVALID_CREDENTIALS');
		expect(await call('POST', 'account/delete', { password: PASSWORD }, token)).toEqual({ status: 200, body: { ok: true } });
		expect((await call('GET', 'me', undefined, token)).status).toBe(401);
		const again = await call('POST', 'register/send-code', { email: frank.email, password: PASSWORD, phone: frank.phone });
		expect(again.status).toBe(200);
	});

	it('refuses every account change without a valid session', async () => {
		for (const [path, body] of [
			['password/change', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
			['phone/change/send-code', { password: PASSWORD, phone: newPhone() }],
			['phone/change', { changeId: 'x', code: '123456' }],
			['logout/all', undefined],
			['account/delete', { password: PASSWORD }],
		] as const) {
			expect(await call('POST', path, body, 'not.a.token')).toMatchObject({ status: 401, body: { error: { code: 'INVALID_SESSION' } } });
		}
	});
});

describe('admin API behind Header Auth', () => {
	const asAdmin = () => ({ [sample.backend.admin.header]: sample.backend.admin.key });

	it('refuses requests without the header, or with a wrong value, before the workflow runs', async () => {
		expect((await call('GET', 'admin/members')).status).toBeGreaterThanOrEqual(401);
		expect((await call('GET', 'admin/members', undefined, undefined, { [sample.backend.admin.header]: 'wrong' })).status).toBeGreaterThanOrEqual(401);
		expect((await call('POST', 'admin/members/block', { email: 'x@example.com' })).status).toBeGreaterThanOrEqual(401);
	});

	it('lists members by status and text, pages with a cursor, approves and blocks', async () => {
		const grace = await member('admin-grace@example.com');
		const listed = await call('GET', 'admin/members?q=admin-grace&status=active', undefined, undefined, asAdmin());
		expect(listed).toMatchObject({ status: 200, body: { members: [expect.objectContaining({ email: grace.email })] } });
		const firstPage = await call('GET', 'admin/members?limit=1', undefined, undefined, asAdmin());
		expect(firstPage.body.members).toHaveLength(1);
		const nextPage = await call('GET', `admin/members?limit=1&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`, undefined, undefined, asAdmin());
		expect(nextPage.body.members[0].id).not.toBe(firstPage.body.members[0].id);

		const blocked = await call('POST', 'admin/members/block', { email: grace.email }, undefined, asAdmin());
		expect(blocked).toMatchObject({ status: 200, body: { member: { status: 'blocked' } } });
		expect((await call('GET', 'me', undefined, grace.token)).status).toBe(401);
		const approved = await call('POST', 'admin/members/approve', { memberId: grace.id }, undefined, asAdmin());
		expect(approved).toMatchObject({ status: 200, body: { member: { status: 'active' } } });
		expect(await call('POST', 'admin/members/approve', { email: 'admin-nobody@example.com' }, undefined, asAdmin())).toMatchObject({
			status: 404,
			body: { error: { code: 'NOT_FOUND' } },
		});
	});
});
