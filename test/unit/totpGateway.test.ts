/**
 * The Verify client's TotpGateway against scripted Twilio answers on loopback (the real SDK and transport): what each
 * call sends, and how answers and refusals become true / false / errors.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ConfigurationError, OutcomeError } from '../../nodes/shared/core/errors';
import { VerifyClient } from '../../nodes/shared/core/verify/client';

const ACCOUNT = 'AC' + 'a'.repeat(32);
const SERVICE = 'VA' + 'b'.repeat(32);
const FACTOR = 'YF' + 'c'.repeat(32);
const IDENTITY = 'member-0001';
const ref = { serviceSid: SERVICE, identity: IDENTITY, factorSid: FACTOR };

interface Seen {
	method: string;
	path: string;
	body: Record<string, string>;
}

type Answer = { status: number; body?: unknown };
let answers: Answer[] = [];
let seen: Seen[] = [];
let server: Server;
let client: VerifyClient;

async function readBody(request: IncomingMessage): Promise<Record<string, string>> {
	let text = '';
	for await (const chunk of request) text += chunk;
	return Object.fromEntries(new URLSearchParams(text));
}

beforeAll(async () => {
	server = createServer(async (request, response) => {
		seen.push({ method: request.method!, path: request.url!, body: await readBody(request) });
		const answer = answers.shift() ?? { status: 500, body: { code: 20500, message: 'no scripted answer', status: 500 } };
		response.writeHead(answer.status, { 'Content-Type': 'application/json' });
		response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	client = await VerifyClient.create(
		{ accountSid: ACCOUNT, authType: 'authToken', authToken: 'token', baseUrl: `http://127.0.0.1:${port}` },
		{ retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } },
	);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
	answers = [];
	seen = [];
});

const twilioError = (status: number, code: number): Answer => ({
	status,
	body: { code, message: `error ${code}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});
const factorPath = `/v2/Services/${SERVICE}/Entities/${IDENTITY}/Factors/${FACTOR}`;

describe('TotpGateway on VerifyClient', () => {
	it('creates a TOTP factor and returns its SID and otpauth URI only', async () => {
		const uri = 'otpauth://totp/Acme:member?secret=ABC&issuer=Acme';
		answers.push({ status: 201, body: { sid: FACTOR, status: 'unverified', binding: { secret: 'ABC', uri } } });
		const created = await client.createTotpFactor({ serviceSid: SERVICE, identity: IDENTITY, friendlyName: 'Phone' });
		expect(created).toEqual({ factorSid: FACTOR, uri });
		expect(seen[0]).toEqual({
			method: 'POST',
			path: `/v2/Services/${SERVICE}/Entities/${IDENTITY}/Factors`,
			body: { FriendlyName: 'Phone', FactorType: 'totp' },
		});
	});

	it('confirms a factor: true when Twilio reports it verified, false when it stays unverified', async () => {
		answers.push({ status: 200, body: { sid: FACTOR, status: 'verified' } }, { status: 200, body: { sid: FACTOR, status: 'unverified' } });
		await expect(client.confirmTotpFactor({ ...ref, code: '123456' })).resolves.toBe(true);
		await expect(client.confirmTotpFactor({ ...ref, code: '654321' })).resolves.toBe(false);
		expect(seen.map((request) => [request.path, request.body])).toEqual([
			[factorPath, { AuthPayload: '123456' }],
			[factorPath, { AuthPayload: '654321' }],
		]);
	});

	it('checks a code with a challenge: approved is true, pending is false', async () => {
		answers.push({ status: 201, body: { status: 'approved' } }, { status: 201, body: { status: 'pending' } });
		await expect(client.checkTotpCode({ ...ref, code: '123456' })).resolves.toBe(true);
		await expect(client.checkTotpCode({ ...ref, code: '000000' })).resolves.toBe(false);
		expect(seen[0]).toMatchObject({
			path: `/v2/Services/${SERVICE}/Entities/${IDENTITY}/Challenges`,
			body: { FactorSid: FACTOR, AuthPayload: '123456' },
		});
	});

	it.each([
		['60306 invalid request', twilioError(400, 60306)],
		['60311 factor verification failed', twilioError(403, 60311)],
		['60318 factor unverified', twilioError(403, 60318)],
		['60324 challenge verification failed', twilioError(403, 60324)],
	])('answers false, never throws, for %s', async (_label, answer) => {
		answers.push(answer, answer);
		await expect(client.checkTotpCode({ ...ref, code: '123456' })).resolves.toBe(false);
		await expect(client.confirmTotpFactor({ ...ref, code: '123456' })).resolves.toBe(false);
	});

	it.each(['', 'abc123', '12', '123456789', '12 34'])('answers false for the malformed code %j without calling Twilio', async (code) => {
		await expect(client.checkTotpCode({ ...ref, code })).resolves.toBe(false);
		await expect(client.confirmTotpFactor({ ...ref, code })).resolves.toBe(false);
		expect(seen).toEqual([]);
	});

	it('reports a factor Twilio no longer knows as NOT_FOUND', async () => {
		answers.push(twilioError(404, 20404));
		const error = await client.checkTotpCode({ ...ref, code: '123456' }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(OutcomeError);
		expect(error).toMatchObject({ code: 'NOT_FOUND' });
	});

	it('deletes a factor and an entity; a 404 counts as removed', async () => {
		answers.push({ status: 204 }, twilioError(404, 20404), { status: 204 }, twilioError(404, 20404));
		await expect(client.deleteTotpFactor(ref)).resolves.toBeUndefined();
		await expect(client.deleteTotpFactor(ref)).resolves.toBeUndefined();
		await expect(client.deleteEntity({ serviceSid: SERVICE, identity: IDENTITY })).resolves.toBeUndefined();
		await expect(client.deleteEntity({ serviceSid: SERVICE, identity: IDENTITY })).resolves.toBeUndefined();
		expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual([
			`DELETE ${factorPath}`,
			`DELETE ${factorPath}`,
			`DELETE /v2/Services/${SERVICE}/Entities/${IDENTITY}`,
			`DELETE /v2/Services/${SERVICE}/Entities/${IDENTITY}`,
		]);
	});

	it('throws a configuration error for refused credentials', async () => {
		answers.push(twilioError(401, 20003));
		await expect(client.deleteEntity({ serviceSid: SERVICE, identity: IDENTITY })).rejects.toBeInstanceOf(ConfigurationError);
	});
});
