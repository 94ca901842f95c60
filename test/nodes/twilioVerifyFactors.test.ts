/** The Twilio Verify Service node's authenticator apps: entities, TOTP factors and challenges, through n8n's engine. */
import { TwilioVerifyService } from '../../nodes/TwilioVerifyService/TwilioVerifyService.node';
import { runNode } from '../support/n8nEngine';
import { byId, expectNoSecrets, jsonOf, verifyCredentials, type Sandbox } from '../support/nodeHelpers';
import { startSandbox } from '../../sandbox';

const nodeType = new TwilioVerifyService();
let sandbox: Sandbox;
let serviceSid: ReturnType<typeof byId>;

beforeEach(async () => {
	sandbox = await startSandbox({ port: 0 });
	serviceSid = byId(sandbox.createService({ FriendlyName: 'Acme' }).sid);
});
afterEach(() => sandbox.close());

async function run(parameters: Record<string, unknown>) {
	return await runNode({ nodeType, parameters: { serviceSid, ...parameters } as never, credentials: verifyCredentials(sandbox) });
}

async function runOk(parameters: Record<string, unknown>) {
	const { outputs, error } = await run(parameters);
	expect(error).toBeUndefined();
	return jsonOf(outputs[0]);
}

const IDENTITY = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

/** A code of the right length that is certainly not `code`. */
const wrong = (code: string) => code.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10));

describe('Twilio Verify Service: entities', () => {
	it('creates, gets, lists and deletes an entity', async () => {
		const [created] = await runOk({ resource: 'entity', operation: 'create', identity: ` ${IDENTITY} ` });
		expect(created).toMatchObject({ identity: IDENTITY, sid: expect.stringMatching(/^YE[0-9a-f]{32}$/), links: { factors: expect.any(String) } });
		expect((await runOk({ resource: 'entity', operation: 'get', identity: IDENTITY }))[0]).toMatchObject({ sid: created.sid });
		await runOk({ resource: 'entity', operation: 'create', identity: 'second-member-01' });
		expect(await runOk({ resource: 'entity', operation: 'getAll', returnAll: true })).toHaveLength(2);
		expect(await runOk({ resource: 'entity', operation: 'getAll', returnAll: false, limit: 1 })).toHaveLength(1);
		expect(await runOk({ resource: 'entity', operation: 'delete', identity: IDENTITY })).toEqual([{ deleted: true, identity: IDENTITY }]);
		const gone = await run({ resource: 'entity', operation: 'get', identity: IDENTITY });
		expect(gone.error?.message).toMatch(/Not found in Twilio Verify/);
	});

	it('reports Twilio’s refusal of a bad identity and of a duplicate', async () => {
		const bad = await run({ resource: 'entity', operation: 'create', identity: 'ann@example.com' });
		expect(bad.error?.message).toMatch(/Invalid parameter: Identity/);
		await runOk({ resource: 'entity', operation: 'create', identity: IDENTITY });
		const duplicate = await run({ resource: 'entity', operation: 'create', identity: IDENTITY });
		expect(duplicate.error?.message).toMatch(/Entity already exists/);
	});
});

