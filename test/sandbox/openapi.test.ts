/**
 * Every kind of response the sandbox produces must match Twilio's official
 * OpenAPI description of Verify v2 (vendored, MIT) — and carry every field the
 * schema declares, because Twilio always sends all of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const SPEC_PATH = join(__dirname, '..', 'fixtures', 'twilio-verify-openapi', 'twilio_verify_v2.json');
const spec: Json = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));

// ---------------------------------------------------------------------------
// OpenAPI 3.0 schema -> JSON Schema that ajv understands, strict about fields
// ---------------------------------------------------------------------------

/** Keywords that are OpenAPI/Twilio annotations, not validation. */
const ANNOTATIONS = new Set(['nullable', 'x-twilio', 'example', 'examples', 'deprecated', 'description', 'title']);

function resolveRef(ref: string): Json {
	if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
	return ref
		.slice(2)
		.split('/')
		.reduce((node: Json, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

/**
 * Inlines $refs and turns `nullable: true` into a `null` type. Objects that
 * declare properties get `required: <all of them>` and
 * `additionalProperties: false`: a dropped, misnamed or invented field fails.
 */
function toStrictJsonSchema(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(toStrictJsonSchema);
	if (node === null || typeof node !== 'object') return node;
	const source = node as Json;
	if (typeof source.$ref === 'string') {
		const { $ref, ...siblings } = source;
		return toStrictJsonSchema({ ...resolveRef($ref), ...siblings });
	}

	const schema: Json = {};
	for (const [key, value] of Object.entries(source)) {
		if (ANNOTATIONS.has(key)) continue;
		schema[key] = key === 'properties' ? mapValues(value as Json, toStrictJsonSchema) : toStrictJsonSchema(value);
	}
	if (source.nullable === true) allowNull(schema);
	if (schema.properties) {
		schema.type = schema.type ?? 'object';
		schema.required = Object.keys(schema.properties);
		schema.additionalProperties = false;
	}
	return schema;
}

function allowNull(schema: Json): void {
	if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
	if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
}

function mapValues(object: Json, transform: (value: unknown) => unknown): Json {
	return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, transform(value)]));
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Twilio-specific formats carry no extra constraint we can check.
ajv.addFormat('uri-map', true);
ajv.addFormat('int32', true);

const validators = new Map<string, ValidateFunction>();

function responseSchema(path: string, method: string, status: number): Json {
	const operation = spec.paths[path]?.[method];
	if (!operation) throw new Error(`The OpenAPI has no ${method.toUpperCase()} ${path}`);
	const response = operation.responses[String(status)];
	if (!response) {
		throw new Error(
			`The OpenAPI declares no ${status} for ${method.toUpperCase()} ${path} (has ${Object.keys(operation.responses)})`,
		);
	}
	return response.content['application/json'].schema;
}

function validatorFor(path: string, method: string, status: number): ValidateFunction {
	const key = `${method} ${path} ${status}`;
	let validate = validators.get(key);
	if (!validate) {
		validate = ajv.compile(toStrictJsonSchema(responseSchema(path, method, status)) as Json);
		validators.set(key, validate);
	}
	return validate;
}

/** Human-readable ajv errors, or [] when the body matches. */
function schemaErrors(path: string, method: string, status: number, body: unknown): string[] {
	const validate = validatorFor(path, method, status);
	if (validate(body)) return [];
	return (validate.errors ?? []).map(
		(error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
	);
}

// ---------------------------------------------------------------------------
// Nested objects the schema leaves open (links, push, totp, whatsapp, passkeys,
// send_code_attempts items) are compared key-for-key with Twilio's own examples.
// ---------------------------------------------------------------------------

/** Fields whose content depends on channel or carrier, so examples cannot pin them. */
const FREE_FORM_FIELDS = new Set(['lookup', 'sna']);

function isPlainObject(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The nested key structure of a value; leaves and arrays of leaves collapse to null. */
function keyShape(value: unknown): unknown {
	if (Array.isArray(value)) return isPlainObject(value[0]) ? [keyShape(value[0])] : null;
	if (!isPlainObject(value)) return null;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, keyShape(value[key])]),
	);
}

