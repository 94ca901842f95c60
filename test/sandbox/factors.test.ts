/**
 * The sandbox's Entities, Factors and Challenges: validation and Twilio's error codes, what creating a factor does to
 * entities, challenge expiry, list filters, cascading deletes; and the Verify client's TotpGateway against it.
 */
import { VerifyClient } from '../../nodes/shared/core/verify/client';
import { OutcomeError } from '../../nodes/shared/core/errors';
import { api, control, createService, expectTwilioError, OTHER_ACCOUNT_SID, OTHER_ACCOUNT_TOKEN, basicAuth, sandbox, useSandbox, wrongCodeFor, type Json } from '../support/sandboxClient';

useSandbox();

const IDENTITY = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

async function newFactor(serviceSid: string, params: Record<string, string> = {}, identity = IDENTITY): Promise<Json> {
	const response = await api('POST', `/v2/Services/${serviceSid}/Entities/${identity}/Factors`, {
		FriendlyName: 'phone',
		FactorType: 'totp',
		...params,
	});
	expect(response.status).toBe(201);
	return response.body;
}

async function verifiedFactor(serviceSid: string): Promise<Json> {
	const factor = await newFactor(serviceSid);
	const verified = await api('POST', `/v2/Services/${serviceSid}/Entities/${IDENTITY}/Factors/${factor.sid}`, {
		AuthPayload: sandbox.totpCode(factor.sid) as string,
	});
	expect(verified.body.status).toBe('verified');
	return factor;
}

describe('entities', () => {
	it.each([
		['too short', 'abc-1234'.slice(0, 7)],
		['too long', 'a'.repeat(65)],
		['an underscore', 'member_0001'],
		['a leading dash', '-member0001'],
		['an email address', 'ann@example.com'],
	])('refuses an identity with %s: 400 / 60306', async (_label, identity) => {
		const service = await createService();
		expectTwilioError(await api('POST', `/v2/Services/${service.sid}/Entities`, { Identity: identity }), 400, 60306);
	});

	it('accepts 8 and 64 characters, refuses a duplicate with 409 / 60301, needs Identity (20001)', async () => {
		const service = await createService();
		const base = `/v2/Services/${service.sid}/Entities`;
		expect((await api('POST', base, { Identity: 'abcd1234' })).status).toBe(201);
		expect((await api('POST', base, { Identity: 'A1-'.repeat(21) + 'Z' })).status).toBe(201);
		expectTwilioError(await api('POST', base, { Identity: 'abcd1234' }), 409, 60301);
		expectTwilioError(await api('POST', base, {}), 400, 20001);
	});

	it('is created by the first factor of an identity, and deleting it removes its factors and challenges', async () => {
		const service = await createService();
		const factor = await verifiedFactor(service.sid);
		const entity = (await api('GET', `/v2/Services/${service.sid}/Entities/${IDENTITY}`)).body;
		expect(entity).toMatchObject({ identity: IDENTITY, sid: factor.entity_sid });
		const challenge = await api('POST', `/v2/Services/${service.sid}/Entities/${IDENTITY}/Challenges`, { FactorSid: factor.sid });
		expect(challenge.status).toBe(201);

		expect((await api('DELETE', `/v2/Services/${service.sid}/Entities/${IDENTITY}`)).status).toBe(204);
		expect(sandbox.totpCode(factor.sid)).toBeUndefined();
		expectTwilioError(await api('GET', `/v2/Services/${service.sid}/Entities/${IDENTITY}/Factors`), 404, 20404);
		const again = await newFactor(service.sid);
		expect(again.entity_sid).not.toBe(factor.entity_sid);
	});

	it('is invisible to another account and goes with its service', async () => {
		const service = await createService();
		await newFactor(service.sid);
		const path = `/v2/Services/${service.sid}/Entities/${IDENTITY}`;
		expectTwilioError(await api('GET', path, {}, basicAuth(OTHER_ACCOUNT_SID, OTHER_ACCOUNT_TOKEN)), 404, 20404);
		expect((await api('DELETE', `/v2/Services/${service.sid}`)).status).toBe(204);
		expect(sandbox.state.listEntities(sandbox.accountSid, (await createService()).sid)).toEqual([]);
	});
});

