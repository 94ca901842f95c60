/**
 * Behaviour of the Verify v2 sandbox over real HTTP (node's fetch, no mocks).
 */
import { Twilio } from 'twilio';

import { MAX_CHECK_ATTEMPTS, MAX_SEND_ATTEMPTS, VERIFICATION_TTL_MS, startSandbox } from './index';
import type { Sandbox, TwilioErrorBody } from './index';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
type Params = Record<string, string>;

interface ApiResponse {
	status: number;
	headers: Headers;
	body: Json;
}

const API_KEY_SID = 'SK' + 'b'.repeat(32);
const API_KEY_SECRET = 'sandbox-api-key-secret';
const OTHER_ACCOUNT_SID = 'AC' + 'c'.repeat(32);
const OTHER_ACCOUNT_TOKEN = 'other-account-token';
const PHONE = '+15551234567';
const OTHER_PHONE = '+15557654321';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({
		accounts: { ['AC' + 'a'.repeat(32)]: 'sandbox-auth-token', [OTHER_ACCOUNT_SID]: OTHER_ACCOUNT_TOKEN },
		apiKeys: { [API_KEY_SID]: { secret: API_KEY_SECRET, accountSid: 'AC' + 'a'.repeat(32) } },
	});
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
});

function basicAuth(username: string, password: string): string {
	return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

async function parse(response: Response): Promise<ApiResponse> {
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** Calls the API the way Twilio's SDKs do: form body for POST, query string for GET. */
async function api(
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	params: Params = {},
	authorization = basicAuth(sandbox.accountSid, sandbox.authToken),
): Promise<ApiResponse> {
	const url = new URL(path, sandbox.url);
	const init: RequestInit = { method, headers: { Authorization: authorization } };
	if (method === 'POST') init.body = new URLSearchParams(params);
	else for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
	return parse(await fetch(url, init));
}

async function control(method: 'GET' | 'POST', path: string, json?: Json): Promise<ApiResponse> {
	const init: RequestInit = { method };
	if (json !== undefined) {
		init.body = JSON.stringify(json);
		init.headers = { 'Content-Type': 'application/json' };
	}
	return parse(await fetch(new URL(path, sandbox.url), init));
}

async function createService(params: Params = {}): Promise<Json> {
	const response = await api('POST', '/v2/Services', { FriendlyName: 'Test Service', ...params });
	expect(response.status).toBe(201);
	return response.body;
}

function sendCode(serviceSid: string, params: Params = {}): Promise<ApiResponse> {
	return api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE, Channel: 'sms', ...params });
}

function checkCode(serviceSid: string, code: string, params: Params = {}): Promise<ApiResponse> {
	return api('POST', `/v2/Services/${serviceSid}/VerificationCheck`, { To: PHONE, Code: code, ...params });
}

/** A code of the right shape that is certainly not the one sent. */
function wrongCodeFor(code: string): string {
	return code
		.split('')
		.map((digit) => String((Number(digit) + 1) % 10))
		.join('');
}

function expectTwilioError(response: ApiResponse, status: number, code: number, message?: string | RegExp): void {
	const expected: TwilioErrorBody = {
		code,
		message: expect.any(String),
		more_info: `https://www.twilio.com/docs/errors/${code}`,
		status,
	};
	expect(response.status).toBe(status);
	expect(response.body).toEqual(expected);
	if (typeof message === 'string') expect(response.body.message).toBe(message);
	if (message instanceof RegExp) expect(response.body.message).toMatch(message);
}

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

