/**
 * Malformed input on every endpoint of the webhook contract (README, "The webhook backend"), against a real n8n
 * running the sample workflows: every body field with wrong types, huge strings and odd unicode, fields missing, extra
 * fields, bodies that are not objects or not JSON, and odd Authorization headers. Every answer is a 4xx with
 * `{error: {code, message}}` (a 2xx only where the request is in fact valid: an optional field left out or null, extra
 * fields ignored), never a 5xx, never n8n's own error answer; and n8n keeps serving afterwards.
 *
 * One exception, n8n's and not the workflows': a body declared `application/json` that is not JSON is refused by n8n
 * itself with `422 {"code":422,"message":"Failed to parse request body",...}` before any workflow runs.
 */
import { createHmac } from 'node:crypto';

import { client, inBatches, phoneSequence, rawClient, type FullAnswer, useSampleBackend } from '../support/sampleBackend';

const sample = useSampleBackend();
const send = rawClient(() => sample.backend.webhookUrl);

const newPhone = phoneSequence(6000);
let nextEmail = 0;
const newEmail = () => `malformed${nextEmail++}@example.com`;
const PASSWORD = 'correct horse battery';
/** Well formed but unknown: the id-based flows answer 404 without it being malformed. */
const UNKNOWN_ID = 'u'.repeat(43);

/** Whether a request may legitimately succeed: only when nothing in it is malformed. */
type Expect = '4xx' | '2xx or 4xx';

interface Case {
	label: string;
	method: string;
	path: string;
	body?: string;
	headers?: Record<string, string>;
	expect: Expect;
}

interface Endpoint {
	path: string;
	/** a fresh, well-formed body: fresh phones and emails, so the per-phone limits never couple two cases */
	body: () => Record<string, unknown>;
	optional?: string[];
}

const ENDPOINTS: Endpoint[] = [
	{ path: 'verify/send', body: () => ({ phone: newPhone(), country: 'US', channel: 'sms' }), optional: ['country', 'channel'] },
	{ path: 'verify/check', body: () => ({ phone: newPhone(), country: 'US', code: '123456' }), optional: ['country'] },
	{
		path: 'register/send-code',
		body: () => ({ email: newEmail(), password: PASSWORD, phone: newPhone(), country: 'US', channel: 'sms' }),
		optional: ['country', 'channel'],
	},
	{ path: 'register/resend', body: () => ({ registrationId: UNKNOWN_ID, channel: 'sms' }), optional: ['channel'] },
	{ path: 'register', body: () => ({ registrationId: UNKNOWN_ID, code: '123456' }) },
	{
		path: 'login/send-code',
		body: () => ({ email: newEmail(), password: PASSWORD, channel: 'sms', deviceToken: UNKNOWN_ID }),
		optional: ['channel', 'deviceToken'],
	},
	{ path: 'login', body: () => ({ loginId: UNKNOWN_ID, code: '123456', factor: 'totp', rememberDevice: true }), optional: ['factor', 'rememberDevice'] },
	{ path: 'otp/send', body: () => ({ phone: newPhone(), country: 'US', channel: 'sms' }), optional: ['country', 'channel'] },
	{ path: 'otp/login', body: () => ({ phone: newPhone(), country: 'US', code: '123456' }), optional: ['country'] },
];

/** Values no field accepts, whatever it is (none of them is valid even if read as text). */
const BAD_VALUES: Record<string, (valid: unknown) => unknown> = {
	number: () => 12345,
	boolean: () => true,
	'array holding a valid value': (valid) => [valid],
	'object holding a valid value': (valid) => ({ value: valid }),
	'100 kB of digits': () => '9'.repeat(100 * 1024),
	'100 kB of text': () => 'é'.repeat(50 * 1024),
	'right-to-left override': () => '\u202E1234',
	'zero-width characters': () => '\u200B\u200C\u200D\uFEFF',
	emoji: () => '📱🔥',
	NUL: () => 'a\u0000b',
};

