/** OpenAPI conformance (see openapi.test.ts) of the Safe List, attempts, templates, service webhooks and messaging configurations. */
import { useConformanceSandbox, call, expectConforming, createService, PHONE } from '../support/openapiConformance';

const conformance = useConformanceSandbox();

describe('safe list, attempts and templates conform to the OpenAPI', () => {
	it('safe list add (201), fetch (200), remove (204), and 404 after removal', async () => {
		const added = await expectConforming('/v2/SafeList/Numbers', 'post', '/v2/SafeList/Numbers', 201, { PhoneNumber: PHONE });
		expect(added).toMatchObject({ phone_number: PHONE });
		await expectConforming('/v2/SafeList/Numbers/{PhoneNumber}', 'get', `/v2/SafeList/Numbers/${PHONE}`, 200);
		expect((await call('delete', `/v2/SafeList/Numbers/${PHONE}`)).status).toBe(204);
		expect((await call('get', `/v2/SafeList/Numbers/${PHONE}`)).body).toMatchObject({ status: 404, code: 20404 });
		expect((await call('post', '/v2/SafeList/Numbers', { PhoneNumber: '12345' })).body).toMatchObject({ code: 60200 });
	});

	it('attempts list (200, empty and full), fetch (200) and summary (200)', async () => {
		await expectConforming('/v2/Attempts', 'get', '/v2/Attempts', 200);
		const service = await createService();
		const base = `/v2/Services/${service.sid}/Verifications`;
		await call('post', base, { To: PHONE, Channel: 'sms' });
		await call('post', base, { To: 'someone@example.com', Channel: 'email' });
		await call('post', `/v2/Services/${service.sid}/VerificationCheck`, { To: PHONE, Code: conformance.sandbox.lastCode(PHONE) as string });

		const listed = await expectConforming('/v2/Attempts', 'get', '/v2/Attempts', 200);
		expect(listed.attempts).toHaveLength(2);
		const converted = await expectConforming('/v2/Attempts', 'get', '/v2/Attempts?Status=converted&PageSize=1', 200);
		expect(converted.attempts).toEqual([expect.objectContaining({ conversion_status: 'converted', channel: 'sms' })]);
		expect(converted.attempts[0].channel_data).toMatchObject({ to: PHONE, country: 'US', code_length: 6 });
		await expectConforming('/v2/Attempts/{Sid}', 'get', `/v2/Attempts/${converted.attempts[0].sid}`, 200);

		const summary = await expectConforming('/v2/Attempts/Summary', 'get', '/v2/Attempts/Summary', 200);
		expect(summary).toMatchObject({ total_attempts: 2, total_converted: 1, total_unconverted: 1, conversion_rate_percentage: '50' });
	});

	it('attempt pages keep their filters in the page URLs', async () => {
		const service = await createService();
		for (const to of ['+15017122661', '+15017122662', '+447700900123']) {
			await call('post', `/v2/Services/${service.sid}/Verifications`, { To: to, Channel: 'sms' });
		}
		const first = await expectConforming('/v2/Attempts', 'get', '/v2/Attempts?Country=US&PageSize=1', 200);
		expect(first.meta.next_page_url).toContain('Country=US');
		const next = new URL(first.meta.next_page_url);
		const second = await expectConforming('/v2/Attempts', 'get', next.pathname + next.search, 200);
		expect(second.attempts).toHaveLength(1);
		expect(second.meta.next_page_url).toBeNull();
		expect((await call('get', '/v2/Attempts?Status=approved')).body).toMatchObject({ code: 60200 });
	});

	it('templates list (200), filtered by friendly name', async () => {
		const all = await expectConforming('/v2/Templates', 'get', '/v2/Templates', 200);
		expect(all.templates.length).toBeGreaterThan(1);
		const filtered = await expectConforming('/v2/Templates', 'get', '/v2/Templates?FriendlyName=whatsapp', 200);
		expect(filtered.templates).toEqual([expect.objectContaining({ channels: ['whatsapp'] })]);
	});
});

describe('webhooks and messaging configurations conform to the OpenAPI', () => {
	it('webhook create (201), fetch, update and list (200), delete (204)', async () => {
		const service = await createService();
		const base = `/v2/Services/${service.sid}/Webhooks`;
		const listPath = '/v2/Services/{ServiceSid}/Webhooks';
		const instancePath = '/v2/Services/{ServiceSid}/Webhooks/{Sid}';
		const form = new URLSearchParams({ FriendlyName: 'hook', WebhookUrl: 'https://example.com/hook' });
		form.append('EventTypes', 'factor.created');
		form.append('EventTypes', 'factor.verified');
		const created = await expectConforming(listPath, 'post', base, 201, Object.fromEntries(form));
		expect(created).toMatchObject({ status: 'enabled', version: 'v2', webhook_method: 'POST' });
		await expectConforming(instancePath, 'get', `${base}/${created.sid}`, 200);
		const updated = await expectConforming(instancePath, 'post', `${base}/${created.sid}`, 200, { Status: 'disabled', Version: 'v1' });
		expect(updated).toMatchObject({ status: 'disabled', version: 'v1' });
		const listed = await expectConforming(listPath, 'get', base, 200);
		expect(listed.webhooks).toHaveLength(1);
		expect((await call('delete', `${base}/${created.sid}`)).status).toBe(204);
		expect((await call('post', base, { FriendlyName: 'x', WebhookUrl: 'https://e.com', EventTypes: 'sms.sent' })).body).toMatchObject({
			code: 60200,
		});
	});

	it('messaging configuration create (201), fetch, update and list (200), delete (204)', async () => {
		const service = await createService();
		const base = `/v2/Services/${service.sid}/MessagingConfigurations`;
		const listPath = '/v2/Services/{ServiceSid}/MessagingConfigurations';
		const instancePath = '/v2/Services/{ServiceSid}/MessagingConfigurations/{Country}';
		const messagingServiceSid = 'MG' + '1'.repeat(32);
		await expectConforming(listPath, 'post', base, 201, { Country: 'CA', MessagingServiceSid: messagingServiceSid });
		await expectConforming(listPath, 'post', base, 201, { Country: 'all', MessagingServiceSid: messagingServiceSid });
		await expectConforming(instancePath, 'get', `${base}/CA`, 200);
		const updated = await expectConforming(instancePath, 'post', `${base}/CA`, 200, { MessagingServiceSid: 'MG' + '2'.repeat(32) });
		expect(updated.messaging_service_sid).toBe('MG' + '2'.repeat(32));
		const listed = await expectConforming(listPath, 'get', `${base}?PageSize=1`, 200);
		expect(listed.meta.next_page_url).not.toBeNull();
		expect((await call('post', base, { Country: 'CA', MessagingServiceSid: messagingServiceSid })).status).toBe(409);
		expect((await call('delete', `${base}/CA`)).status).toBe(204);
		expect((await call('get', `${base}/CA`)).status).toBe(404);
	});
});
