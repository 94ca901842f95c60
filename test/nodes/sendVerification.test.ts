import type { IDataObject } from 'n8n-workflow';

import { SendVerification } from '../../nodes/SendVerification/SendVerification.node';
import { runNode } from '../support/n8nEngine';
import { DEFAULT_ACCOUNT_SID } from '../../sandbox';
import { byId, expectNoSecrets, jsonOf, sandboxWithService, verifyCredentials, type Sandbox } from '../support/nodeHelpers';
import { expectOutcomes, oddItems, oddValues } from '../support/oddInputs';

const nodeType = new SendVerification();
let sandbox: Sandbox;
let serviceSid: string;

beforeEach(async () => {
	({ sandbox, serviceSid } = await sandboxWithService());
});
afterEach(() => sandbox.close());

function send(parameters: Record<string, unknown>, items?: IDataObject[], extra = {}) {
	return runNode({
		nodeType,
		parameters: { operation: 'send', serviceSid: byId(serviceSid), recipientType: 'phone', channel: 'sms', ...parameters } as never,
		items,
		credentials: verifyCredentials(sandbox),
		...extra,
	});
}

describe('Send Verification: send', () => {
	it('sends an SMS to an E.164 number and returns the pending verification', async () => {
		const { outputs, error } = await send({ phone: '+14155552671' });
		expect(error).toBeUndefined();
		const [item] = jsonOf(outputs[0]);
		expect(item).toMatchObject({
			ok: true,
			status: 'pending',
			to: '+14155552671',
			toMasked: '+1 ••• ••• 2671',
			channel: 'sms',
			serviceSid,
			sendCodeAttempts: 1,
		});
		expect(item.sid).toMatch(/^VE[0-9a-f]{32}$/);
		expect(sandbox.lastCode('+14155552671')).toMatch(/^\d{6}$/);
		expectNoSecrets(outputs, [sandbox.lastCode('+14155552671')!, sandbox.authToken]);
	});

	it('normalises a national number with an alpha-3 country, read from the item by expression', async () => {
		const { outputs } = await send({ phone: '={{ $json.phone }}', country: '={{ $json.country }}', channel: 'call' }, [
			{ phone: '06 12 34 56 78', country: 'FRA' },
		]);
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, to: '+33612345678', channel: 'call' });
	});

	it('sends to an email address on the email channel', async () => {
		const { outputs } = await send({ recipientType: 'email', email: ' Alice@Example.com ' });
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, to: 'alice@example.com', channel: 'email', toMasked: 'a••••@example.com' });
	});

	it('passes locale, friendly name, tags and channel configuration to Twilio', async () => {
		const { outputs, error } = await send({
			phone: '+14155552671',
			channel: 'whatsapp',
			sendOptions: {
				locale: 'fr',
				customFriendlyName: 'Acme Shop',
				tags: { values: [{ name: 'campaign', value: 'spring' }] },
				rateLimits: { values: [{ name: 'end_user_ip_address', value: '203.0.113.7' }] },
				channelConfiguration: '{"substitutions": {"name": "Alice"}}',
			},
		});
		expect(error).toBeUndefined();
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, channel: 'whatsapp' });
		expect(sandbox.state.latestVerification('+14155552671')!.request).toMatchObject({
			locale: 'fr',
			customFriendlyName: 'Acme Shop',
			tags: { campaign: 'spring' },
			channelConfiguration: { substitutions: { name: 'Alice' } },
		});
	});

	it('passes rate-limit values: a Service Rate Limit bucket that is full refuses the send as RATE_LIMITED', async () => {
		const rateLimit = sandbox.state.createRateLimit(sandbox.accountSid, serviceSid, { UniqueName: 'end_user_ip_address' });
		sandbox.state.createBucket(sandbox.accountSid, serviceSid, rateLimit.sid, { Max: 1, Interval: 60 });
		const sameIp = { sendOptions: { rateLimits: { values: [{ name: 'end_user_ip_address', value: '203.0.113.7' }] } } };
		const first = await send({ phone: '+14155552671', ...sameIp });
		expect(jsonOf(first.outputs[0])[0]).toMatchObject({ ok: true });
		const second = await send({ phone: '+14155552672', ...sameIp });
		expect(jsonOf(second.outputs[0])[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', httpStatus: 429 } });
		expect(sandbox.lastCode('+14155552672')).toBeUndefined();
	});

	it('stops on a Channel Configuration that is not a JSON object', async () => {
		const { error } = await send({ phone: '+14155552671', sendOptions: { channelConfiguration: '{not json' } });
		expect(error?.message).toBe('Channel Configuration must be a JSON object');
	});

	it('refuses invalid phones with INVALID_PHONE before any request reaches Twilio', async () => {
		const before = sandbox.requests.length;
		const { outputs } = await send({ phone: '={{ $json.phone }}' }, [{ phone: '12' }, { phone: 'abc' }, { phone: '+1555' }]);
		const items = jsonOf(outputs[0]);
		expect(items).toHaveLength(3);
		for (const item of items) expect(item).toMatchObject({ ok: false, error: { code: 'INVALID_PHONE', httpStatus: 400 } });
		expect(sandbox.requests.length).toBe(before);
	});

	it('reports Twilio\'s send limit (60203) as RATE_LIMITED without retrying it', async () => {
		for (let i = 0; i < 5; i++) await send({ phone: '+14155552671' });
		const before = sandbox.requests.length;
		const { outputs } = await send({ phone: '+14155552671' });
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', httpStatus: 429 } });
		expect(sandbox.requests.length).toBe(before + 1);
	});

	it('uses the credential\'s default Verify Service when the node leaves it empty', async () => {
		const { outputs } = await runNode({
			nodeType,
			parameters: { operation: 'send', serviceSid: { __rl: true, mode: 'list', value: '' }, recipientType: 'phone', phone: '+14155552671' } as never,
			credentials: verifyCredentials(sandbox, { defaultServiceSid: serviceSid }),
		});
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, serviceSid });
	});

	it('stops with a clear error when no Verify Service is chosen anywhere', async () => {
		const { error } = await runNode({
			nodeType,
			parameters: { operation: 'send', serviceSid: { __rl: true, mode: 'list', value: '' }, phone: '+14155552671' } as never,
			credentials: verifyCredentials(sandbox),
		});
		expect(error?.message).toBe('No Verify Service chosen');
	});

	it('answers test numbers with a fixed code without calling Twilio, and says so', async () => {
		const before = sandbox.requests.length;
		const { outputs } = await runNode({
			nodeType,
			parameters: { operation: 'send', serviceSid: byId(serviceSid), recipientType: 'phone', phone: '+12025550123' } as never,
			credentials: verifyCredentials(sandbox, { enableTestNumbers: true, testNumbers: '+12025550123=424242' }),
		});
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, status: 'pending', testNumber: true });
		expect(sandbox.requests.length).toBe(before);
		expectNoSecrets(outputs, ['424242']);
	});

	it('ignores test numbers while the credential leaves them switched off', async () => {
		const { outputs } = await runNode({
			nodeType,
			parameters: { operation: 'send', serviceSid: byId(serviceSid), recipientType: 'phone', phone: '+14155552671' } as never,
			credentials: verifyCredentials(sandbox, { enableTestNumbers: false, testNumbers: '+12025550123=424242' }),
		});
		expect(jsonOf(outputs[0])[0].testNumber).toBeUndefined();
		expect(sandbox.lastCode('+14155552671')).toBeDefined();
	});
});

