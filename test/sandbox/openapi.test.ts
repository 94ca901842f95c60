/**
 * Every kind of response the sandbox produces must match Twilio's official OpenAPI description of Verify v2 (vendored,
 * MIT), and carry every field the schema declares, because Twilio always sends all of them: services, verifications,
 * rate limits and buckets. The account-level resources and service webhooks are in openapiAccount.test.ts.
 */
import { useConformanceSandbox, toStrictJsonSchema, schemaErrors, exampleMismatches, call, expectConforming, createService, PHONE, spec, type Json } from '../support/openapiConformance';

const conformance = useConformanceSandbox();

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

describe('the schema conversion itself', () => {
	it('turns nullable into a null type and requires every declared field', () => {
		const converted = toStrictJsonSchema(spec.components.schemas['verify.v2.service']) as Json;
		expect(converted.properties.sid.type).toEqual(['string', 'null']);
		expect(converted.required).toContain('friendly_name');
		expect(converted.required).toContain('links');
		expect(converted.additionalProperties).toBe(false);
	});

	it('rejects a service whose field is dropped, misnamed or invented', async () => {
		const service = await createService();
		const { friendly_name: friendlyName, ...withoutName } = service;
		expect(schemaErrors('/v2/Services', 'post', 201, withoutName)).not.toEqual([]);
		expect(schemaErrors('/v2/Services', 'post', 201, { ...withoutName, friendlyName })).not.toEqual([]);
		expect(schemaErrors('/v2/Services', 'post', 201, { ...service, extra_field: true })).not.toEqual([]);
		expect(schemaErrors('/v2/Services', 'post', 201, { ...service, sid: 'not-a-sid' })).not.toEqual([]);
	});

	it('notices a link or nested setting that differs from Twilio’s examples', async () => {
		const service = await createService();
		expect(exampleMismatches('/v2/Services', 'post', 201, service)).toEqual([]);
		const { access_tokens: accessTokens, ...otherLinks } = service.links;
		expect(
			exampleMismatches('/v2/Services', 'post', 201, { ...service, links: { ...otherLinks, accessTokens } }),
		).not.toEqual([]);
		expect(
			exampleMismatches('/v2/Services', 'post', 201, { ...service, totp: { ...service.totp, step: 30 } }),
		).not.toEqual([]);
	});

	it('rejects a verification with a channel outside Twilio’s enum', async () => {
		const service = await createService();
		const { body } = await call('post', `/v2/Services/${service.sid}/Verifications`, { To: PHONE, Channel: 'sms' });
		const path = '/v2/Services/{ServiceSid}/Verifications';
		expect(schemaErrors(path, 'post', 201, body)).toEqual([]);
		expect(schemaErrors(path, 'post', 201, { ...body, channel: 'auto' })).not.toEqual([]);
		const { send_code_attempts: attempts, ...withoutAttempts } = body;
		expect(attempts).toHaveLength(1);
		expect(schemaErrors(path, 'post', 201, withoutAttempts)).not.toEqual([]);
	});
});

describe('services conform to the OpenAPI', () => {
	it('create (201), fetch (200), update (200) and list (200)', async () => {
		const service = await createService({
			CodeLength: '4',
			CustomCodeEnabled: 'true',
			'Push.ApnCredentialSid': 'CR' + '1'.repeat(32),
			'Totp.TimeStep': '30',
			'Whatsapp.MsgServiceSid': 'MG' + '2'.repeat(32),
			'Passkeys.RelyingParty.Origins': 'a.example,b.example',
			DefaultTemplateSid: 'HJ' + '3'.repeat(32),
		});
		await createService();
		await expectConforming('/v2/Services/{Sid}', 'get', `/v2/Services/${service.sid}`, 200);
		await expectConforming('/v2/Services/{Sid}', 'post', `/v2/Services/${service.sid}`, 200, {
			FriendlyName: 'Renamed',
		});

		const firstPage = await expectConforming('/v2/Services', 'get', '/v2/Services?PageSize=1', 200);
		expect(firstPage.meta.next_page_url).not.toBeNull();
		const nextPath = new URL(firstPage.meta.next_page_url).pathname + new URL(firstPage.meta.next_page_url).search;
		const lastPage = await expectConforming('/v2/Services', 'get', nextPath, 200);
		expect(lastPage.meta.previous_page_url).not.toBeNull();
	});
});