describe('factors', () => {
	it('takes Config.* and the service TOTP settings, and builds the URI from them', async () => {
		const service = await createService({ FriendlyName: 'Acme', 'Totp.Issuer': 'Acme Login', 'Totp.CodeLength': '8' });
		const factor = await newFactor(service.sid, { 'Config.TimeStep': '60', 'Config.Alg': 'sha256', 'Config.Skew': '0' });
		expect(factor.config).toEqual({ alg: 'sha256', skew: 0, code_length: 8, time_step: 60 });
		expect(factor.binding.uri).toMatch(/^otpauth:\/\/totp\/Acme%20Login:phone\?secret=\w+&issuer=Acme%20Login&algorithm=SHA256&digits=8&period=60$/);
		expect(sandbox.totpCode(factor.sid)).toMatch(/^\d{8}$/);
	});

	it.each([
		['FactorType push', { FactorType: 'push' }, 60306],
		['Config.TimeStep 10', { 'Config.TimeStep': '10' }, 60306],
		['Config.CodeLength 9', { 'Config.CodeLength': '9' }, 60306],
		['Config.Alg md5', { 'Config.Alg': 'md5' }, 60306],
		['a 65-character FriendlyName', { FriendlyName: 'x'.repeat(65) }, 60306],
		['no FriendlyName', { FriendlyName: '' }, 20001],
	])('refuses %s', async (_label, params, code) => {
		const service = await createService();
		const response = await api('POST', `/v2/Services/${service.sid}/Entities/${IDENTITY}/Factors`, {
			FriendlyName: 'phone',
			FactorType: 'totp',
			...params,
		});
		expectTwilioError(response, 400, code);
	});

	it('refuses a malformed AuthPayload with 60306, and keeps a verified factor verified whatever the code', async () => {
		const service = await createService();
		const factor = await verifiedFactor(service.sid);
		const path = `/v2/Services/${service.sid}/Entities/${IDENTITY}/Factors/${factor.sid}`;
		expectTwilioError(await api('POST', path, { AuthPayload: '12' }), 400, 60306);
		expectTwilioError(await api('POST', path, { AuthPayload: '123456789' }), 400, 60306);
		expect((await api('POST', path, { AuthPayload: '000000', FriendlyName: 'work phone' })).body).toMatchObject({
			status: 'verified',
			friendly_name: 'work phone',
		});
	});
});

describe('challenges', () => {
	it('refuses a challenge for an unverified factor with 403 / 60318', async () => {
		const service = await createService();
		const factor = await newFactor(service.sid);
		const response = await api('POST', `/v2/Services/${service.sid}/Entities/${IDENTITY}/Challenges`, {
			FactorSid: factor.sid,
			AuthPayload: sandbox.totpCode(factor.sid) as string,
		});
		expectTwilioError(response, 403, 60318);
	});

	it('expires a pending challenge after five minutes; answering it then is 403 / 60323', async () => {
		const service = await createService();
		const factor = await verifiedFactor(service.sid);
		const base = `/v2/Services/${service.sid}/Entities/${IDENTITY}/Challenges`;
		const pending = (await api('POST', base, { FactorSid: factor.sid })).body;
		expect(Date.parse(pending.expiration_date) - Date.parse(pending.date_created)).toBe(5 * 60 * 1000);
		sandbox.advanceTime(5 * 60 * 1000);
		expect((await api('GET', `${base}/${pending.sid}`)).body.status).toBe('expired');
		expectTwilioError(await api('POST', `${base}/${pending.sid}`, { AuthPayload: sandbox.totpCode(factor.sid) as string }), 403, 60323);
	});

	it('answers a pending challenge with a later code, and filters the list by factor and status', async () => {
		const service = await createService();
		const factor = await verifiedFactor(service.sid);
		const base = `/v2/Services/${service.sid}/Entities/${IDENTITY}/Challenges`;
		const code = sandbox.totpCode(factor.sid) as string;
		const first = (await api('POST', base, { FactorSid: factor.sid, AuthPayload: wrongCodeFor(code) })).body;
		const second = (await api('POST', base, { FactorSid: factor.sid, AuthPayload: code })).body;
		expect([first.status, second.status]).toEqual(['pending', 'approved']);
		expect((await api('POST', `${base}/${first.sid}`, { AuthPayload: code })).body.status).toBe('approved');
		const approved = await api('GET', base, { Status: 'approved', FactorSid: factor.sid, PageSize: '1' });
		expect(approved.body.challenges.map((challenge: Json) => challenge.sid)).toEqual([first.sid]);
		expect(approved.body.meta.next_page_url).toContain('Status=approved');
		expectTwilioError(await api('GET', base, { Status: 'done' }), 400, 60306);
		expectTwilioError(await api('POST', base, { FactorSid: 'YF123' }), 400, 60306);
		expectTwilioError(await api('POST', base, { FactorSid: 'YF' + '0'.repeat(32) }), 404, 20404);
	});

	it('the control route answers 400 without factor_sid and 404 for an unknown one', async () => {
		expect((await control('GET', '/__sandbox/totp-codes')).status).toBe(400);
		expect((await control('GET', `/__sandbox/totp-codes?factor_sid=YF${'0'.repeat(32)}`)).status).toBe(404);
	});
});