describe('Send Verification: get and cancel', () => {
	it('fetches and cancels a verification by SID', async () => {
		const sent = jsonOf((await send({ phone: '+14155552671' })).outputs[0])[0];
		const params = { serviceSid: byId(serviceSid), verificationSid: sent.sid };
		const got = await runNode({ nodeType, parameters: { operation: 'get', ...params } as never, credentials: verifyCredentials(sandbox) });
		expect(jsonOf(got.outputs[0])[0]).toMatchObject({ ok: true, sid: sent.sid, status: 'pending' });
		const canceled = await runNode({ nodeType, parameters: { operation: 'cancel', ...params } as never, credentials: verifyCredentials(sandbox) });
		expect(jsonOf(canceled.outputs[0])[0]).toMatchObject({ ok: true, sid: sent.sid, status: 'canceled' });
	});

	it('reports an unknown verification SID as NOT_FOUND', async () => {
		const { outputs } = await runNode({
			nodeType,
			parameters: { operation: 'get', serviceSid: byId(serviceSid), verificationSid: `VE${'0'.repeat(32)}` } as never,
			credentials: verifyCredentials(sandbox),
		});
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', httpStatus: 404 } });
	});
});

describe('Send Verification: transport', () => {
	it('retries 5xx answers and succeeds', async () => {
		sandbox.setFaults({ failNext: { count: 2, status: 503 } });
		const { outputs, error } = await send({ phone: '+14155552671' });
		expect(error).toBeUndefined();
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, status: 'pending' });
		expect(sandbox.requests.filter((r) => r.status === 503)).toHaveLength(2);
	});

	it('retries 429 (20429) after the Retry-After pause', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 429, retryAfterSeconds: 1 } });
		const started = Date.now();
		const { outputs } = await send({ phone: '+14155552671' });
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true });
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('stops with a NodeApiError when Twilio stays unavailable, and continues on fail when asked', async () => {
		sandbox.setFaults({ failNext: { count: 100, status: 500 } });
		const stopped = await send({ phone: '+14155552671' });
		expect(stopped.error?.message).toMatch(/Twilio Verify is unavailable/);
		expect(stopped.error?.httpCode).toBe('500');

		sandbox.setFaults({ failNext: { count: 100, status: 500 } });
		const continued = await send({ phone: '={{ $json.phone }}' }, [{ phone: '+14155552671' }, { phone: 'bad' }], { continueOnFail: true });
		expect(continued.error).toBeUndefined();
		expect(continued.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(continued.outputs[0])[0].error).toMatch(/Twilio Verify is unavailable/);
		expect(jsonOf(continued.outputs[0])[1]).toMatchObject({ ok: false, error: { code: 'INVALID_PHONE' } });
	});

	it('stops with a credentials error on wrong Auth Token, without leaking it', async () => {
		const { error } = await runNode({
			nodeType,
			parameters: { operation: 'send', serviceSid: byId(serviceSid), phone: '+14155552671' } as never,
			credentials: verifyCredentials(sandbox, { authToken: 'wrong-token-123' }),
		});
		expect(error?.message).toBe('Twilio rejected the credentials');
		expectNoSecrets(error, ['wrong-token-123']);
	});

	it('authenticates with an API key', async () => {
		await sandbox.close();
		const apiKeySid = `SK${'b'.repeat(32)}`;
		({ sandbox, serviceSid } = await sandboxWithService({
			apiKeys: { [apiKeySid]: { secret: 'key-secret', accountSid: DEFAULT_ACCOUNT_SID } },
		}));
		const { outputs, error } = await runNode({
			nodeType,
			parameters: { operation: 'send', serviceSid: byId(serviceSid), phone: '+14155552671' } as never,
			credentials: verifyCredentials(sandbox, { authType: 'apiKey', apiKeySid, apiKeySecret: 'key-secret', authToken: '' }),
		});
		expect(error).toBeUndefined();
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true });
	});

	it('sends 1,000 items with bounded concurrency, in order, with pairedItem', async () => {
		const items = Array.from({ length: 1000 }, (_, i) => ({ phone: `+1415555${String(i).padStart(4, '0')}` }));
		const { outputs, error } = await send({ phone: '={{ $json.phone }}', options: { concurrency: 20 } }, items);
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(1000);
		outputs[0].forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.to).toBe(items[i].phone);
		});
		const valid = jsonOf(outputs[0]).filter((item) => item.ok === true).length;
		const invalid = jsonOf(outputs[0]).filter((item) => item.ok === false).length;
		expect(valid + invalid).toBe(1000);
		expect(valid).toBeGreaterThan(900);
	});
});


