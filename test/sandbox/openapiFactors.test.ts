/**
 * OpenAPI conformance (see openapi.test.ts) of Entities, TOTP Factors and Challenges: every field the description
 * declares is present, none is invented, nested objects have the keys of Twilio's TOTP examples.
 */
import { call, createService, expectConforming, useConformanceSandbox } from '../support/openapiConformance';

const conformance = useConformanceSandbox();

const IDENTITY = 'ff483d1ff591898a9942916050d2ca3f';
const ENTITIES = '/v2/Services/{ServiceSid}/Entities';
const ENTITY = `${ENTITIES}/{Identity}`;
const FACTORS = `${ENTITY}/Factors`;
const FACTOR = `${FACTORS}/{Sid}`;
const CHALLENGES = `${ENTITY}/Challenges`;
const CHALLENGE = `${CHALLENGES}/{Sid}`;
/** Filled for push factors and challenges in Twilio's examples; null for TOTP. */
const PUSH_ONLY = ['metadata', 'details', 'hidden_details'];

describe('entities, factors and challenges conform to the OpenAPI', () => {
	it('entity create (201), fetch and list (200, empty and full), delete (204)', async () => {
		const service = await createService();
		const base = `/v2/Services/${service.sid}/Entities`;
		await expectConforming(ENTITIES, 'get', base, 200);
		const created = await expectConforming(ENTITIES, 'post', base, 201, { Identity: IDENTITY });
		expect(created).toMatchObject({ identity: IDENTITY, service_sid: service.sid });
		expect(created.sid).toMatch(/^YE[0-9a-f]{32}$/);
		await expectConforming(ENTITY, 'get', `${base}/${IDENTITY}`, 200);
		const listed = await expectConforming(ENTITIES, 'get', base, 200);
		expect(listed.entities).toHaveLength(1);
		expect((await call('delete', `${base}/${IDENTITY}`)).status).toBe(204);
		expect((await call('get', `${base}/${IDENTITY}`)).body).toMatchObject({ status: 404, code: 20404 });
	});

	it('new factor with its binding (201), factor fetch, verify and list (200, empty and full), delete (204)', async () => {
		const service = await createService({ FriendlyName: 'Schema Check' });
		const base = `/v2/Services/${service.sid}/Entities/${IDENTITY}/Factors`;
		const created = await expectConforming(FACTORS, 'post', base, 201, { FriendlyName: 'phone', FactorType: 'totp' }, { nullFields: PUSH_ONLY });
		expect(created.binding.uri).toMatch(/^otpauth:\/\/totp\/Schema%20Check:phone\?secret=[A-Z2-7]+&issuer=Schema%20Check&/);
		expect(created.config).toEqual({ alg: 'sha1', skew: 1, code_length: 6, time_step: 30 });

		const fetched = await expectConforming(FACTOR, 'get', `${base}/${created.sid}`, 200, {}, { nullFields: PUSH_ONLY });
		expect(fetched).not.toHaveProperty('binding');
		const code = conformance.sandbox.totpCode(created.sid) as string;
		const verified = await expectConforming(FACTOR, 'post', `${base}/${created.sid}`, 200, { AuthPayload: code }, { nullFields: PUSH_ONLY });
		expect(verified.status).toBe('verified');
		const listed = await expectConforming(FACTORS, 'get', base, 200, {}, { nullFields: PUSH_ONLY });
		expect(listed.factors).toHaveLength(1);
		expect((await call('delete', `${base}/${created.sid}`)).status).toBe(204);
		const empty = await expectConforming(FACTORS, 'get', base, 200);
		expect(empty.factors).toEqual([]);
	});

	it('challenge create (201, approved and pending), fetch, answer and list (200, empty and full)', async () => {
		const service = await createService();
		const entity = `/v2/Services/${service.sid}/Entities/${IDENTITY}`;
		const factor = (await call('post', `${entity}/Factors`, { FriendlyName: 'phone', FactorType: 'totp' })).body;
		await call('post', `${entity}/Factors/${factor.sid}`, { AuthPayload: conformance.sandbox.totpCode(factor.sid) as string });
		await expectConforming(CHALLENGES, 'get', `${entity}/Challenges`, 200);

		const code = conformance.sandbox.totpCode(factor.sid) as string;
		const options = { nullFields: PUSH_ONLY };
		const approved = await expectConforming(CHALLENGES, 'post', `${entity}/Challenges`, 201, { FactorSid: factor.sid, AuthPayload: code }, options);
		expect(approved).toMatchObject({ status: 'approved', responded_reason: 'none', factor_type: 'totp' });
		const pending = await expectConforming(
			CHALLENGES,
			'post',
			`${entity}/Challenges`,
			201,
			{ FactorSid: factor.sid, HiddenDetails: JSON.stringify({ ip: '172.168.1.234' }) },
			options,
		);
		expect(pending).toMatchObject({ status: 'pending', date_responded: null, hidden_details: { ip: '172.168.1.234' } });
		await expectConforming(CHALLENGE, 'get', `${entity}/Challenges/${approved.sid}`, 200, {}, options);
		const answered = await expectConforming(CHALLENGE, 'post', `${entity}/Challenges/${pending.sid}`, 200, { AuthPayload: code }, options);
		expect(answered.status).toBe('approved');
		const listed = await expectConforming(CHALLENGES, 'get', `${entity}/Challenges?Order=desc`, 200, {}, options);
		expect(listed.challenges.map((challenge: { sid: string }) => challenge.sid)).toEqual([pending.sid, approved.sid]);
	});
});
