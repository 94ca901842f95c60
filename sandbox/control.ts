/**
 * Control routes under /__sandbox/ for tests and demos in other processes: latest code, faults, clock, reset, request
 * log. They take JSON, need no auth, and are neither faulted nor recorded in the request log, so they keep working
 * while the API misbehaves and do not disturb retry assertions.
 */
import type * as http from 'node:http';

import type { Faults } from './faults';
import { sendJson } from './http';
import type { Sandbox } from './types';
import { formatTwilioDate } from './values';

type ControlAnswer = { status: number; body: unknown };
/** `json` is the parsed request body ({} when empty), as another process sent it. */
type ControlHandler = (url: URL, json: unknown) => ControlAnswer;

function controlRoutes(sandbox: Sandbox): Record<string, ControlHandler> {
	const { state } = sandbox;
	return {
		'GET /__sandbox/health': () => ({ status: 200, body: { ok: true, account_sid: sandbox.accountSid } }),
		'GET /__sandbox/codes': (url) => {
			const to = readRecipientQuery(url.searchParams.get('to'));
			if (!to) return { status: 400, body: { message: 'Query parameter `to` is required', status: 400 } };
			const verification = state.latestVerification(to, url.searchParams.get('service_sid') || undefined);
			if (!verification) return { status: 404, body: { message: `No verification sent to ${to}`, status: 404 } };
			return {
				status: 200,
				body: {
					code: verification.code,
					sid: verification.sid,
					status: verification.status,
					to: verification.to,
					channel: verification.channel,
					service_sid: verification.serviceSid,
				},
			};
		},
		// What an authenticator app would show now for a TOTP factor, on the sandbox clock.
		'GET /__sandbox/totp-codes': (url) => {
			const factorSid = url.searchParams.get('factor_sid');
			if (!factorSid) return { status: 400, body: { message: 'Query parameter `factor_sid` is required', status: 400 } };
			const current = state.currentTotpCode(factorSid);
			if (!current) return { status: 404, body: { message: `No factor ${factorSid}`, status: 404 } };
			const { factor, code } = current;
			const stepMs = factor.config.timeStep * 1000;
			return {
				status: 200,
				body: {
					code,
					factor_sid: factor.sid,
					identity: factor.identity,
					service_sid: factor.serviceSid,
					status: factor.status,
					seconds_left: Math.ceil((stepMs - (state.currentTime() % stepMs)) / 1000),
				},
			};
		},
		'GET /__sandbox/faults': () => ({ status: 200, body: sandbox.getFaults() }),
		'POST /__sandbox/faults': (_url, json) => {
			// normalizeFaults checks and coerces the untyped JSON.
			sandbox.setFaults(json as Faults);
			return { status: 200, body: sandbox.getFaults() };
		},
		'POST /__sandbox/advance': (_url, json) => {
			state.advanceTime(Number((json as { ms?: unknown }).ms));
			return { status: 200, body: { now: formatTwilioDate(state.currentTime()) } };
		},
		'POST /__sandbox/reset': () => {
			sandbox.reset();
			return { status: 200, body: { ok: true } };
		},
		'GET /__sandbox/requests': () => ({ status: 200, body: { requests: sandbox.requests } }),
	};
}

/** `?to=+1555...` arrives as a space when the client forgot to encode the plus sign. */
function readRecipientQuery(value: string | null): string | undefined {
	if (!value) return undefined;
	return /^ \d/.test(value) ? `+${value.slice(1)}` : value;
}

export type ControlRequestHandler = (
	req: http.IncomingMessage,
	res: http.ServerResponse,
	url: URL,
	body: string,
) => void;

/** Bad JSON or a refused value answers 400 with the reason. */
export function createControlHandler(sandbox: Sandbox): ControlRequestHandler {
	const routes = controlRoutes(sandbox);
	return (req, res, url, body) => {
		const handler: ControlHandler | undefined = routes[`${req.method} ${url.pathname.replace(/\/+$/, '')}`];
		if (!handler) {
			sendJson(res, 404, { message: `Unknown sandbox control route ${req.method} ${url.pathname}`, status: 404 });
			return;
		}
		try {
			const json: unknown = body.trim() ? JSON.parse(body) : {};
			const result = handler(url, json);
			sendJson(res, result.status, result.body);
		} catch (error) {
			sendJson(res, 400, { message: (error as Error).message, status: 400 });
		}
	};
}
