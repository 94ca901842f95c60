/** The Twilio Verify Service node's Safe List, attempts, webhooks, messaging configurations and templates. */
import { TwilioVerifyService } from '../../nodes/TwilioVerifyService/TwilioVerifyService.node';
import { runNode } from '../support/n8nEngine';
import { byId, jsonOf, verifyCredentials, type Sandbox } from '../support/nodeHelpers';
import { startSandbox } from '../../sandbox';

const nodeType = new TwilioVerifyService();
let sandbox: Sandbox;

beforeEach(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterEach(() => sandbox.close());

async function run(parameters: Record<string, unknown>) {
	return await runNode({ nodeType, parameters: parameters as never, credentials: verifyCredentials(sandbox) });
}

async function runOk(parameters: Record<string, unknown>) {
	const { outputs, error } = await run(parameters);
	expect(error).toBeUndefined();
	return jsonOf(outputs[0]);
}

const PHONE = '+14155552671';

describe('Twilio Verify Service: safe list', () => {
	it('adds, gets and removes a phone number', async () => {
		const [added] = await runOk({ resource: 'safeList', operation: 'add', phoneNumber: ` ${PHONE} ` });
		expect(added).toMatchObject({ phoneNumber: PHONE, sid: expect.stringMatching(/^GN[0-9a-f]{32}$/) });
		expect((await runOk({ resource: 'safeList', operation: 'get', phoneNumber: PHONE }))[0]).toMatchObject({ sid: added.sid, phoneNumber: PHONE });
		expect(await runOk({ resource: 'safeList', operation: 'remove', phoneNumber: PHONE })).toEqual([{ removed: true, phoneNumber: PHONE }]);
		const gone = await run({ resource: 'safeList', operation: 'get', phoneNumber: PHONE });
		expect(gone.error?.message).toMatch(/Not found in Twilio Verify/);
		const invalid = await run({ resource: 'safeList', operation: 'add', phoneNumber: '4155552671' });
		expect(invalid.error?.message).toMatch(/Invalid parameter: PhoneNumber/);
	});
});

describe('Twilio Verify Service: verification attempts', () => {
	async function sendAndApprove(serviceSid: string) {
		const base = { Authorization: 'Basic ' + Buffer.from(`${sandbox.accountSid}:${sandbox.authToken}`).toString('base64') };
		const post = (path: string, form: Record<string, string>) =>
			fetch(`${sandbox.url}/v2/Services/${serviceSid}${path}`, { method: 'POST', headers: base, body: new URLSearchParams(form) });
		await post('/Verifications', { To: PHONE, Channel: 'sms' });
		await post('/VerificationCheck', { To: PHONE, Code: sandbox.lastCode(PHONE) as string });
		await post('/Verifications', { To: '+447700900123', Channel: 'call' });
		await post('/Verifications', { To: 'someone@example.com', Channel: 'email' });
	}

	it('lists attempts with filters, return all and limit, gets one and summarises', async () => {
		const service = sandbox.createService({ FriendlyName: 'Acme' });
		const other = sandbox.createService({ FriendlyName: 'Other' });
		await sendAndApprove(service.sid);
		await sendAndApprove(other.sid);

		const all = await runOk({ resource: 'verificationAttempt', operation: 'getAll', returnAll: true });
		expect(all).toHaveLength(6);
		expect(await runOk({ resource: 'verificationAttempt', operation: 'getAll', returnAll: false, limit: 2 })).toHaveLength(2);

		const ofService = await runOk({ resource: 'verificationAttempt', operation: 'getAll', returnAll: true, serviceSid: byId(service.sid) });
		expect(ofService).toHaveLength(3);
		expect(ofService.every((attempt) => attempt.serviceSid === service.sid)).toBe(true);

		const converted = await runOk({
			resource: 'verificationAttempt',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'converted', channel: 'sms', country: 'us', to: PHONE },
		});
		expect(converted).toHaveLength(2);
		expect(converted[0]).toMatchObject({ conversionStatus: 'converted', channel: 'sms', channelData: { to: PHONE, country: 'US' } });

		const byDate = await runOk({
			resource: 'verificationAttempt',
			operation: 'getAll',
			returnAll: true,
			filters: { dateCreatedAfter: new Date(Date.now() + 3_600_000).toISOString() },
		});
		expect(byDate).toEqual([]);
		const byVerification = await runOk({
			resource: 'verificationAttempt',
			operation: 'getAll',
			returnAll: true,
			filters: { verificationSid: String(converted[0].verificationSid), dateCreatedBefore: new Date(Date.now() + 3_600_000).toISOString() },
		});
		expect(byVerification).toHaveLength(1);

		const [one] = await runOk({ resource: 'verificationAttempt', operation: 'get', attemptSid: String(converted[0].sid) });
		expect(one).toMatchObject({ sid: converted[0].sid, verificationSid: converted[0].verificationSid });

		const [summary] = await runOk({ resource: 'verificationAttempt', operation: 'getSummary', serviceSid: byId(service.sid) });
		expect(summary).toMatchObject({ totalAttempts: 3, totalConverted: 1, totalUnconverted: 2 });
		const [british] = await runOk({ resource: 'verificationAttempt', operation: 'getSummary', filters: { destinationPrefix: '+44', channel: 'call' } });
		expect(british).toMatchObject({ totalAttempts: 2, totalConverted: 0, conversionRatePercentage: '0' });
	});

	it('follows next pages with the filters kept', async () => {
		const service = sandbox.createService({ FriendlyName: 'Acme' });
		for (let i = 0; i < 120; i++) {
			sandbox.state.startVerification(sandbox.accountSid, service.sid, { To: `+1415555${String(1000 + i)}`, Channel: 'sms' });
		}
		sandbox.state.startVerification(sandbox.accountSid, service.sid, { To: '+447700900123', Channel: 'sms' });
		expect(await runOk({ resource: 'verificationAttempt', operation: 'getAll', returnAll: true, filters: { country: 'US' } })).toHaveLength(120);
	});

	it('refuses a malformed service filter and an unknown attempt', async () => {
		const malformed = await run({ resource: 'verificationAttempt', operation: 'getAll', returnAll: true, serviceSid: byId('={{ "VA1" }}') });
		expect(malformed.error?.message).toMatch(/is not a Verify Service SID/);
		const unknown = await run({ resource: 'verificationAttempt', operation: 'get', attemptSid: 'VL' + '0'.repeat(32) });
		expect(unknown.error?.message).toMatch(/Not found in Twilio Verify/);
	});
});