describe('Twilio Verify Service: factors and challenges', () => {
	it('creates a TOTP factor, verifies it, checks codes with challenges, lists and deletes', async () => {
		const [factor] = await runOk({
			resource: 'factor',
			operation: 'create',
			identity: IDENTITY,
			friendlyName: 'Work phone',
			totpOptions: { codeLength: 8, timeStep: 60 },
		});
		expect(factor).toMatchObject({
			status: 'unverified',
			factorType: 'totp',
			identity: IDENTITY,
			config: { alg: 'sha1', codeLength: 8, timeStep: 60, skew: 1 },
			uri: expect.stringMatching(/^otpauth:\/\/totp\/Acme:Work%20phone\?secret=[A-Z2-7]+&issuer=Acme&algorithm=SHA1&digits=8&period=60$/),
		});
		expect(factor).not.toHaveProperty('binding');
		const factorSid = String(factor.sid);
		const secret = /secret=(\w+)/.exec(String(factor.uri))?.[1] as string;
		const code = sandbox.totpCode(factorSid) as string;

		const [stillNew] = await runOk({ resource: 'factor', operation: 'verify', identity: IDENTITY, factorSid, code: wrong(code) });
		expect(stillNew.status).toBe('unverified');
		const [verified] = await runOk({ resource: 'factor', operation: 'verify', identity: IDENTITY, factorSid, code });
		expect(verified.status).toBe('verified');

		const [approved] = await runOk({ resource: 'challenge', operation: 'create', identity: IDENTITY, factorSid, code });
		expect(approved).toMatchObject({ status: 'approved', factorSid, factorType: 'totp', dateResponded: expect.anything() });
		const [pending] = await runOk({ resource: 'challenge', operation: 'create', identity: IDENTITY, factorSid, code: wrong(code) });
		expect(pending).toMatchObject({ status: 'pending', dateResponded: null });
		expect((await runOk({ resource: 'challenge', operation: 'get', identity: IDENTITY, challengeSid: String(approved.sid) }))[0]).toMatchObject({
			sid: approved.sid,
			status: 'approved',
		});
		const all = await runOk({ resource: 'challenge', operation: 'getAll', identity: IDENTITY, returnAll: true });
		expect(all.map((challenge) => challenge.sid)).toEqual([approved.sid, pending.sid]);
		const onlyPending = await runOk({ resource: 'challenge', operation: 'getAll', identity: IDENTITY, returnAll: true, filters: { status: 'pending', factorSid } });
		expect(onlyPending.map((challenge) => challenge.sid)).toEqual([pending.sid]);
		expect(await runOk({ resource: 'challenge', operation: 'getAll', identity: IDENTITY, returnAll: false, limit: 1 })).toHaveLength(1);

		const [fetched] = await runOk({ resource: 'factor', operation: 'get', identity: IDENTITY, factorSid });
		const listed = await runOk({ resource: 'factor', operation: 'getAll', identity: IDENTITY, returnAll: true });
		expect(listed).toEqual([expect.objectContaining({ sid: factorSid, status: 'verified' })]);
		expectNoSecrets([stillNew, verified, approved, pending, fetched, listed, all], [secret, code]);

		expect(await runOk({ resource: 'factor', operation: 'delete', identity: IDENTITY, factorSid })).toEqual([{ deleted: true, sid: factorSid }]);
		const gone = await run({ resource: 'factor', operation: 'get', identity: IDENTITY, factorSid });
		expect(gone.error?.message).toMatch(/Not found in Twilio Verify/);
	});

	it('refuses a challenge for a factor not verified yet, and a code of the wrong shape', async () => {
		const [factor] = await runOk({ resource: 'factor', operation: 'create', identity: IDENTITY, friendlyName: 'phone' });
		const factorSid = String(factor.sid);
		const unverified = await run({ resource: 'challenge', operation: 'create', identity: IDENTITY, factorSid, code: sandbox.totpCode(factorSid) });
		expect(unverified.error?.message).toMatch(/Factor is unverified/);
		const malformed = await run({ resource: 'factor', operation: 'verify', identity: IDENTITY, factorSid, code: '12' });
		expect(malformed.error?.message).toMatch(/Invalid parameter: AuthPayload/);
	});

	it('runs every item on its own, with pairedItem', async () => {
		const [factor] = await runOk({ resource: 'factor', operation: 'create', identity: IDENTITY, friendlyName: 'phone' });
		const factorSid = String(factor.sid);
		await runOk({ resource: 'factor', operation: 'verify', identity: IDENTITY, factorSid, code: sandbox.totpCode(factorSid) });
		const code = sandbox.totpCode(factorSid) as string;
		const { outputs, error } = await runNode({
			nodeType,
			parameters: { serviceSid, resource: 'challenge', operation: 'create', identity: IDENTITY, factorSid, code: '={{ $json.code }}' } as never,
			credentials: verifyCredentials(sandbox),
			items: [{ code }, { code: wrong(code) }],
		});
		expect(error).toBeUndefined();
		expect(jsonOf(outputs[0]).map((challenge) => challenge.status)).toEqual(['approved', 'pending']);
		expect(outputs[0]?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