function examplesFor(path: string, method: string, status: number): Json[] {
	const content = spec.paths[path][method].responses[String(status)].content['application/json'];
	return Object.values((content.examples ?? {}) as Record<string, { value: Json }>).map((example) => example.value);
}

/** For every structured field Twilio's examples show, our value must have the same keys as one of them. */
function nestedKeyMismatches(resource: Json, examples: Json[]): string[] {
	const mismatches: string[] = [];
	const structuredFields = new Set(
		examples.flatMap((example) =>
			Object.keys(example).filter((field) => !FREE_FORM_FIELDS.has(field) && keyShape(example[field]) !== null),
		),
	);
	for (const field of structuredFields) {
		const expectedShapes = examples
			.filter((example) => keyShape(example[field]) !== null)
			.map((example) => keyShape(example[field]));
		const actual = keyShape(resource[field]);
		if (!expectedShapes.some((shape) => JSON.stringify(shape) === JSON.stringify(actual))) {
			mismatches.push(`${field}: ${JSON.stringify(actual)} is not one of ${JSON.stringify(expectedShapes)}`);
		}
	}
	return mismatches;
}

function exampleMismatches(path: string, method: string, status: number, body: Json): string[] {
	const examples = examplesFor(path, method, status);
	const listKey = isPlainObject(body.meta) ? body.meta.key : undefined;
	if (!listKey) return nestedKeyMismatches(body, examples);
	// List page: compare the first item with the examples' items.
	const exampleItems = examples.flatMap((example) =>
		Array.isArray(example[listKey]) ? example[listKey].slice(0, 1) : [],
	);
	return body[listKey].length ? nestedKeyMismatches(body[listKey][0], exampleItems) : [];
}

// ---------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.reset();
});

interface Exchange {
	status: number;
	body: Json;
}

async function call(
	method: 'get' | 'post' | 'delete',
	path: string,
	params: Record<string, string> = {},
): Promise<Exchange> {
	const authorization = 'Basic ' + Buffer.from(`${sandbox.accountSid}:${sandbox.authToken}`).toString('base64');
	const init: RequestInit = { method: method.toUpperCase(), headers: { Authorization: authorization } };
	if (method === 'post') init.body = new URLSearchParams(params);
	const response = await fetch(new URL(path, sandbox.url), init);
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/**
 * Performs a request and checks the answer against the OpenAPI operation
 * `specPath` + `method`, for the status the sandbox answered with.
 */
async function expectConforming(
	specPath: string,
	method: 'get' | 'post',
	path: string,
	expectedStatus: number,
	params: Record<string, string> = {},
): Promise<Json> {
	const { status, body } = await call(method, path, params);
	expect({ status, body }).toMatchObject({ status: expectedStatus });
	expect(schemaErrors(specPath, method, status, body)).toEqual([]);
	expect(exampleMismatches(specPath, method, status, body)).toEqual([]);
	return body;
}

const PHONE = '+15017122661';

async function createService(params: Record<string, string> = {}): Promise<Json> {
	return expectConforming('/v2/Services', 'post', '/v2/Services', 201, { FriendlyName: 'Schema Check', ...params });
}

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
		const code = sandbox.lastCode(PHONE) as string;
		const wrong = code === '000000' ? '111111' : '000000';
		const checkUrl = `/v2/Services/${service.sid}/VerificationCheck`;

		const pending = await expectConforming(checkPath, 'post', checkUrl, 200, { To: PHONE, Code: wrong });
		expect(pending.status).toBe('pending');
		const approved = await expectConforming(checkPath, 'post', checkUrl, 200, { To: PHONE, Code: code });
		expect(approved.status).toBe('approved');
	});

	it('the 429 error body on create', async () => {
		const service = await createService();
		sandbox.setFaults({ failNext: { count: 1, status: 429 } });
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
		await call('post', `/v2/Services/${service.sid}/VerificationCheck`, { To: PHONE, Code: sandbox.lastCode(PHONE) as string });

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
