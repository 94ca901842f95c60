/**
 * Shared set-up for the sandbox's HTTP tests (services, verifications, limits-faults-controls): one sandbox per test
 * file, and clients that call it the way Twilio's SDKs and other processes do (node's fetch, no mocks).
 */
import { startSandbox } from '../../sandbox';
import type { Sandbox, TwilioErrorBody } from '../../sandbox';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;
type Params = Record<string, string>;

export interface ApiResponse {
	status: number;
	headers: Headers;
	body: Json;
}

export const API_KEY_SID = 'SK' + 'b'.repeat(32);
export const API_KEY_SECRET = 'sandbox-api-key-secret';
export const OTHER_ACCOUNT_SID = 'AC' + 'c'.repeat(32);
export const OTHER_ACCOUNT_TOKEN = 'other-account-token';
export const PHONE = '+15551234567';
export const OTHER_PHONE = '+15557654321';

/** The sandbox of the current test file, started by useSandbox() (a live binding: importers see the started one). */
export let sandbox: Sandbox;

/** A new Verify Service before each test of the enclosing block; `service.sid` is the current one. */
export function useFreshService(): { readonly sid: string } {
	const service = { sid: '' };
	beforeEach(async () => {
		service.sid = (await createService()).sid;
	});
	return service;
}

/** One sandbox per test file with two accounts and an API key, reset before every test. */
export function useSandbox(): void {
	beforeAll(async () => {
		sandbox = await startSandbox({
			accounts: { ['AC' + 'a'.repeat(32)]: 'sandbox-auth-token', [OTHER_ACCOUNT_SID]: OTHER_ACCOUNT_TOKEN },
			apiKeys: { [API_KEY_SID]: { secret: API_KEY_SECRET, accountSid: 'AC' + 'a'.repeat(32) } },
		});
	});

	afterAll(async () => {
		await sandbox.close();
	});

	beforeEach(() => {
		sandbox.reset();
	});
}

export function basicAuth(username: string, password: string): string {
	return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

export async function parse(response: Response): Promise<ApiResponse> {
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** Calls the API the way Twilio's SDKs do: form body for POST, query string for GET. */
export async function api(
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	params: Params = {},
	authorization = basicAuth(sandbox.accountSid, sandbox.authToken),
): Promise<ApiResponse> {
	const url = new URL(path, sandbox.url);
	const init: RequestInit = { method, headers: { Authorization: authorization } };
	if (method === 'POST') init.body = new URLSearchParams(params);
	else for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
	return parse(await fetch(url, init));
}

export async function control(method: 'GET' | 'POST', path: string, json?: Json): Promise<ApiResponse> {
	const init: RequestInit = { method };
	if (json !== undefined) {
		init.body = JSON.stringify(json);
		init.headers = { 'Content-Type': 'application/json' };
	}
	return parse(await fetch(new URL(path, sandbox.url), init));
}

export async function createService(params: Params = {}): Promise<Json> {
	const response = await api('POST', '/v2/Services', { FriendlyName: 'Test Service', ...params });
	expect(response.status).toBe(201);
	return response.body;
}

export function sendCode(serviceSid: string, params: Params = {}): Promise<ApiResponse> {
	return api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE, Channel: 'sms', ...params });
}

export function checkCode(serviceSid: string, code: string, params: Params = {}): Promise<ApiResponse> {
	return api('POST', `/v2/Services/${serviceSid}/VerificationCheck`, { To: PHONE, Code: code, ...params });
}

/** A code of the right shape that is certainly not the one sent. */
export function wrongCodeFor(code: string): string {
	return code
		.split('')
		.map((digit) => String((Number(digit) + 1) % 10))
		.join('');
}

export function expectTwilioError(response: ApiResponse, status: number, code: number, message?: string | RegExp): void {
	const expected: TwilioErrorBody = {
		code,
		message: expect.any(String),
		more_info: `https://www.twilio.com/docs/errors/${code}`,
		status,
	};
	expect(response.status).toBe(status);
	expect(response.body).toEqual(expected);
	if (typeof message === 'string') expect(response.body.message).toBe(message);
	if (message instanceof RegExp) expect(response.body.message).toMatch(message);
}