describe('Twilio Verify Service: webhooks', () => {
	it('creates, gets, updates, lists and deletes a webhook', async () => {
		const service = sandbox.createService({ FriendlyName: 'Acme' });
		const serviceSid = byId(service.sid);
		const [created] = await runOk({
			resource: 'webhook',
			operation: 'create',
			serviceSid,
			friendlyName: 'Events',
			webhookUrl: 'https://example.com/hook',
			eventTypes: ['factor.created', 'challenge.approved'],
			additionalFields: { status: 'disabled' },
		});
		expect(created).toMatchObject({
			friendlyName: 'Events',
			eventTypes: ['factor.created', 'challenge.approved'],
			status: 'disabled',
			version: 'v2',
			webhookMethod: 'POST',
			webhookUrl: 'https://example.com/hook',
			serviceSid: service.sid,
		});
		const webhookSid = String(created.sid);
		expect((await runOk({ resource: 'webhook', operation: 'get', serviceSid, webhookSid }))[0]).toMatchObject({ sid: webhookSid });
		const [updated] = await runOk({
			resource: 'webhook',
			operation: 'update',
			serviceSid,
			webhookSid,
			updateFields: { status: 'enabled', eventTypes: ['*'], version: 'v1' },
		});
		expect(updated).toMatchObject({ status: 'enabled', eventTypes: ['*'], version: 'v1', friendlyName: 'Events' });
		const empty = await run({ resource: 'webhook', operation: 'update', serviceSid, webhookSid, updateFields: {} });
		expect(empty.error?.message).toBe('Add at least one field to update');

		await runOk({ resource: 'webhook', operation: 'create', serviceSid, friendlyName: 'Second', webhookUrl: 'https://example.com/2', eventTypes: ['*'] });
		expect(await runOk({ resource: 'webhook', operation: 'getAll', serviceSid, returnAll: true })).toHaveLength(2);
		expect(await runOk({ resource: 'webhook', operation: 'getAll', serviceSid, returnAll: false, limit: 1 })).toHaveLength(1);
		expect(await runOk({ resource: 'webhook', operation: 'delete', serviceSid, webhookSid })).toEqual([{ deleted: true, sid: webhookSid }]);
		expect(await runOk({ resource: 'webhook', operation: 'getAll', serviceSid, returnAll: true })).toHaveLength(1);

		const badUrl = await run({ resource: 'webhook', operation: 'create', serviceSid, friendlyName: 'x', webhookUrl: 'not a url', eventTypes: ['*'] });
		expect(badUrl.error?.message).toMatch(/Invalid parameter: WebhookUrl/);
	});
});

