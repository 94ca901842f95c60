/**
 * startSandbox: the state engine behind Twilio's HTTP API on loopback, with auth, faults, the request log and the
 * control routes.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';

import { CONTROL_PREFIX, DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, DEFAULT_HOST, LOG_PREFIX } from './constants';
import { createControlHandler } from './control';
import { NOT_FOUND_MESSAGE, TwilioError, twilioErrors } from './errors';
import { normalizeFaults, takeFault } from './faults';
import { formatBaseUrl, listen, parseBasicAuth, parseFormBody, readBody, sendJson, sendTwilioError } from './http';
import { renderService } from './render';
import { findRoute, type RouteAnswer } from './routes';
import { VerifyStateWithEvents } from './events';
import type { ServiceResource } from './render';
import type { RequestLogEntry, Sandbox, SandboxOptions, ServiceSeed } from './types';

export type { RequestLogEntry, Sandbox, SandboxOptions, ServiceSeed } from './types';

/** Compares secrets in constant time, as a real server would. */
function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(String(a));
	const right = Buffer.from(String(b));
	return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The stack when there is one, for the internal-error log line. */
function describeError(error: unknown): unknown {
	const stack = (error as { stack?: unknown } | null | undefined)?.stack;
	return error && stack ? stack : error;
}

/** Starts a sandbox on loopback. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host || DEFAULT_HOST;
	const accounts = { ...(options.accounts || { [DEFAULT_ACCOUNT_SID]: DEFAULT_AUTH_TOKEN }) };
	const apiKeys = { ...(options.apiKeys || {}) };
	const firstAccount = Object.entries(accounts)[0];
	if (!firstAccount || !firstAccount[0]) throw new RangeError('startSandbox needs at least one account');
	const [accountSid, authToken] = firstAccount;
	const log = options.logger || ((line: string) => process.stdout.write(`${line}\n`));
	const seededServices = options.services || [];

	// Status changes are also sent, signed, to the services' webhooks (events.ts).
	const state = new VerifyStateWithEvents(
		{
			now: options.now || Date.now,
			onCodeSent: (event) => {
				if (!options.logCodes) return;
				log(`${LOG_PREFIX} code ${event.code} for ${event.to} via ${event.channel} (service ${event.serviceSid})`);
			},
		},
		{ authTokenFor: (owner) => (Object.hasOwn(accounts, owner) ? accounts[owner] : undefined), log },
	);
	let faults = normalizeFaults(options.faults);
	const requests: RequestLogEntry[] = [];
	let baseUrl = '';

	function seedServices(): void {
		for (const seed of seededServices) createServiceDirectly(seed);
	}

	function createServiceDirectly(params: ServiceSeed = {}): ServiceResource {
		const { sid, accountSid: owner, ...twilioParams } = params;
		if (twilioParams.FriendlyName === undefined) twilioParams.FriendlyName = 'Sandbox Service';
		const service = state.createService(owner || accountSid, twilioParams, { sid });
		return renderService(service, baseUrl);
	}

	/** Account SID the credentials belong to, or undefined. */
	function authenticate(header: string | undefined): string | undefined {
		const credentials = parseBasicAuth(header);
		if (!credentials) return undefined;
		const { username, password } = credentials;
		if (Object.hasOwn(accounts, username) && safeEqual(password, accounts[username])) return username;
		const apiKey = Object.hasOwn(apiKeys, username) ? apiKeys[username] : undefined;
		if (apiKey && safeEqual(password, apiKey.secret)) return apiKey.accountSid;
		return undefined;
	}

	function recordRequest(method: string, pathname: string, status: number): void {
		requests.push({ method, path: pathname, status });
	}

	async function handleApiRequest(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		url: URL,
		body: string,
	): Promise<void> {
		// node:http always sets the method on server requests.
		const method = req.method as string;
		const fault = takeFault(faults);
		if (fault === 'hang') {
			recordRequest(method, url.pathname, 0);
			return; // never answer; close() tears the socket down
		}
		if (fault === 'drop') {
			recordRequest(method, url.pathname, 0);
			req.socket.destroy();
			return;
		}
		if (faults.latencyMs) await sleep(faults.latencyMs);
		if (fault instanceof TwilioError) {
			recordRequest(method, url.pathname, fault.status);
			sendTwilioError(res, fault);
			return;
		}

		const result = answerApiRequest(req, url, body);
		recordRequest(method, url.pathname, result.status);
		if ('error' in result) sendTwilioError(res, result.error);
		else sendJson(res, result.status, result.body);
	}

	/** Runs auth, routing and the engine; returns `{status, body}` or `{status, error}`. */
	function answerApiRequest(
		req: http.IncomingMessage,
		url: URL,
		body: string,
	): RouteAnswer | { status: number; error: TwilioError } {
		const resourcePath = url.pathname.replace(/^\/v2(?=\/)/, '');
		try {
			const owner = authenticate(req.headers.authorization);
			if (!owner) throw twilioErrors.authenticate();
			const match = findRoute(url.pathname);
			if (!match) throw twilioErrors.notFoundAt(resourcePath);
			const handler = match.route.methods[req.method as 'GET' | 'POST' | 'DELETE'];
			if (!handler) throw twilioErrors.methodNotAllowed();
			return handler({
				state,
				ids: [owner, ...match.sids],
				form: parseFormBody(req, body),
				query: url.searchParams,
				baseUrl,
				pathname: url.pathname.replace(/\/+$/, ''),
			});
		} catch (error) {
			if (!(error instanceof TwilioError)) throw error;
			// The engine does not know the request path; name it here, as Twilio's 20404 does.
			const answered =
				error.code === 20404 && error.message === NOT_FOUND_MESSAGE ? twilioErrors.notFoundAt(resourcePath) : error;
			return { status: answered.status, error: answered };
		}
	}

	const server = http.createServer((req, res) => {
		handleRequest(req, res).catch((error: unknown) => {
			if (error instanceof TwilioError) {
				if (!res.headersSent) sendTwilioError(res, error);
				return;
			}
			// A bug in the sandbox: answer like Twilio's 500 and say why in the log.
			if (!res.headersSent) sendTwilioError(res, twilioErrors.serverError(500));
			log(`${LOG_PREFIX} internal error: ${describeError(error)}`);
		});
	});

	async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url as string, baseUrl);
		if (url.pathname.startsWith(CONTROL_PREFIX)) handleControlRequest(req, res, url, body);
		else await handleApiRequest(req, res, url, body);
	}

	const port = await listen(server, options.port || 0, host);
	baseUrl = formatBaseUrl(host, port);
	seedServices();

	const sandbox: Sandbox = {
		url: baseUrl,
		port,
		accountSid,
		authToken,
		state,
		requests,
		close() {
			return new Promise((resolve) => {
				server.close(() => resolve());
				// Hung requests and idle keep-alive sockets would otherwise hold close() open.
				server.closeAllConnections();
			});
		},
		reset() {
			state.reset();
			faults = {};
			requests.length = 0;
			seedServices();
		},
		setFaults(newFaults) {
			faults = normalizeFaults(newFaults);
		},
		getFaults() {
			return structuredClone(faults);
		},
		advanceTime(ms) {
			state.advanceTime(ms);
		},
		lastCode(to, serviceSid) {
			const verification = state.latestVerification(to, serviceSid);
			return verification ? verification.code : undefined;
		},
		totpCode(factorSid) {
			return state.currentTotpCode(factorSid)?.code;
		},
		createService: createServiceDirectly,
	};
	// Requests are only served from the next event-loop turn, after this line.
	const handleControlRequest = createControlHandler(sandbox);
	return sandbox;
}