describe('verifications', () => {
	let serviceSid: string;

	beforeEach(async () => {
		serviceSid = (await createService()).sid;
	});

	it('sends, rejects a wrong code, approves the right one, then forgets the verification', async () => {
		const sent = await sendCode(serviceSid);
		expect(sent.status).toBe(201);
		expect(sent.body).toMatchObject({
			service_sid: serviceSid,
			account_sid: sandbox.accountSid,
			to: PHONE,
			channel: 'sms',
			status: 'pending',
			valid: false,
			amount: null,
			payee: null,
			sna: null,
			url: `${sandbox.url}/v2/Services/${serviceSid}/Verifications/${sent.body.sid}`,
		});
		expect(sent.body.sid).toMatch(/^VE[0-9a-f]{32}$/);
		expect(sent.body.send_code_attempts).toEqual([
			{ attempt_sid: expect.stringMatching(/^VL[0-9a-f]{32}$/), channel: 'sms', time: sent.body.date_created },
		]);

		const code = sandbox.lastCode(PHONE) as string;
		expect(code).toMatch(/^\d{6}$/);

		const wrong = await checkCode(serviceSid, wrongCodeFor(code));
		expect(wrong.status).toBe(200);
		expect(wrong.body).toMatchObject({ sid: sent.body.sid, status: 'pending', valid: false });

		const right = await checkCode(serviceSid, code);
		expect(right.status).toBe(200);
		expect(right.body).toMatchObject({
			sid: sent.body.sid,
			status: 'approved',
			valid: true,
			to: PHONE,
			channel: 'sms',
		});

		expectTwilioError(
			await checkCode(serviceSid, code),
			404,
			20404,
			`The requested resource /Services/${serviceSid}/VerificationCheck was not found`,
		);
	});

	it('checks by VerificationSid as well as by To', async () => {
		const sent = await sendCode(serviceSid);
		const response = await api('POST', `/v2/Services/${serviceSid}/VerificationCheck`, {
			VerificationSid: sent.body.sid,
			Code: sandbox.lastCode(PHONE) as string,
		});
		expect(response.body).toMatchObject({ sid: sent.body.sid, status: 'approved' });
	});

	it('re-sends the same code under the same SID while pending', async () => {
		const first = await sendCode(serviceSid);
		const firstCode = sandbox.lastCode(PHONE);
		sandbox.advanceTime(30_000);
		const second = await sendCode(serviceSid, { Channel: 'call' });

		expect(second.status).toBe(201);
		expect(second.body.sid).toBe(first.body.sid);
		expect(second.body.channel).toBe('call');
		expect(sandbox.lastCode(PHONE)).toBe(firstCode);
		expect(second.body.send_code_attempts.map((attempt: Json) => attempt.channel)).toEqual(['sms', 'call']);
		expect(second.body.date_updated).not.toBe(first.body.date_updated);
	});

	it('keeps one pending verification per recipient and per service', async () => {
		const otherServiceSid = (await createService()).sid;
		const a = await sendCode(serviceSid);
		const b = await sendCode(serviceSid, { To: OTHER_PHONE });
		const c = await sendCode(otherServiceSid);
		expect(new Set([a.body.sid, b.body.sid, c.body.sid]).size).toBe(3);
	});

	it(`answers 429 / 60203 after ${MAX_SEND_ATTEMPTS} sends`, async () => {
		for (let i = 0; i < MAX_SEND_ATTEMPTS; i += 1) expect((await sendCode(serviceSid)).status).toBe(201);
		expectTwilioError(await sendCode(serviceSid), 429, 60203, 'Max send attempts reached');
		// The pending verification itself is still usable.
		expect((await checkCode(serviceSid, sandbox.lastCode(PHONE) as string)).body.status).toBe('approved');
	});

	it(`answers 429 / 60202 after ${MAX_CHECK_ATTEMPTS} wrong checks, even for the right code`, async () => {
		await sendCode(serviceSid);
		const code = sandbox.lastCode(PHONE) as string;
		for (let i = 0; i < MAX_CHECK_ATTEMPTS; i += 1) {
			const wrong = await checkCode(serviceSid, wrongCodeFor(code));
			expect(wrong.status).toBe(200);
			expect(wrong.body.status).toBe('pending');
		}
		expectTwilioError(await checkCode(serviceSid, code), 429, 60202, 'Max check attempts reached');
		expectTwilioError(await checkCode(serviceSid, code), 404, 20404);
		// A new send starts a fresh verification.
		const fresh = await sendCode(serviceSid);
		expect(fresh.status).toBe(201);
		expect(fresh.body.send_code_attempts).toHaveLength(1);
	});

	it('expires 10 minutes after creation', async () => {
		const sent = await sendCode(serviceSid);
		const code = sandbox.lastCode(PHONE) as string;

		sandbox.advanceTime(VERIFICATION_TTL_MS - 1000);
		expect((await api('GET', `/v2/Services/${serviceSid}/Verifications/${sent.body.sid}`)).status).toBe(200);

		sandbox.advanceTime(1000);
		expectTwilioError(await checkCode(serviceSid, code), 404, 20404);
		expectTwilioError(await api('GET', `/v2/Services/${serviceSid}/Verifications/${sent.body.sid}`), 404, 20404);

		const next = await sendCode(serviceSid);
		expect(next.body.sid).not.toBe(sent.body.sid);
	});

	it('fetches a pending verification', async () => {
		const sent = await sendCode(serviceSid);
		const fetched = await api('GET', `/v2/Services/${serviceSid}/Verifications/${sent.body.sid}`);
		expect(fetched.status).toBe(200);
		expect(fetched.body).toEqual(sent.body);
	});

	it('cancels a verification; checks and fetches then find nothing', async () => {
		const sent = await sendCode(serviceSid);
		const path = `/v2/Services/${serviceSid}/Verifications/${sent.body.sid}`;
		const canceled = await api('POST', path, { Status: 'canceled' });
		expect(canceled.status).toBe(200);
		expect(canceled.body).toMatchObject({ sid: sent.body.sid, status: 'canceled', valid: false });

		expectTwilioError(await checkCode(serviceSid, sandbox.lastCode(PHONE) as string), 404, 20404);
		expectTwilioError(
			await api('GET', path),
			404,
			20404,
			`The requested resource /Services/${serviceSid}/Verifications/${sent.body.sid} was not found`,
		);
	});

	it('approves a verification through an update', async () => {
		const sent = await sendCode(serviceSid);
		const approved = await api('POST', `/v2/Services/${serviceSid}/Verifications/${sent.body.sid}`, {
			Status: 'approved',
		});
		expect(approved.body).toMatchObject({ status: 'approved', valid: true });
	});

	it('validates the update Status', async () => {
		const sent = await sendCode(serviceSid);
		const path = `/v2/Services/${serviceSid}/Verifications/${sent.body.sid}`;
		expectTwilioError(await api('POST', path, {}), 400, 20001, 'Missing required parameter Status in the post body');
		expectTwilioError(await api('POST', path, { Status: 'pending' }), 400, 60200, 'Invalid parameter: Status');
	});

	it.each([
		['sms', '5551234567'],
		['sms', '+0551234567'],
		['call', 'someone@example.com'],
		['whatsapp', '+1 555 123 4567'],
		['email', PHONE],
	])('rejects To for channel %s: %s', async (channel, to) => {
		expectTwilioError(
			await sendCode(serviceSid, { To: to, Channel: channel }),
			400,
			60200,
			`Invalid parameter \`To\`: ${to}`,
		);
	});

	it('validates Channel, and requires To and Channel', async () => {
		expectTwilioError(await sendCode(serviceSid, { Channel: 'pigeon' }), 400, 60200, 'Invalid parameter: Channel');
		const missingTo = await api('POST', `/v2/Services/${serviceSid}/Verifications`, { Channel: 'sms' });
		expectTwilioError(missingTo, 400, 20001, 'Missing required parameter To in the post body');
		const missingChannel = await api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE });
		expectTwilioError(missingChannel, 400, 20001, 'Missing required parameter Channel in the post body');
	});

	it('accepts email (no mailer configuration needed here) and resolves auto to sms', async () => {
		const email = await sendCode(serviceSid, { To: 'person@example.com', Channel: 'email' });
		expect(email.body).toMatchObject({ to: 'person@example.com', channel: 'email' });
		expect(sandbox.lastCode('person@example.com')).toMatch(/^\d{6}$/);
		expect((await sendCode(serviceSid, { Channel: 'auto' })).body.channel).toBe('sms');
	});

	it('validates the check: Code 4-10 characters, To or VerificationSid', async () => {
		await sendCode(serviceSid);
		expectTwilioError(await checkCode(serviceSid, '123'), 400, 60200, 'Invalid parameter: Code');
		const noRecipient = await api('POST', `/v2/Services/${serviceSid}/VerificationCheck`, { Code: '123456' });
		expectTwilioError(noRecipient, 400, 60200, 'Invalid parameter: To');
		expectTwilioError(await checkCode(serviceSid, '123456', { To: OTHER_PHONE }), 404, 20404);
	});

	it('uses a custom code only when the service allows it', async () => {
		expectTwilioError(await sendCode(serviceSid, { CustomCode: '4242' }), 400, 60204);

		const customSid = (await createService({ CustomCodeEnabled: 'true' })).sid;
		expectTwilioError(await sendCode(customSid, { CustomCode: '42' }), 400, 60200, 'Invalid parameter: CustomCode');
		await sendCode(customSid, { CustomCode: '424242' });
		expect(sandbox.lastCode(PHONE, customSid)).toBe('424242');
		expect((await checkCode(customSid, '424242')).body.status).toBe('approved');
	});

	it('handles PSD2 amount and payee only on PSD2 services', async () => {
		expectTwilioError(await sendCode(serviceSid, { Amount: '€10', Payee: 'Acme' }), 400, 60204);

		const psd2Sid = (await createService({ Psd2Enabled: 'true' })).sid;
		const sent = await sendCode(psd2Sid, { Amount: '€10', Payee: 'Acme' });
		expect(sent.body).toMatchObject({ amount: '€10', payee: 'Acme' });
		const code = sandbox.lastCode(PHONE, psd2Sid) as string;
		expect((await checkCode(psd2Sid, code, { Amount: '€11', Payee: 'Acme' })).body.status).toBe('pending');
		const approved = await checkCode(psd2Sid, code, { Amount: '€10', Payee: 'Acme' });
		expect(approved.body).toMatchObject({ status: 'approved', amount: '€10', payee: 'Acme' });
	});

	it('validates JSON parameters', async () => {
		expectTwilioError(
			await sendCode(serviceSid, { RateLimits: '{not json' }),
			400,
			60200,
			'Invalid parameter: RateLimits',
		);
		expectTwilioError(await sendCode(serviceSid, { DeviceIp: 'not-an-ip' }), 400, 60200, 'Invalid parameter: DeviceIp');
		const ok = await sendCode(serviceSid, {
			ChannelConfiguration: JSON.stringify({ template_id: 'd-123' }),
			Tags: JSON.stringify({ flow: 'login' }),
			DeviceIp: '203.0.113.7',
			Locale: 'fr',
		});
		expect(ok.status).toBe(201);
		expect(sandbox.state.getVerification(sandbox.accountSid, serviceSid, ok.body.sid).request).toMatchObject({
			locale: 'fr',
			tags: { flow: 'login' },
			deviceIp: '203.0.113.7',
		});
	});

	it('answers 404 for an unknown service or verification', async () => {
		const unknown = 'VA' + '0'.repeat(32);
		expectTwilioError(
			await sendCode(unknown),
			404,
			20404,
			`The requested resource /Services/${unknown}/Verifications was not found`,
		);
		expectTwilioError(await api('GET', `/v2/Services/${serviceSid}/Verifications/VE${'0'.repeat(32)}`), 404, 20404);
	});
});