describe('Twilio Verify Service: messaging configurations', () => {
	it('creates, gets, updates, lists and deletes one per country', async () => {
		const service = sandbox.createService({ FriendlyName: 'Acme' });
		const serviceSid = byId(service.sid);
		const first = 'MG' + '1'.repeat(32);
		const second = 'MG' + '2'.repeat(32);
		const [created] = await runOk({ resource: 'messagingConfiguration', operation: 'create', serviceSid, country: 'ca', messagingServiceSid: first });
		expect(created).toMatchObject({ country: 'CA', messagingServiceSid: first, serviceSid: service.sid });
		await runOk({ resource: 'messagingConfiguration', operation: 'create', serviceSid, country: 'ALL', messagingServiceSid: first });
		const duplicate = await run({ resource: 'messagingConfiguration', operation: 'create', serviceSid, country: 'CA', messagingServiceSid: first });
		expect(duplicate.error?.message).toMatch(/already exists/);

		expect((await runOk({ resource: 'messagingConfiguration', operation: 'get', serviceSid, country: 'CA' }))[0]).toMatchObject({ country: 'CA' });
		expect((await runOk({ resource: 'messagingConfiguration', operation: 'update', serviceSid, country: 'CA', messagingServiceSid: second }))[0]).toMatchObject({
			messagingServiceSid: second,
		});
		const all = await runOk({ resource: 'messagingConfiguration', operation: 'getAll', serviceSid, returnAll: true });
		expect(all.map((configuration) => configuration.country).sort()).toEqual(['CA', 'all']);
		expect(await runOk({ resource: 'messagingConfiguration', operation: 'getAll', serviceSid, returnAll: false, limit: 1 })).toHaveLength(1);
		expect(await runOk({ resource: 'messagingConfiguration', operation: 'delete', serviceSid, country: 'CA' })).toEqual([{ deleted: true, country: 'CA' }]);
		const gone = await run({ resource: 'messagingConfiguration', operation: 'get', serviceSid, country: 'CA' });
		expect(gone.error?.message).toMatch(/Not found in Twilio Verify/);
	});
});

describe('Twilio Verify Service: templates', () => {
	it('lists templates, filtered by friendly name, with a limit', async () => {
		const all = await runOk({ resource: 'template', operation: 'getAll', returnAll: true });
		expect(all.length).toBeGreaterThan(1);
		expect(all[0]).toMatchObject({ sid: expect.stringMatching(/^HJ/), accountSid: sandbox.accountSid, friendlyName: expect.any(String) });
		expect(await runOk({ resource: 'template', operation: 'getAll', returnAll: false, limit: 1 })).toHaveLength(1);
		const whatsapp = await runOk({ resource: 'template', operation: 'getAll', returnAll: true, filters: { friendlyName: 'WhatsApp' } });
		expect(whatsapp).toEqual([expect.objectContaining({ channels: ['whatsapp'] })]);
	});
});