const json = { 'content-type': 'application/json' };

function fieldCases(endpoint: Endpoint): Case[] {
	const cases: Case[] = [];
	const fields = Object.keys(endpoint.body());
	const post = (label: string, body: Record<string, unknown> | string, expect: Expect): Case => ({
		label: `${endpoint.path}: ${label}`,
		method: 'POST',
		path: endpoint.path,
		body: typeof body === 'string' ? body : JSON.stringify(body),
		headers: json,
		expect,
	});
	for (const field of fields) {
		const optional = endpoint.optional?.includes(field) ?? false;
		for (const [kind, value] of Object.entries(BAD_VALUES)) {
			const body = endpoint.body();
			cases.push(post(`${field} as ${kind}`, { ...body, [field]: value(body[field]) }, '4xx'));
		}
		const withNull = endpoint.body();
		cases.push(post(`${field} null`, { ...withNull, [field]: null }, optional ? '2xx or 4xx' : '4xx'));
		const missing = endpoint.body();
		delete missing[field];
		cases.push(post(`${field} missing`, missing, optional ? '2xx or 4xx' : '4xx'));
	}
	// Extra fields are ignored; `__proto__` and `constructor` written as JSON text, where they are plain keys.
	const extra = JSON.stringify({ ...endpoint.body(), ok: true, httpStatus: 200, status: 'active', admin: true });
	cases.push(post('extra fields', `${extra.slice(0, -1)},"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}`, '2xx or 4xx'));
	return cases;
}

/** Bodies that are not a JSON object, for any POST endpoint. */
function bodyCases(path: string): Case[] {
	const post = (label: string, body: string | undefined, headers: Record<string, string> | undefined, expect: Expect = '4xx'): Case => ({
		label: `${path}: ${label}`,
		method: 'POST',
		path,
		body,
		headers,
		expect,
	});
	return [
		post('empty JSON body', '', json),
		post('no body at all', undefined, undefined),
		post('JSON null', 'null', json),
		post('JSON number', '42', json),
		post('JSON string', '"+14155550100"', json),
		post('JSON array', JSON.stringify([{ phone: newPhone(), email: newEmail(), password: PASSWORD }]), json),
		post('nested 2,000 deep', `${'['.repeat(2000)}${']'.repeat(2000)}`, json),
		post('text/plain', 'phone=+14155550100', { 'content-type': 'text/plain' }),
		post('XML', '<body><phone>1</phone></body>', { 'content-type': 'application/xml' }),
		// A valid request in another encoding may succeed; it must not crash.
		post('form-encoded', `phone=${encodeURIComponent(newPhone())}&email=${encodeURIComponent(newEmail())}`, {
			'content-type': 'application/x-www-form-urlencoded',
		}, '2xx or 4xx'),
	];
}