describe('rate limits and buckets', () => {
	let serviceSid: string;

	beforeEach(async () => {
		serviceSid = (await createService()).sid;
	});

	it('creates, lists, fetches, updates and deletes rate limits', async () => {
		const base = `/v2/Services/${serviceSid}/RateLimits`;
		const created = await api('POST', base, { UniqueName: 'end_user_ip', Description: 'per IP' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			service_sid: serviceSid,
			account_sid: sandbox.accountSid,
			unique_name: 'end_user_ip',
			description: 'per IP',
			url: `${sandbox.url}${base}/${created.body.sid}`,
			links: { buckets: `${sandbox.url}${base}/${created.body.sid}/Buckets` },
		});
		expect(created.body.sid).toMatch(/^RK[0-9a-f]{32}$/);

		expectTwilioError(await api('POST', base, { UniqueName: 'end_user_ip' }), 409, 60208);
		expectTwilioError(
			await api('POST', base, {}),
			400,
			20001,
			'Missing required parameter UniqueName in the post body',
		);

		const listed = await api('GET', base);
		expect(listed.body.rate_limits).toEqual([created.body]);
		expect(listed.body.meta.key).toBe('rate_limits');

		const path = `${base}/${created.body.sid}`;
		expect((await api('GET', path)).body).toEqual(created.body);
		expect((await api('POST', path, { Description: 'changed' })).body.description).toBe('changed');
		expect((await api('DELETE', path)).status).toBe(204);
		expectTwilioError(await api('GET', path), 404, 20404);
	});

	it('creates, lists, fetches, updates and deletes buckets', async () => {
		const rateLimit = (await api('POST', `/v2/Services/${serviceSid}/RateLimits`, { UniqueName: 'phone' })).body;
		const base = `/v2/Services/${serviceSid}/RateLimits/${rateLimit.sid}/Buckets`;

		const created = await api('POST', base, { Max: '5', Interval: '60' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			rate_limit_sid: rateLimit.sid,
			service_sid: serviceSid,
			max: 5,
			interval: 60,
			url: `${sandbox.url}${base}/${created.body.sid}`,
		});
		expect(created.body.sid).toMatch(/^BL[0-9a-f]{32}$/);

		expectTwilioError(
			await api('POST', base, { Interval: '60' }),
			400,
			20001,
			'Missing required parameter Max in the post body',
		);
		expectTwilioError(await api('POST', base, { Max: 'lots', Interval: '60' }), 400, 60200, 'Invalid parameter: Max');

		const listed = await api('GET', base);
		expect(listed.body.buckets).toEqual([created.body]);
		expect(listed.body.meta.key).toBe('buckets');

		const path = `${base}/${created.body.sid}`;
		expect((await api('GET', path)).body).toEqual(created.body);
		expect((await api('POST', path, { Max: '10' })).body).toMatchObject({ max: 10, interval: 60 });
		expect((await api('DELETE', path)).status).toBe(204);
		expectTwilioError(await api('GET', path), 404, 20404);

		expectTwilioError(
			await api('GET', `/v2/Services/${serviceSid}/RateLimits/RK${'0'.repeat(32)}/Buckets`),
			404,
			20404,
		);
	});

	it('enforces buckets on sends that name the rate limit', async () => {
		const rateLimit = (await api('POST', `/v2/Services/${serviceSid}/RateLimits`, { UniqueName: 'end_user_ip' })).body;
		await api('POST', `/v2/Services/${serviceSid}/RateLimits/${rateLimit.sid}/Buckets`, { Max: '2', Interval: '60' });
		const limited = (to: string, ip = '203.0.113.7') =>
			sendCode(serviceSid, { To: to, RateLimits: JSON.stringify({ end_user_ip: ip }) });

		expect((await limited('+15550000001')).status).toBe(201);
		expect((await limited('+15550000002')).status).toBe(201);
		expectTwilioError(await limited('+15550000003'), 429, 20429);
		expect((await limited('+15550000003', '198.51.100.1')).status).toBe(201);

		sandbox.advanceTime(61_000);
		expect((await limited('+15550000003')).status).toBe(201);
	});
});

