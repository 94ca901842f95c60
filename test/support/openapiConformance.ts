/**
 * Checking the sandbox's answers against Twilio's official OpenAPI description of Verify v2 (vendored, MIT): the
 * schema of each operation made strict (every declared field required, as Twilio always sends them all) and the keys
 * of its examples. Used by the OpenAPI conformance tests in test/sandbox/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { startSandbox } from '../../sandbox';
import type { Sandbox } from '../../sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

const SPEC_PATH = join(__dirname, '..', 'fixtures', 'twilio-verify-openapi', 'twilio_verify_v2.json');
export const spec: Json = JSON.parse(readFileSync(SPEC_PATH, 'utf8'));

// ---------------------------------------------------------------------------
// OpenAPI 3.0 schema -> JSON Schema that ajv understands, strict about fields
// ---------------------------------------------------------------------------

/** Keywords that are OpenAPI/Twilio annotations, not validation. */
const ANNOTATIONS = new Set(['nullable', 'x-twilio', 'example', 'examples', 'deprecated', 'description', 'title']);

export function resolveRef(ref: string): Json {
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
export function toStrictJsonSchema(node: unknown): unknown {
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
export function schemaErrors(path: string, method: string, status: number, body: unknown): string[] {
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

/**
 * For every structured field Twilio's examples show, our value must have the same keys as one of them. `nullFields`
 * may be null instead (the schema allows it): fields the examples fill for another factor type, e.g. a push
 * factor's metadata or a push challenge's details, which a TOTP resource leaves empty.
 */
function nestedKeyMismatches(resource: Json, examples: Json[], nullFields: readonly string[] = []): string[] {
	const mismatches: string[] = [];
	const structuredFields = new Set(
		examples.flatMap((example) =>
			Object.keys(example).filter((field) => !FREE_FORM_FIELDS.has(field) && keyShape(example[field]) !== null),
		),
	);
	for (const field of structuredFields) {
		if (resource[field] === null && nullFields.includes(field)) continue;
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

export function exampleMismatches(
	path: string,
	method: string,
	status: number,
	body: Json,
	nullFields: readonly string[] = [],
): string[] {
	const examples = examplesFor(path, method, status);
	const listKey = isPlainObject(body.meta) ? body.meta.key : undefined;
	if (!listKey) return nestedKeyMismatches(body, examples, nullFields);
	// List page: compare the first item with the examples' items.
	const exampleItems = examples.flatMap((example) =>
		Array.isArray(example[listKey]) ? example[listKey].slice(0, 1) : [],
	);
	return body[listKey].length ? nestedKeyMismatches(body[listKey][0], exampleItems, nullFields) : [];
}

// ---------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------

let sandbox: Sandbox;

/** A sandbox for the enclosing test file, reset before each test; the getter reads it inside tests. */
export function useConformanceSandbox(): { readonly sandbox: Sandbox } {
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
	});
	return {
		get sandbox() {
			return sandbox;
		},
	};
}

export interface Exchange {
	status: number;
	body: Json;
}

export async function call(
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
 * `specPath` + `method`, for the status the sandbox answered with (`nullFields`: see nestedKeyMismatches).
 */
export async function expectConforming(
	specPath: string,
	method: 'get' | 'post',
	path: string,
	expectedStatus: number,
	params: Record<string, string> = {},
	{ nullFields = [] }: { nullFields?: readonly string[] } = {},
): Promise<Json> {
	const { status, body } = await call(method, path, params);
	expect({ status, body }).toMatchObject({ status: expectedStatus });
	expect(schemaErrors(specPath, method, status, body)).toEqual([]);
	expect(exampleMismatches(specPath, method, status, body, nullFields)).toEqual([]);
	return body;
}

export const PHONE = '+15017122661';

export async function createService(params: Record<string, string> = {}): Promise<Json> {
	return expectConforming('/v2/Services', 'post', '/v2/Services', 201, { FriendlyName: 'Schema Check', ...params });
}

