/** Starts the sample backend (real n8n + packed package + workflows + sandbox) once per test file, and an HTTP client. */
import type { Sandbox } from '../../sandbox';

interface Backend {
	webhookUrl: string;
	demoUrl: string;
	sandbox: Sandbox;
	/** on queue mode, the main process; `workers` lists the workers (each with its own log) */
	n8n: { logs(): string; logFile: string; workers?: Array<{ index: number; logs(): string; logFile: string }> };
	userFolder: string;
	/** the PostgreSQL member store's URL (undefined for SQLite) */
	memberStoreUrl?: string;
	/** the header and value the admin webhooks (n8n's Header Auth) ask for */
	admin: { header: string; key: string };
	stop(): Promise<void>;
}

/** What a test may change about the backend (see `startBackend` in scripts/backend.js). */
export interface BackendOptions {
	/** the Verify sandbox's port (a free one when omitted) */
	sandboxPort?: number;
	/** a PostgreSQL member store instead of SQLite, e.g. one on a closed port for outage tests */
	postgresUrl?: string;
	/** the member store credential's session signing secret (random when omitted) */
	sessionSecret?: string;
	/** more environment variables for `n8n start` (every process on queue mode) */
	n8nEnv?: Record<string, string>;
	/**
	 * n8n on queue mode: a main process serving the webhooks and `workers` workers, Redis for the queue, n8n's database
	 * and (without `postgresUrl`) the member store in fresh PostgreSQL databases; `postgresUrl` here is the server and
	 * an existing database to create them from, `redisUrl` the Redis (local servers by default)
	 */
	queueMode?: { workers: number; postgresUrl?: string; redisUrl?: string };
}

// Plain-JS launcher shared with `npm run demo`.
const { startBackend } = require('../../scripts/backend') as {
	startBackend(
		options: BackendOptions & { build?: boolean; log?: (line: string) => void; extraWorkflows?: Record<string, object> },
	): Promise<Backend>;
};

/** Installing n8n the first time takes minutes; later starts take about half a minute. */
export const BACKEND_START_TIMEOUT = 15 * 60 * 1000;

export async function startSampleBackend(extraWorkflows?: Record<string, object>, options: BackendOptions = {}): Promise<Backend> {
	// `npm test` builds dist/ in its pretest step; pack what was built.
	return await startBackend({ ...options, build: false, log: () => undefined, extraWorkflows });
}

/** The sample backend of one test file (see `useSampleBackend`). */
export interface FileBackend {
	/** the running backend, from the file's first `beforeAll` on */
	readonly backend: Backend;
	/** the last code the sandbox sent to `phone` */
	code(phone: string): string;
}

/**
 * Starts the sample backend before the test file's tests and stops it after them (the hooks are registered where this
 * is called); `stopTimeout` is how long stopping may take.
 */
export function useSampleBackend(extraWorkflows?: Record<string, object>, options: BackendOptions = {}, stopTimeout = 60_000): FileBackend {
	let started: Backend | undefined;
	beforeAll(async () => {
		started = await startSampleBackend(extraWorkflows, options);
	}, BACKEND_START_TIMEOUT);
	afterAll(async () => {
		await started?.stop();
	}, stopTimeout);
	const running = (): Backend => {
		if (!started) throw new Error('the sample backend starts in beforeAll');
		return started;
	};
	return {
		get backend() {
			return running();
		},
		code: (phone) => running().sandbox.lastCode(phone)!,
	};
}

/** Where the clients below send their requests: the webhook URL, or a function that gives it once the backend runs. */
export type WebhookUrl = string | (() => string);

const urlOf = (webhookUrl: WebhookUrl) => (typeof webhookUrl === 'string' ? webhookUrl : webhookUrl());

/** Phones in one US range per test file (`first` apart), one per scenario: the per-phone limits must not couple them. */
export function phoneSequence(first: number) {
	let next = first;
	return () => `+1415555${String(next++).padStart(4, '0')}`;
}

export interface Answer {
	status: number;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function client(webhookUrl: WebhookUrl) {
	return async function call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
		const headers: Record<string, string> = {};
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (token) headers.authorization = `Bearer ${token}`;
		const response = await fetch(`${urlOf(webhookUrl)}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON (e.g. the demo page): keep the text
		}
		return { status: response.status, body: parsed };
	};
}

export interface FullAnswer extends Answer {
	headers: Headers;
	text: string;
}

/**
 * Like `client`, with the answer's headers and raw text, and the request exactly as given: any body text, any
 * headers (no content type added). For outage and malformed-input tests.
 */
export function rawClient(webhookUrl: WebhookUrl) {
	return async function send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<FullAnswer> {
		const response = await fetch(`${urlOf(webhookUrl)}${path}`, { method, headers: init.headers, body: init.body });
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, headers: response.headers, body, text };
	};
}

/**
 * A JSON client for the member endpoints: a bearer token when given, extra headers, and each request from another
 * documentation address (198.51.100.x in `X-Forwarded-For`), so the per-address limits of one test do not couple
 * the next.
 */
export function memberClient(webhookUrl: WebhookUrl) {
	const send = rawClient(webhookUrl);
	let nextAddress = 1;
	return async function call(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
		const answer = await send(method, path, {
			body: body === undefined ? undefined : JSON.stringify(body),
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(token ? { authorization: `Bearer ${token}` } : {}),
				'x-forwarded-for': `198.51.100.${nextAddress++ % 250}`,
				...headers,
			},
		});
		return { status: answer.status, body: answer.body };
	};
}

/** Runs `work` on every entry with at most `limit` at a time; results in input order. */
export async function inBatches<T, R>(entries: T[], limit: number, work: (entry: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(entries.length);
	let next = 0;
	const worker = async () => {
		while (next < entries.length) {
			const index = next++;
			results[index] = await work(entries[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, entries.length) }, worker));
	return results;
}