describe('faults', () => {
	let serviceSid: string;

	beforeEach(async () => {
		serviceSid = (await createService()).sid;
	});

	it('adds latency to API answers', async () => {
		sandbox.setFaults({ latencyMs: 150 });
		const started = Date.now();
		expect((await api('GET', '/v2/Services')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it.each([
		[500, 20500],
		[502, 20500],
		[503, 20503],
	])('fails the next requests with %d and Twilio’s error body', async (status, code) => {
		sandbox.setFaults({ failNext: { count: 2, status: status as 500 | 502 | 503 } });
		expectTwilioError(await sendCode(serviceSid), status, code);
		expectTwilioError(await sendCode(serviceSid), status, code);
		expect((await sendCode(serviceSid)).status).toBe(201);
		expect(sandbox.requests.map((r) => r.status).slice(-3)).toEqual([status, status, 201]);
	});

	it('answers 429 / 20429 with a Retry-After header', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 429, retryAfterSeconds: 7 } });
		const limited = await sendCode(serviceSid);
		expectTwilioError(limited, 429, 20429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect((await sendCode(serviceSid)).status).toBe(201);
	});

	it('drops the connection without answering', async () => {
		sandbox.setFaults({ dropNext: 1 });
		await expect(sendCode(serviceSid)).rejects.toThrow();
		expect(sandbox.requests[sandbox.requests.length - 1]).toMatchObject({ method: 'POST', status: 0 });
		expect((await sendCode(serviceSid)).status).toBe(201);
	});

	it('leaves a request hanging so the client times out', async () => {
		sandbox.setFaults({ hangNext: 1 });
		const hanging = fetch(`${sandbox.url}/v2/Services`, {
			headers: { Authorization: basicAuth(sandbox.accountSid, sandbox.authToken) },
			signal: AbortSignal.timeout(200),
		});
		await expect(hanging).rejects.toThrow();
		expect((await api('GET', '/v2/Services')).status).toBe(200);
	});

	it('never applies faults to the control routes', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 500 } });
		expect((await control('GET', '/__sandbox/health')).status).toBe(200);
		expect((await api('GET', '/v2/Services')).status).toBe(500);
	});
});

