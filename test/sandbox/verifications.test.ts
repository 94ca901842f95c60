/**
 * The sandbox over real HTTP: sending, re-sending, checking, expiring, cancelling and approving verifications.
 */
import { MAX_CHECK_ATTEMPTS, MAX_SEND_ATTEMPTS, VERIFICATION_TTL_MS } from '../../sandbox';
import { api, checkCode, createService, expectTwilioError, type Json, OTHER_PHONE, PHONE, sandbox, sendCode, useFreshService, useSandbox, wrongCodeFor } from '../support/sandboxClient';

useSandbox();

describe('verifications', () => {
	const service = useFreshService();

	it('sends, rejects a wrong code, approves the right one, then forgets the verification', async () => {
		const sent = await sendCode(service.sid);
		expect(sent.status).toBe(201);
		expect(sent.body).toMatchObject({
			service_sid: service.sid,
			account_sid: sandbox.accountSid,
			to: PHONE,
			channel: 'sms',
			status: 'pending',
			valid: false,
			amount: null,
			payee: null,
			sna: null,
			url: `${sandbox.url}/v2/Services/${service.sid}/Verifications/${sent.body.sid}`,
		});
		expect(sent.body.sid).toMatch(/^VE[0-9a-f]{32}$/);
		expect(sent.body.send_code_attempts).toEqual([
			{ attempt_sid: expect.stringMatching(/^VL[0-9a-f]{32}$/), channel: 'sms', time: sent.body.date_created },
		]);

		const code = sandbox.lastCode(PHONE) as string;
		expect(code).toMatch(/^\d{6}$/);

		const wrong = await checkCode(service.sid, wrongCodeFor(code));
		expect(wrong.status).toBe(200);
		expect(wrong.body).toMatchObject({ sid: sent.body.sid, status: 'pending', valid: false });

		const right = await checkCode(service.sid, code);
		expect(right.status).toBe(200);
		expect(right.body).toMatchObject({
			sid: sent.body.sid,
			status: 'approved',
			valid: true,
			to: PHONE,
			channel: 'sms',
		});

		expectTwilioError(
			await checkCode(service.sid, code),
			404,
			20404,
			`The requested resource /Services/${service.sid}/VerificationCheck was not found`,
		);
	});

	it('checks by VerificationSid as well as by To', async () => {
		const sent = await sendCode(service.sid);
		const response = await api('POST', `/v2/Services/${service.sid}/VerificationCheck`, {
			VerificationSid: sent.body.sid,
			Code: sandbox.lastCode(PHONE) as string,
		});
		expect(response.body).toMatchObject({ sid: sent.body.sid, status: 'approved' });
	});

	it('re-sends the same code under the same SID while pending', async () => {
		const first = await sendCode(service.sid);
		const firstCode = sandbox.lastCode(PHONE);
		sandbox.advanceTime(30_000);
		const second = await sendCode(service.sid, { Channel: 'call' });

		expect(second.status).toBe(201);
		expect(second.body.sid).toBe(first.body.sid);
		expect(second.body.channel).toBe('call');
		expect(sandbox.lastCode(PHONE)).toBe(firstCode);
		expect(second.body.send_code_attempts.map((attempt: Json) => attempt.channel)).toEqual(['sms', 'call']);
		expect(second.body.date_updated).not.toBe(first.body.date_updated);
	});

	it('keeps one pending verification per recipient and per service', async () => {
		const otherServiceSid = (await createService()).sid;
		const a = await sendCode(service.sid);
		const b = await sendCode(service.sid, { To: OTHER_PHONE });
		const c = await sendCode(otherServiceSid);
		expect(new Set([a.body.sid, b.body.sid, c.body.sid]).size).toBe(3);
	});

	it(`answers 429 / 60203 after ${MAX_SEND_ATTEMPTS} sends`, async () => {
		for (let i = 0; i < MAX_SEND_ATTEMPTS; i += 1) expect((await sendCode(service.sid)).status).toBe(201);
		expectTwilioError(await sendCode(service.sid), 429, 60203, 'Max send attempts reached');
		// The pending verification itself is still usable.
		expect((await checkCode(service.sid, sandbox.lastCode(PHONE) as string)).body.status).toBe('approved');
	});

	it(`answers 429 / 60202 after ${MAX_CHECK_ATTEMPTS} wrong checks, even for the right code`, async () => {
		await sendCode(service.sid);
		const code = sandbox.lastCode(PHONE) as string;
		for (let i = 0; i < MAX_CHECK_ATTEMPTS; i += 1) {
			const wrong = await checkCode(service.sid, wrongCodeFor(code));
			expect(wrong.status).toBe(200);
			expect(wrong.body.status).toBe('pending');
		}
		expectTwilioError(await checkCode(service.sid, code), 429, 60202, 'Max check attempts reached');
		expectTwilioError(await checkCode(service.sid, code), 404, 20404);
		// A new send starts a fresh verification.
		const fresh = await sendCode(service.sid);
		expect(fresh.status).toBe(201);
		expect(fresh.body.send_code_attempts).toHaveLength(1);
	});

	it('expires 10 minutes after creation', async () => {
		const sent = await sendCode(service.sid);
		const code = sandbox.lastCode(PHONE) as string;

		sandbox.advanceTime(VERIFICATION_TTL_MS - 1000);
		expect((await api('GET', `/v2/Services/${service.sid}/Verifications/${sent.body.sid}`)).status).toBe(200);

		sandbox.advanceTime(1000);
		expectTwilioError(await checkCode(service.sid, code), 404, 20404);
		expectTwilioError(await api('GET', `/v2/Services/${service.sid}/Verifications/${sent.body.sid}`), 404, 20404);

		const next = await sendCode(service.sid);
		expect(next.body.sid).not.toBe(sent.body.sid);
	});

	it('fetches a pending verification', async () => {
		const sent = await sendCode(service.sid);
		const fetched = await api('GET', `/v2/Services/${service.sid}/Verifications/${sent.body.sid}`);
		expect(fetched.status).toBe(200);
		expect(fetched.body).toEqual(sent.body);
	});

	it('cancels a verification; checks and fetches then find nothing', async () => {
		const sent = await sendCode(service.sid);
		const path = `/v2/Services/${service.sid}/Verifications/${sent.body.sid}`;
		const canceled = await api('POST', path, { Status: 'canceled' });
		expect(canceled.status).toBe(200);
		expect(canceled.body).toMatchObject({ sid: sent.body.sid, status: 'canceled', valid: false });

		expectTwilioError(await checkCode(service.sid, sandbox.lastCode(PHONE) as string), 404, 20404);
		expectTwilioError(
			await api('GET', path),
			404,
			20404,
			`The requested resource /Services/${service.sid}/Verifications/${sent.body.sid} was not found`,
		);
	});

	it('approves a verification through an update', async () => {
		const sent = await sendCode(service.sid);
		const approved = await api('POST', `/v2/Services/${service.sid}/Verifications/${sent.body.sid}`, {
			Status: 'approved',
		});
		expect(approved.body).toMatchObject({ status: 'approved', valid: true });
	});

	it('validates the update Status', async () => {
		const sent = await sendCode(service.sid);
		const path = `/v2/Services/${service.sid}/Verifications/${sent.body.sid}`;
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
			await sendCode(service.sid, { To: to, Channel: channel }),
			400,
			60200,
			`Invalid parameter \`To\`: ${to}`,
		);
	});

	it('validates Channel, and requires To and Channel', async () => {
		expectTwilioError(await sendCode(service.sid, { Channel: 'pigeon' }), 400, 60200, 'Invalid parameter: Channel');
		const missingTo = await api('POST', `/v2/Services/${service.sid}/Verifications`, { Channel: 'sms' });
		expectTwilioError(missingTo, 400, 20001, 'Missing required parameter To in the post body');
		const missingChannel = await api('POST', `/v2/Services/${service.sid}/Verifications`, { To: PHONE });
		expectTwilioError(missingChannel, 400, 20001, 'Missing required parameter Channel in the post body');
	});

	it('accepts email (no mailer configuration needed here) and resolves auto to sms', async () => {
		const email = await sendCode(service.sid, { To: 'person@example.com', Channel: 'email' });
		expect(email.body).toMatchObject({ to: 'person@example.com', channel: 'email' });
		expect(sandbox.lastCode('person@example.com')).toMatch(/^\d{6}$/);
		expect((await sendCode(service.sid, { Channel: 'auto' })).body.channel).toBe('sms');
	});

	it('validates the check: Code 4-10 characters, To or VerificationSid', async () => {
		await sendCode(service.sid);
		expectTwilioError(await checkCode(service.sid, '123'), 400, 60200, 'Invalid parameter: Code');
		const noRecipient = await api('POST', `/v2/Services/${service.sid}/VerificationCheck`, { Code: '123456' });
		expectTwilioError(noRecipient, 400, 60200, 'Invalid parameter: To');
		expectTwilioError(await checkCode(service.sid, '123456', { To: OTHER_PHONE }), 404, 20404);
	});

	it('uses a custom code only when the service allows it', async () => {
		expectTwilioError(await sendCode(service.sid, { CustomCode: '4242' }), 400, 60204);

		const customSid = (await createService({ CustomCodeEnabled: 'true' })).sid;
		expectTwilioError(await sendCode(customSid, { CustomCode: '42' }), 400, 60200, 'Invalid parameter: CustomCode');
		await sendCode(customSid, { CustomCode: '424242' });
		expect(sandbox.lastCode(PHONE, customSid)).toBe('424242');
		expect((await checkCode(customSid, '424242')).body.status).toBe('approved');
	});

	it('handles PSD2 amount and payee only on PSD2 services', async () => {
		expectTwilioError(await sendCode(service.sid, { Amount: '€10', Payee: 'Acme' }), 400, 60204);

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
			await sendCode(service.sid, { RateLimits: '{not json' }),
			400,
			60200,
			'Invalid parameter: RateLimits',
		);
		expectTwilioError(await sendCode(service.sid, { DeviceIp: 'not-an-ip' }), 400, 60200, 'Invalid parameter: DeviceIp');
		const ok = await sendCode(service.sid, {
			ChannelConfiguration: JSON.stringify({ template_id: 'd-123' }),
			Tags: JSON.stringify({ flow: 'login' }),
			DeviceIp: '203.0.113.7',
			Locale: 'fr',
		});
		expect(ok.status).toBe(201);
		expect(sandbox.state.getVerification(sandbox.accountSid, service.sid, ok.body.sid).request).toMatchObject({
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
		expectTwilioError(await api('GET', `/v2/Services/${service.sid}/Verifications/VE${'0'.repeat(32)}`), 404, 20404);
	});
});