/** A token signed like a session token, with the given secret and algorithm header. */
function forgedToken(secret: string, alg = 'HS256') {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const head = `${part({ alg, typ: 'JWT' })}.${part({ sub: 'm'.repeat(22), sid: 's'.repeat(22), exp: Math.floor(Date.now() / 1000) + 3600 })}`;
	if (alg === 'none') return `${head}.`;
	return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** The session endpoints read `Authorization`. Node refuses headers over 16 kB itself (431), so 8 kB is the big one. */
function authorizationCases(method: string, path: string): Case[] {
	const values: Record<string, string | undefined> = {
		'no Authorization': undefined,
		'empty Authorization': '',
		'Bearer alone': 'Bearer',
		'Bearer and spaces': 'Bearer    ',
		'Basic credentials': `Basic ${Buffer.from('admin:admin').toString('base64')}`,
		'8 kB token': `Bearer ${'x'.repeat(8 * 1024)}`,
		'Latin-1 bytes': 'Bearer \u00ff\u00fe\u00e9',
		'three dots': 'Bearer a.b.c',
		'null token': 'Bearer null',
		'unsigned token (alg none)': `Bearer ${forgedToken('', 'none')}`,
		'token signed with another secret': `Bearer ${forgedToken('another secret that is long enough to sign')}`,
	};
	return Object.entries(values).map(([label, authorization]) => ({
		label: `${path}: ${label}`,
		method,
		path,
		headers: authorization === undefined ? undefined : { authorization },
		expect: '4xx' as const,
	}));
}

function allCases(): Case[] {
	return [
		...ENDPOINTS.flatMap((endpoint) => [...fieldCases(endpoint), ...bodyCases(endpoint.path)]),
		...authorizationCases('GET', 'me'),
		...authorizationCases('POST', 'logout'),
		...bodyCases('logout'),
		// The caller's IP header is the proxy's to set; odd values must not crash a send.
		...['not an ip', '1.2.3.4.5', '\u00ff'.repeat(4096), '::1, 10.0.0.1', ''].map((forwardedFor, index) => ({
			label: `otp/send: X-Forwarded-For ${index}`,
			method: 'POST',
			path: 'otp/send',
			body: JSON.stringify({ phone: newPhone() }),
			headers: { ...json, 'x-forwarded-for': forwardedFor },
			expect: '2xx or 4xx' as const,
		})),
	];
}

/** What went wrong with one answer, or undefined when it is as the contract says. */
function problem(answer: FullAnswer, expected: Expect): string | undefined {
	if (answer.status >= 500) return `${answer.status} ${answer.text.slice(0, 200)}`;
	if (/Error in workflow|<html|stack|at \w+ \(/i.test(answer.text)) return `n8n's error answer: ${answer.text.slice(0, 200)}`;
	if (!(answer.headers.get('content-type') ?? '').startsWith('application/json')) return `not JSON: ${answer.headers.get('content-type')}`;
	if (answer.status >= 400 && answer.status < 500) {
		const error = (answer.body as { error?: { code?: unknown; message?: unknown } })?.error;
		if (typeof error?.code !== 'string' || typeof error.message !== 'string' || Object.keys(answer.body as object).length !== 1) {
			return `${answer.status} without {error: {code, message}}: ${answer.text.slice(0, 200)}`;
		}
		return undefined;
	}
	if (expected === '4xx') return `${answer.status} instead of a 4xx: ${answer.text.slice(0, 200)}`;
	return answer.status >= 200 && answer.status < 300 ? undefined : `unexpected ${answer.status}`;
}

test('every endpoint answers malformed input with a 4xx {error: {code, message}}, never a crash', async () => {
	const cases = allCases();
	const started = Date.now();
	const answers = await inBatches(cases, 10, (entry) => send(entry.method, entry.path, { body: entry.body, headers: entry.headers }));
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const statuses = new Map<number, number>();
	for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
	process.stdout.write(`malformed input: ${cases.length} requests in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);

	const problems = cases.flatMap((entry, index) => {
		const found = problem(answers[index], entry.expect);
		return found ? [`${entry.label}: ${found}`] : [];
	});
	expect(problems).toEqual([]);
}, 120_000);

test('n8n itself refuses a body declared JSON that is not JSON, with a 422 in JSON', async () => {
	for (const { path } of ENDPOINTS) {
		const answer = await send('POST', path, { body: '{"phone": "+1415555', headers: json });
		expect({ path, status: answer.status, body: answer.body }).toEqual({
			path,
			status: 422,
			body: { code: 422, message: 'Failed to parse request body', hint: expect.any(String) },
		});
	}
});

test('n8n still answers afterwards', async () => {
	const call = client(sample.backend.webhookUrl);
	expect((await call('GET', 'countries')).status).toBe(200);
	const phone = newPhone();
	expect(await call('POST', 'verify/send', { phone })).toEqual({
		status: 200,
		body: { status: 'pending', to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'sms' },
	});
	expect(await call('GET', 'countries?country=%00&x[]=1')).toMatchObject({ status: 200 });
});