describe('HTTP control routes', () => {
	let serviceSid: string;

	beforeEach(async () => {
		serviceSid = (await createService()).sid;
	});

	it('GET /__sandbox/codes returns the latest code for a recipient', async () => {
		expect((await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`)).status).toBe(404);
		const sent = await sendCode(serviceSid);
		const latest = await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`);
		expect(latest.status).toBe(200);
		expect(latest.body).toMatchObject({ code: sandbox.lastCode(PHONE), sid: sent.body.sid, status: 'pending' });
		// An unencoded "+" arrives as a space; the sandbox forgives that.
		expect((await control('GET', `/__sandbox/codes?to=${PHONE}`)).body.sid).toBe(sent.body.sid);

		await checkCode(serviceSid, latest.body.code);
		expect((await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`)).body.status).toBe('approved');
	});

	it('POST /__sandbox/faults sets faults for other processes', async () => {
		const response = await control('POST', '/__sandbox/faults', { failNext: { count: 1, status: 503 } });
		expect(response.body).toEqual({ failNext: { count: 1, status: 503 } });
		expectTwilioError(await api('GET', '/v2/Services'), 503, 20503);
		expect((await control('GET', '/__sandbox/faults')).body).toEqual({});
		expect((await control('POST', '/__sandbox/faults', { failNext: { count: 1, status: 404 } })).status).toBe(400);
	});

	it('POST /__sandbox/advance moves the clock (expiring verifications)', async () => {
		await sendCode(serviceSid);
		const code = sandbox.lastCode(PHONE) as string;
		expect((await control('POST', '/__sandbox/advance', { ms: VERIFICATION_TTL_MS })).status).toBe(200);
		expectTwilioError(await checkCode(serviceSid, code), 404, 20404);
		expect((await control('GET', `/__sandbox/codes?to=${encodeURIComponent(PHONE)}`)).body.status).toBe('expired');
	});

	it('POST /__sandbox/reset forgets everything', async () => {
		await sendCode(serviceSid);
		expect((await control('POST', '/__sandbox/reset')).status).toBe(200);
		expect((await api('GET', '/v2/Services')).body.services).toEqual([]);
		expect(sandbox.lastCode(PHONE)).toBeUndefined();
	});

	it('GET /__sandbox/requests lists API requests for retry assertions', async () => {
		await api('GET', '/v2/Services');
		const log = await control('GET', '/__sandbox/requests');
		expect(log.body.requests).toEqual([
			{ method: 'POST', path: '/v2/Services', status: 201 },
			{ method: 'GET', path: '/v2/Services', status: 200 },
		]);
	});
});

describe('routing and logging', () => {
	it('answers 404 / 20404 for unknown resources and 405 for unsupported methods', async () => {
		expectTwilioError(await api('GET', '/v2/Nope'), 404, 20404, 'The requested resource /Nope was not found');
		expectTwilioError(await api('DELETE', '/v2/Services'), 405, 20004);
	});

	it('prints every code it sends when logCodes is on', async () => {
		const lines: string[] = [];
		const logging = await startSandbox({ logCodes: true, logger: (line) => lines.push(line) });
		try {
			const service = logging.createService({ FriendlyName: 'Logged' });
			const response = await fetch(`${logging.url}/v2/Services/${service.sid}/Verifications`, {
				method: 'POST',
				headers: { Authorization: basicAuth(logging.accountSid, logging.authToken) },
				body: new URLSearchParams({ To: PHONE, Channel: 'sms' }),
			});
			expect(response.status).toBe(201);
			expect(lines).toEqual([
				`[verify-sandbox] code ${logging.lastCode(PHONE)} for ${PHONE} via sms (service ${service.sid})`,
			]);
		} finally {
			await logging.close();
		}
	});

	it('re-creates seeded services with fixed SIDs after reset', async () => {
		const sid = 'VA' + 'e'.repeat(32);
		const seeded = await startSandbox({ services: [{ sid, FriendlyName: 'Seeded' }] });
		try {
			seeded.reset();
			const response = await fetch(`${seeded.url}/v2/Services/${sid}`, {
				headers: { Authorization: basicAuth(seeded.accountSid, seeded.authToken) },
			});
			expect((await parse(response)).body.friendly_name).toBe('Seeded');
		} finally {
			await seeded.close();
		}
	});

	it('uses the injected clock for dates', async () => {
		const fixed = await startSandbox({ now: () => Date.UTC(2015, 6, 30, 20, 0, 0) });
		try {
			const service = fixed.createService({ FriendlyName: 'Clocked' });
			expect(service.date_created).toBe('2015-07-30T20:00:00Z');
		} finally {
			await fixed.close();
		}
	});
});