describe('verifications conform to the OpenAPI', () => {
	const createPath = '/v2/Services/{ServiceSid}/Verifications';
	const instancePath = '/v2/Services/{ServiceSid}/Verifications/{Sid}';
	const checkPath = '/v2/Services/{ServiceSid}/VerificationCheck';

	it.each(['sms', 'call', 'whatsapp', 'sna', 'auto'])('create (201) over %s', async (channel) => {
		const service = await createService();
		await expectConforming(createPath, 'post', `/v2/Services/${service.sid}/Verifications`, 201, {
			To: PHONE,
			Channel: channel,
		});
	});

	it('create over email, with PSD2 details and with lookup enabled', async () => {
		const service = await createService({ Psd2Enabled: 'true', LookupEnabled: 'true' });
		const base = `/v2/Services/${service.sid}/Verifications`;
		await expectConforming(createPath, 'post', base, 201, { To: 'someone@example.com', Channel: 'email' });
		const psd2 = await expectConforming(createPath, 'post', base, 201, {
			To: PHONE,
			Channel: 'sms',
			Amount: '€39.99',
			Payee: 'Acme Inc.',
		});
		expect(psd2.lookup).toHaveProperty('carrier');
	});

	it('fetch (200), cancel and approve updates (200)', async () => {
		const service = await createService();
		const base = `/v2/Services/${service.sid}/Verifications`;
		const first = await expectConforming(createPath, 'post', base, 201, { To: PHONE, Channel: 'sms' });
		await expectConforming(instancePath, 'get', `${base}/${first.sid}`, 200);
		await expectConforming(instancePath, 'post', `${base}/${first.sid}`, 200, { Status: 'canceled' });

		const second = await expectConforming(createPath, 'post', base, 201, { To: PHONE, Channel: 'sms' });
		await expectConforming(instancePath, 'post', `${base}/${second.sid}`, 200, { Status: 'approved' });
	});

	it('verification check, wrong (pending) and right (approved), both 200', async () => {
		const service = await createService();
		await call('post', `/v2/Services/${service.sid}/Verifications`, { To: PHONE, Channel: 'sms' });
		const code = conformance.sandbox.lastCode(PHONE) as string;
		const wrong = code === '000000' ? '111111' : '000000';
		const checkUrl = `/v2/Services/${service.sid}/VerificationCheck`;

		const pending = await expectConforming(checkPath, 'post', checkUrl, 200, { To: PHONE, Code: wrong });
		expect(pending.status).toBe('pending');
		const approved = await expectConforming(checkPath, 'post', checkUrl, 200, { To: PHONE, Code: code });
		expect(approved.status).toBe('approved');
	});

	it('the 429 error body on create', async () => {
		const service = await createService();
		conformance.sandbox.setFaults({ failNext: { count: 1, status: 429 } });
		const body = await expectConforming(createPath, 'post', `/v2/Services/${service.sid}/Verifications`, 429, {
			To: PHONE,
			Channel: 'sms',
		});
		expect(body.code).toBe(20429);
	});
});

describe('rate limits and buckets conform to the OpenAPI', () => {
	it('rate limit create (201), fetch, update and list (200)', async () => {
		const service = await createService();
		const base = `/v2/Services/${service.sid}/RateLimits`;
		const withDescription = await expectConforming('/v2/Services/{ServiceSid}/RateLimits', 'post', base, 201, {
			UniqueName: 'end_user_ip',
			Description: 'Limit per IP',
		});
		await expectConforming('/v2/Services/{ServiceSid}/RateLimits', 'post', base, 201, { UniqueName: 'no_description' });

		const instance = '/v2/Services/{ServiceSid}/RateLimits/{Sid}';
		await expectConforming(instance, 'get', `${base}/${withDescription.sid}`, 200);
		await expectConforming(instance, 'post', `${base}/${withDescription.sid}`, 200, { Description: 'Changed' });
		const listed = await expectConforming('/v2/Services/{ServiceSid}/RateLimits', 'get', base, 200);
		expect(listed.rate_limits).toHaveLength(2);
	});

	it('bucket create (201), fetch, update and list (200)', async () => {
		const service = await createService();
		const rateLimit = (await call('post', `/v2/Services/${service.sid}/RateLimits`, { UniqueName: 'phone' })).body;
		const base = `/v2/Services/${service.sid}/RateLimits/${rateLimit.sid}/Buckets`;
		const listPath = '/v2/Services/{ServiceSid}/RateLimits/{RateLimitSid}/Buckets';
		const instancePath = '/v2/Services/{ServiceSid}/RateLimits/{RateLimitSid}/Buckets/{Sid}';

		const bucket = await expectConforming(listPath, 'post', base, 201, { Max: '5', Interval: '60' });
		await expectConforming(instancePath, 'get', `${base}/${bucket.sid}`, 200);
		await expectConforming(instancePath, 'post', `${base}/${bucket.sid}`, 200, { Max: '3' });
		const listed = await expectConforming(listPath, 'get', base, 200);
		expect(listed.buckets).toHaveLength(1);
		const empty = await expectConforming(listPath, 'get', `${base}?PageSize=1&Page=3`, 200);
		expect(empty.buckets).toEqual([]);
	});
});
