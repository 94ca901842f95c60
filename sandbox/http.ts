/** HTTP plumbing on node:http: bodies, Basic auth, Twilio-style JSON answers. */
import type * as http from 'node:http';
import * as net from 'node:net';

import { MAX_BODY_BYTES } from './constants';
import { TwilioError } from './errors';
import { newSid } from './values';

export function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new TwilioError(413, 20001, 'Request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** Twilio reads POST parameters only from a form-encoded body; anything else carries no parameters. */
export function parseFormBody(req: http.IncomingMessage, body: string): URLSearchParams {
	const contentType = String(req.headers['content-type'] || '').toLowerCase();
	if (req.method !== 'POST' || !contentType.startsWith('application/x-www-form-urlencoded')) {
		return new URLSearchParams();
	}
	return new URLSearchParams(body);
}

export function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
	const match = /^Basic\s+(.+)$/i.exec(header || '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator === -1) return undefined;
	return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/** Every answer carries a Twilio-Request-Id, like Twilio's; `body` undefined sends an empty body (204). */
export function sendJson(
	res: http.ServerResponse,
	status: number,
	body?: unknown,
	headers: Record<string, string> = {},
): void {
	const payload = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
		'Content-Length': Buffer.byteLength(payload),
		'Twilio-Request-Id': newSid('RQ'),
		...headers,
	});
	res.end(payload);
}

export function sendTwilioError(res: http.ServerResponse, error: TwilioError): void {
	const headers = { ...error.headers };
	if (error.status === 401) headers['WWW-Authenticate'] = 'Basic realm="Twilio API"';
	sendJson(res, error.status, error.toJSON(), headers);
}

/** Resolves with the port actually bound (a free one for port 0). */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as net.AddressInfo).port);
		});
	});
}

export function formatBaseUrl(host: string, port: number): string {
	return net.isIPv6(host) ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
