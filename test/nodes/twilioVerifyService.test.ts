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

async function run(parameters: Record<string, unknown>, continueOnFail = false) {
	return await runNode({ nodeType, parameters: parameters as never, credentials: verifyCredentials(sandbox), continueOnFail });
}

async function runOk(parameters: Record<string, unknown>) {
	const { outputs, error } = await run(parameters);
	expect(error).toBeUndefined();
	return jsonOf(outputs[0]);
}

describe('Twilio Verify Service: services', () => {
	it('creates, gets, updates, lists and deletes a Verify Service', async () => {
		// Settings whose names are the same in the node's fields and in its output.
		const settings = {
			codeLength: 8,
			lookupEnabled: true,
			skipSmsToLandlines: true,
			doNotShareWarningEnabled: true,
			psd2Enabled: true,
			customCodeEnabled: true,
		};
		const additionalFields = { ...settings, whatsappFrom: '+14155552671', defaultTemplateSid: '' };
		const [created] = await runOk({ resource: 'service', operation: 'create', friendlyName: 'Acme', additionalFields });
		expect(created).toMatchObject({ friendlyName: 'Acme', ...settings, whatsapp: { from: '+14155552671' } });
		const sid = String(created.sid);
		expect(sid).toMatch(/^VA[0-9a-f]{32}$/);

		const [fetched] = await runOk({ resource: 'service', operation: 'get', serviceSid: byId(sid) });
		expect(fetched).toMatchObject({ sid, friendlyName: 'Acme' });
		// One key style in outputs: nested objects too (Twilio sends totp.time_step).
		expect(JSON.stringify(fetched)).not.toMatch(/"[a-z]+_[a-z_]+":/);

		const [updated] = await runOk({ resource: 'service', operation: 'update', serviceSid: byId(sid), updateFields: { friendlyName: 'Acme 2', codeLength: 4 } });
		expect(updated).toMatchObject({ sid, friendlyName: 'Acme 2', codeLength: 4 });

		await runOk({ resource: 'service', operation: 'create', friendlyName: 'Other' });
		const all = await runOk({ resource: 'service', operation: 'getAll', returnAll: true });
		expect(all.map((service) => service.friendlyName).sort()).toEqual(['Acme 2', 'Other']);
		const limited = await runOk({ resource: 'service', operation: 'getAll', returnAll: false, limit: 1 });
		expect(limited).toHaveLength(1);

		expect(await runOk({ resource: 'service', operation: 'delete', serviceSid: byId(sid) })).toEqual([{ deleted: true, sid }]);
		const gone = await run({ resource: 'service', operation: 'get', serviceSid: byId(sid) });
		expect(gone.error?.message).toMatch(/Not found in Twilio Verify/);
		expect(gone.error?.httpCode).toBe('404');
	});

	it('pages through more services than one page holds', async () => {
		for (let i = 0; i < 120; i++) sandbox.createService({ FriendlyName: `Service ${i}` });
		expect(await runOk({ resource: 'service', operation: 'getAll', returnAll: true })).toHaveLength(120);
	});

	it('stops on a code length Twilio refuses, and continues on fail when asked', async () => {
		const refused = await run({ resource: 'service', operation: 'create', friendlyName: 'Acme', additionalFields: { codeLength: 11 } });
		expect(refused.error?.message).toMatch(/Twilio refused the request: Invalid parameter/);
		const continued = await run({ resource: 'service', operation: 'create', friendlyName: 'Acme', additionalFields: { codeLength: 11 } }, true);
		expect(jsonOf(continued.outputs[0])[0].error).toMatch(/Invalid parameter/);
	});

	it('refuses an update with nothing to update', async () => {
		const service = sandbox.createService({ FriendlyName: 'Acme' });
		const { error } = await run({ resource: 'service', operation: 'update', serviceSid: byId(service.sid), updateFields: {} });
		expect(error?.message).toBe('Add at least one field to update');
	});

	it('refuses a malformed service SID before calling Twilio', async () => {
		const before = sandbox.requests.length;
		// Typed in the editor or coming from an expression: the node refuses it before any request.
		for (const typed of ['VA123', '={{ "VA" + "123" }}']) {
			const { error } = await run({ resource: 'service', operation: 'get', serviceSid: byId(typed) });
			expect(error?.message).toMatch(/is not a Verify Service SID/);
		}
		expect(sandbox.requests.length).toBe(before);
	});

	it('lists services for the resource locator, filtered by name', async () => {
		sandbox.createService({ FriendlyName: 'Acme Login' });
		sandbox.createService({ FriendlyName: 'Other' });
		const { results } = await new TwilioVerifyService().methods.listSearch.searchVerifyServices.call(
			{ getCredentials: async () => verifyCredentials(sandbox).twilioVerifyApi } as never,
			'acme',
		);
		expect(results).toEqual([expect.objectContaining({ name: expect.stringMatching(/^Acme Login \(VA[0-9a-f]{32}\)$/) })]);
	});
});

describe('Twilio Verify Service: rate limits and buckets', () => {
	it('manages rate limits and their buckets', async () => {
		const service = sandbox.createService({ FriendlyName: 'Acme' });
		const serviceSid = byId(service.sid);
		const [rateLimit] = await runOk({ resource: 'rateLimit', operation: 'create', serviceSid, uniqueName: 'end_user_ip_address', rateLimitDescription: 'Per IP' });
		expect(rateLimit).toMatchObject({ uniqueName: 'end_user_ip_address', description: 'Per IP', serviceSid: service.sid });
		const rateLimitSid = String(rateLimit.sid);

		expect((await runOk({ resource: 'rateLimit', operation: 'get', serviceSid, rateLimitSid }))[0]).toMatchObject({ sid: rateLimitSid });
		expect((await runOk({ resource: 'rateLimit', operation: 'update', serviceSid, rateLimitSid, rateLimitDescription: 'IP' }))[0]).toMatchObject({ description: 'IP' });
		expect(await runOk({ resource: 'rateLimit', operation: 'getAll', serviceSid, returnAll: true })).toHaveLength(1);

		const duplicate = await run({ resource: 'rateLimit', operation: 'create', serviceSid, uniqueName: 'end_user_ip_address' });
		expect(duplicate.error?.message).toMatch(/already exists/);

		const [bucket] = await runOk({ resource: 'bucket', operation: 'create', serviceSid, rateLimitSid, max: 5, interval: 60 });
		expect(bucket).toMatchObject({ max: 5, interval: 60, rateLimitSid });
		const bucketSid = String(bucket.sid);
		expect((await runOk({ resource: 'bucket', operation: 'get', serviceSid, rateLimitSid, bucketSid }))[0]).toMatchObject({ sid: bucketSid });
		expect((await runOk({ resource: 'bucket', operation: 'update', serviceSid, rateLimitSid, bucketSid, max: 10, interval: 120 }))[0]).toMatchObject({ max: 10, interval: 120 });
		expect(await runOk({ resource: 'bucket', operation: 'getAll', serviceSid, rateLimitSid, returnAll: true })).toHaveLength(1);
		expect(await runOk({ resource: 'bucket', operation: 'delete', serviceSid, rateLimitSid, bucketSid })).toEqual([{ deleted: true, sid: bucketSid }]);
		expect(await runOk({ resource: 'rateLimit', operation: 'delete', serviceSid, rateLimitSid })).toEqual([{ deleted: true, sid: rateLimitSid }]);
		expect(await runOk({ resource: 'rateLimit', operation: 'getAll', serviceSid, returnAll: true })).toHaveLength(0);
	});
});