describe('the Verify client’s TotpGateway against the sandbox', () => {
	async function client(): Promise<VerifyClient> {
		return VerifyClient.create({ accountSid: sandbox.accountSid, authType: 'authToken', authToken: sandbox.authToken, baseUrl: sandbox.url });
	}

	it('enrolls, confirms, checks and removes an authenticator app', async () => {
		const verify = await client();
		const serviceSid = (await createService({ FriendlyName: 'Acme' })).sid;
		const created = await verify.createTotpFactor({ serviceSid, identity: IDENTITY, friendlyName: 'Ann' });
		expect(created).toEqual({ factorSid: expect.stringMatching(/^YF/), uri: expect.stringMatching(/^otpauth:\/\/totp\/Acme:Ann\?secret=/) });
		const ref = { serviceSid, identity: IDENTITY, factorSid: created.factorSid };
		const code = sandbox.totpCode(created.factorSid) as string;

		await expect(verify.checkTotpCode({ ...ref, code })).resolves.toBe(false); // not confirmed yet (60318)
		await expect(verify.confirmTotpFactor({ ...ref, code: wrongCodeFor(code) })).resolves.toBe(false);
		await expect(verify.confirmTotpFactor({ ...ref, code })).resolves.toBe(true);
		await expect(verify.checkTotpCode({ ...ref, code: wrongCodeFor(code) })).resolves.toBe(false);
		await expect(verify.checkTotpCode({ ...ref, code })).resolves.toBe(true);

		await verify.deleteTotpFactor(ref);
		await verify.deleteTotpFactor(ref);
		await expect(verify.checkTotpCode({ ...ref, code })).rejects.toBeInstanceOf(OutcomeError);
		await verify.deleteEntity({ serviceSid, identity: IDENTITY });
		await verify.deleteEntity({ serviceSid, identity: IDENTITY });
		expect(sandbox.state.listEntities(sandbox.accountSid, serviceSid)).toEqual([]);
	});

	it('keeps the secret out of the management outputs except the new factor’s uri', async () => {
		const verify = await client();
		const serviceSid = (await createService()).sid;
		const created = await verify.factors.createFactor(serviceSid, IDENTITY, 'phone', { codeLength: 8 });
		const secret = /secret=(\w+)/.exec(String(created.uri))?.[1] as string;
		expect(created).toMatchObject({ status: 'unverified', config: { codeLength: 8 } });
		expect(created).not.toHaveProperty('binding');
		const fetched = await verify.factors.getFactor(serviceSid, IDENTITY, String(created.sid));
		const listed = await verify.factors.listFactors(serviceSid, IDENTITY);
		expect(JSON.stringify([fetched, listed])).not.toContain(secret);
	});
});
