/**
 * The sandbox over real HTTP: authentication, services and pagination (with the official twilio SDK).
 */
import { Twilio } from 'twilio';

import { API_KEY_SECRET, API_KEY_SID, OTHER_ACCOUNT_SID, OTHER_ACCOUNT_TOKEN, PHONE, api, basicAuth, createService, expectTwilioError, parse, sandbox, sendCode, useSandbox, type ApiResponse, type Json } from '../support/sandboxClient';

useSandbox();

describe('authentication', () => {
	it('accepts the account SID and auth token', async () => {
		const response = await api('GET', '/v2/Services');
		expect(response.status).toBe(200);
	});

	it('accepts an API key SID and secret, acting for the key’s account', async () => {
		const service = await createService();
		const response = await api('GET', '/v2/Services', {}, basicAuth(API_KEY_SID, API_KEY_SECRET));
		expect(response.status).toBe(200);
		expect(response.body.services.map((s: Json) => s.sid)).toEqual([service.sid]);
	});

	it.each([
		['a wrong auth token', basicAuth('AC' + 'a'.repeat(32), 'wrong-token')],
		['an unknown account', basicAuth('AC' + 'd'.repeat(32), 'sandbox-auth-token')],
		['a wrong API key secret', basicAuth(API_KEY_SID, 'wrong-secret')],
		['no Authorization header', ''],
		['a bearer token', 'Bearer abc'],
	])('answers 401 / 20003 for %s', async (_label, authorization) => {
		const response = await api('GET', '/v2/Services', {}, authorization);
		expectTwilioError(response, 401, 20003, 'Authenticate');
		expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
	});

	it('keeps accounts apart: another account cannot see or use a service', async () => {
		const service = await createService();
		const otherAccount = basicAuth(OTHER_ACCOUNT_SID, OTHER_ACCOUNT_TOKEN);
		expect((await api('GET', '/v2/Services', {}, otherAccount)).body.services).toEqual([]);
		expectTwilioError(await api('GET', `/v2/Services/${service.sid}`, {}, otherAccount), 404, 20404);
	});
});