describe('Send Verification: every input shape is an outcome, never a crash', () => {
	const invalidPhone = { code: 'INVALID_PHONE', httpStatus: 400 };
	const invalidInput = { code: 'INVALID_INPUT', httpStatus: 400 };

	it('refuses a phone of any other shape with INVALID_PHONE, nothing sent', async () => {
		const phones = oddValues('+14155552671', { zero: 0, negative: -14155552671, bidi: '+14155552671\u202E', nul: '+14155552671\u0000', loneSurrogate: '\uD800' });
		const { outputs, error } = await send({ phone: '={{ $json.phone }}' }, oddItems('phone', phones));
		expect(error).toBeUndefined();
		expectOutcomes(outputs[0], phones, invalidPhone);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a country of any other shape with INVALID_PHONE, nothing sent (this was the 500)', async () => {
		const countries = oddValues('US', { zero: 0, fullwidth: '\uFF35\uFF33', flag: '\u{1F1FA}\u{1F1F8}', unknown: 'ZZZ' });
		const { outputs, error } = await send(
			{ phone: '={{ $json.phone }}', country: '={{ $json.country }}' },
			oddItems('country', countries, { phone: '4155552671' }),
		);
		expect(error).toBeUndefined();
		expectOutcomes(outputs[0], countries, invalidPhone);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a channel of any other shape with INVALID_INPUT, nothing sent; an empty one means SMS', async () => {
		const channels = oddValues('sms', { fullwidth: '\uFF53ms', email: 'email', upperCase: 'SMS' }, { nullMeansDefault: true });
		const { outputs, error } = await send({ phone: '+14155552671', channel: '={{ $json.channel }}' }, oddItems('channel', channels));
		expect(error).toBeUndefined();
		expectOutcomes(outputs[0], channels, invalidInput);
		expect(sandbox.requests).toHaveLength(0);

		const empty = await send({ phone: '+14155552671', channel: '={{ $json.channel }}' }, [{ channel: null }]);
		expect(jsonOf(empty.outputs[0])[0]).toMatchObject({ ok: true, channel: 'sms' });
	});

	it('refuses an email of any other shape with INVALID_INPUT, nothing sent', async () => {
		const emails = oddValues('alice@example.com', { bidi: 'a\u202E@example.com', nul: 'a\u0000@example.com' });
		const { outputs, error } = await send({ recipientType: 'email', email: '={{ $json.email }}' }, oddItems('email', emails));
		expect(error).toBeUndefined();
		expectOutcomes(outputs[0], emails, invalidInput);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('refuses a "Send To" of any other shape with INVALID_INPUT, nothing sent', async () => {
		const types = oddValues('email', { fullwidth: '\uFF45mail', fax: 'fax' }, { nullMeansDefault: true });
		const { outputs, error } = await send(
			{ recipientType: '={{ $json.recipientType }}', phone: '+14155552671', email: 'alice@example.com' },
			oddItems('recipientType', types),
		);
		expect(error).toBeUndefined();
		expectOutcomes(outputs[0], types, invalidInput);
		expect(sandbox.requests).toHaveLength(0);
	});

	it.each(['get', 'cancel'])('%s: refuses a verification SID of any other shape with INVALID_INPUT, nothing sent', async (operation) => {
		const sid = `VE${'a'.repeat(32)}`;
		const sids = oddValues(sid, { fullwidth: `VE${'\uFF41'.repeat(32)}`, path: `${sid}/../../../Services` });
		const { outputs, error } = await runNode({
			nodeType,
			parameters: { operation, serviceSid: byId(serviceSid), verificationSid: '={{ $json.sid }}' } as never,
			items: oddItems('sid', sids),
			credentials: verifyCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		expectOutcomes(outputs[0], sids, invalidInput);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('Send Verification: no repeated SMS', () => {
	it('sends a POST Verifications whose connection dropped once, and stops with a service-unavailable NodeApiError', async () => {
		sandbox.setFaults({ dropNext: 1 });
		const { outputs, error } = await send({ phone: '+14155552671' });
		expect(outputs).toEqual([]);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '504' });
		expect(error?.message).toMatch(/Twilio Verify did not answer/);
		expect(sandbox.requests).toEqual([{ method: 'POST', path: `/v2/Services/${serviceSid}/Verifications`, status: 0 }]);
	});

	it('retries a single 503, and one code is sent', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		const { outputs, error } = await send({ phone: '+14155552671' });
		expect(error).toBeUndefined();
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, status: 'pending', sendCodeAttempts: 1 });
		expect(sandbox.requests.map((request) => request.status)).toEqual([503, 201]);
	});

	it('retries 20429 after its Retry-After, and one code is sent', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 429, retryAfterSeconds: 1 } });
		const { outputs } = await send({ phone: '+14155552671' });
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, sendCodeAttempts: 1 });
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 201]);
	});

	it('retries a refused connection, then stops with a service-unavailable NodeApiError', async () => {
		const credentials = verifyCredentials(sandbox);
		await sandbox.close();
		const started = Date.now();
		const { error } = await runNode({
			nodeType,
			parameters: { operation: 'send', serviceSid: byId(serviceSid), recipientType: 'phone', phone: '+14155552671' } as never,
			credentials,
		});
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '503', message: 'Twilio Verify could not be reached' });
		// Three pauses of at least 125, 250 and 500 ms (backoff with jitter) mean three retries.
		expect(Date.now() - started).toBeGreaterThanOrEqual(850);
		({ sandbox } = await sandboxWithService()); // for afterEach
	});
});

describe('Send Verification: the Verify Service rate limits', () => {
	it('passes the phone and the trusted caller address under the rate limits named in the options', async () => {
		const phone = '+14155550177';
		const { outputs, error } = await send({
			phone,
			sendOptions: {
				phoneRateLimit: 'end_user_phone_number',
				callerAddressRateLimit: 'end_user_ip_address',
				// The caller forged the first entry; the proxy appended the second.
				forwardedFor: '6.6.6.6, 203.0.113.5',
				trustedProxyHops: 1,
			},
		});
		expect(error).toBeUndefined();
		expect(jsonOf(outputs[0])[0]).toMatchObject({ ok: true, status: 'pending' });
		expect(sandbox.state.latestVerification(phone)?.rateLimits).toEqual({
			end_user_phone_number: phone,
			end_user_ip_address: '203.0.113.5',
		});
	});

	it('passes no caller address when none can be trusted', async () => {
		const phone = '+14155550178';
		await send({ phone, sendOptions: { callerAddressRateLimit: 'end_user_ip_address', forwardedFor: '', trustedProxyHops: 1 } });
		expect(sandbox.state.latestVerification(phone)?.rateLimits).toEqual({});
	});
});