describe('services', () => {
	it('creates a service with defaults and Twilio-shaped fields', async () => {
		const service = await createService({ FriendlyName: 'My App' });
		expect(service.sid).toMatch(/^VA[0-9a-f]{32}$/);
		expect(service).toMatchObject({
			account_sid: sandbox.accountSid,
			friendly_name: 'My App',
			code_length: 6,
			custom_code_enabled: false,
			psd2_enabled: false,
			url: `${sandbox.url}/v2/Services/${service.sid}`,
		});
		expect(service.links.verifications).toBe(`${sandbox.url}/v2/Services/${service.sid}/Verifications`);
		expect(service.links.rate_limits).toBe(`${sandbox.url}/v2/Services/${service.sid}/RateLimits`);
		expect(service.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	it('stores and echoes every optional setting', async () => {
		const service = await createService({
			CodeLength: '8',
			LookupEnabled: 'true',
			SkipSmsToLandlines: 'true',
			DtmfInputRequired: 'true',
			TtsName: 'alice',
			Psd2Enabled: 'true',
			DoNotShareWarningEnabled: 'true',
			CustomCodeEnabled: 'true',
			'Push.IncludeDate': 'true',
			'Push.ApnCredentialSid': 'CR' + '1'.repeat(32),
			'Totp.Issuer': 'Issuer',
			'Totp.TimeStep': '45',
			'Totp.CodeLength': '8',
			'Totp.Skew': '2',
			DefaultTemplateSid: 'HJ' + '2'.repeat(32),
			'Whatsapp.MsgServiceSid': 'MG' + '3'.repeat(32),
			'Whatsapp.From': 'whatsapp:+15550001111',
			'Passkeys.RelyingParty.Id': 'example.com',
			'Passkeys.RelyingParty.Origins': 'example.com, login.example.com',
			VerifyEventSubscriptionEnabled: 'true',
		});
		expect(service).toMatchObject({
			code_length: 8,
			lookup_enabled: true,
			skip_sms_to_landlines: true,
			dtmf_input_required: true,
			tts_name: 'alice',
			psd2_enabled: true,
			do_not_share_warning_enabled: true,
			custom_code_enabled: true,
			push: { include_date: true, apn_credential_sid: 'CR' + '1'.repeat(32), fcm_credential_sid: null },
			totp: { issuer: 'Issuer', time_step: 45, code_length: 8, skew: 2 },
			default_template_sid: 'HJ' + '2'.repeat(32),
			whatsapp: { msg_service_sid: 'MG' + '3'.repeat(32), from: 'whatsapp:+15550001111' },
			passkeys: { relying_party: { id: 'example.com', name: null, origins: ['example.com', 'login.example.com'] } },
			verify_event_subscription_enabled: true,
		});
	});

	it('fetches, updates and deletes a service', async () => {
		const service = await createService();
		expect((await api('GET', `/v2/Services/${service.sid}`)).body).toEqual(service);

		sandbox.advanceTime(5000);
		const updated = await api('POST', `/v2/Services/${service.sid}`, { FriendlyName: 'Renamed', CodeLength: '4' });
		expect(updated.status).toBe(200);
		expect(updated.body).toMatchObject({ sid: service.sid, friendly_name: 'Renamed', code_length: 4 });
		expect(updated.body.date_updated).not.toBe(service.date_updated);
		expect(updated.body.date_created).toBe(service.date_created);

		const deleted = await fetch(`${sandbox.url}/v2/Services/${service.sid}`, {
			method: 'DELETE',
			headers: { Authorization: basicAuth(sandbox.accountSid, sandbox.authToken) },
		});
		expect(deleted.status).toBe(204);
		expect(await deleted.text()).toBe('');
		expectTwilioError(
			await api('GET', `/v2/Services/${service.sid}`),
			404,
			20404,
			`The requested resource /Services/${service.sid} was not found`,
		);
	});

	it('requires FriendlyName on create', async () => {
		expectTwilioError(
			await api('POST', '/v2/Services', {}),
			400,
			20001,
			'Missing required parameter FriendlyName in the post body',
		);
	});

	it.each(['3', '11', 'six', '4.5'])('rejects CodeLength=%s with 60200', async (codeLength) => {
		expectTwilioError(
			await api('POST', '/v2/Services', { FriendlyName: 'x', CodeLength: codeLength }),
			400,
			60200,
			'Invalid parameter: CodeLength',
		);
	});

	it('rejects a bad update without changing anything', async () => {
		const service = await createService();
		const response = await api('POST', `/v2/Services/${service.sid}`, { FriendlyName: 'Renamed', CodeLength: '12' });
		expectTwilioError(response, 400, 60200, 'Invalid parameter: CodeLength');
		expect((await api('GET', `/v2/Services/${service.sid}`)).body.friendly_name).toBe('Test Service');
	});

	it('generates codes of the configured length', async () => {
		for (const codeLength of ['4', '10']) {
			const service = await createService({ CodeLength: codeLength });
			expect((await sendCode(service.sid)).status).toBe(201);
			expect(sandbox.lastCode(PHONE, service.sid)).toMatch(new RegExp(`^\\d{${codeLength}}$`));
		}
	});

	it('only reads form-encoded bodies, like Twilio (JSON carries no parameters)', async () => {
		const response = await fetch(`${sandbox.url}/v2/Services`, {
			method: 'POST',
			headers: {
				Authorization: basicAuth(sandbox.accountSid, sandbox.authToken),
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ FriendlyName: 'json' }),
		});
		expectTwilioError(await parse(response), 400, 20001);
	});
});

describe('pagination', () => {
	async function createServices(count: number): Promise<string[]> {
		const sids: string[] = [];
		for (let i = 0; i < count; i += 1) sids.push((await createService({ FriendlyName: `Service ${i}` })).sid);
		return sids;
	}

	it('pages through next_page_url with Twilio’s meta block', async () => {
		const sids = await createServices(5);
		const seen: string[] = [];
		const pages: Json[] = [];
		let next: string | null = `/v2/Services?PageSize=2`;
		while (next) {
			const page: ApiResponse = await api('GET', next);
			expect(page.status).toBe(200);
			pages.push(page.body);
			seen.push(...page.body.services.map((s: Json) => s.sid));
			next = page.body.meta.next_page_url;
		}
		expect(seen).toEqual(sids);
		expect(pages.map((page) => page.services.length)).toEqual([2, 2, 1]);
		expect(pages[0].meta).toEqual({
			page: 0,
			page_size: 2,
			first_page_url: `${sandbox.url}/v2/Services?PageSize=2&Page=0`,
			previous_page_url: null,
			url: `${sandbox.url}/v2/Services?PageSize=2&Page=0`,
			next_page_url: expect.stringMatching(/\/v2\/Services\?PageSize=2&Page=1&PageToken=PAVA[0-9a-f]{32}$/),
			key: 'services',
		});
		expect(pages[2].meta.page).toBe(2);
		expect(pages[2].meta.next_page_url).toBeNull();

		const previous = await api('GET', pages[2].meta.previous_page_url);
		expect(previous.body.services.map((s: Json) => s.sid)).toEqual(sids.slice(2, 4));
	});

	it('honours Page without a token and defaults PageSize to 50', async () => {
		const sids = await createServices(3);
		expect(
			(await api('GET', '/v2/Services', { PageSize: '2', Page: '1' })).body.services.map((s: Json) => s.sid),
		).toEqual([sids[2]]);
		expect((await api('GET', '/v2/Services')).body.meta.page_size).toBe(50);
	});

	it('works with the official twilio SDK (list pages, send and check)', async () => {
		const sids = await createServices(5);
		const client = new Twilio(sandbox.accountSid, sandbox.authToken);
		client.verify.baseUrl = sandbox.url;

		const listed = await client.verify.v2.services.list({ pageSize: 2 });
		expect(listed.map((service) => service.sid)).toEqual(sids);
		expect(sandbox.requests.filter((r) => r.path === '/v2/Services' && r.method === 'GET')).toHaveLength(3);

		const service = client.verify.v2.services(sids[0]);
		const verification = await service.verifications.create({ to: PHONE, channel: 'sms' });
		expect(verification.status).toBe('pending');
		expect(verification.sendCodeAttempts).toHaveLength(1);
		const check = await service.verificationChecks.create({ to: PHONE, code: sandbox.lastCode(PHONE) as string });
		expect(check.status).toBe('approved');
		expect(check.valid).toBe(true);

		await expect(service.verificationChecks.create({ to: PHONE, code: '123456' })).rejects.toMatchObject({
			status: 404,
			code: 20404,
		});
	});
});
