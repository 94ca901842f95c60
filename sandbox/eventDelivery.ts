/**
 * Signed POSTs to webhook URLs, as Twilio sends them: X-Twilio-Signature is the base64 HMAC-SHA1 (keyed with the
 * account's Auth Token) of the URL followed by the form parameters sorted by name; a JSON body is signed through a
 * bodySHA256 query parameter added to the URL. Fire and forget: a slow or failing receiver never holds up the API.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';

export const DELIVERY_TIMEOUT_MS = 2_000;

export type EventBody = { form: Record<string, string> } | { json: unknown };

export interface SignedPost {
	url: string;
	headers: Record<string, string>;
	body: string;
}

function signature(authToken: string, url: string, form: Record<string, string>): string {
	const text = url + Object.keys(form).sort().map((name) => name + form[name]).join('');
	return crypto.createHmac('sha1', authToken).update(text, 'utf8').digest('base64');
}

/** The request Twilio would send: final URL, headers and body. */
export function signPost(url: string, authToken: string, payload: EventBody): SignedPost {
	if ('form' in payload) {
		return {
			url,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'x-twilio-signature': signature(authToken, url, payload.form),
			},
			body: new URLSearchParams(payload.form).toString(),
		};
	}
	const body = JSON.stringify(payload.json);
	const hash = crypto.createHash('sha256').update(body).digest('hex');
	const signedUrl = `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
	return {
		url: signedUrl,
		headers: { 'content-type': 'application/json', 'x-twilio-signature': signature(authToken, signedUrl, {}) },
		body,
	};
}

/** Sends one signed POST in the background; failures and timeouts are logged, never thrown. */
export function deliverInBackground(post: SignedPost, log: (line: string) => void, timeoutMs = DELIVERY_TIMEOUT_MS): void {
	setImmediate(() => {
		const fail = (reason: string) => log(`[verify-sandbox] event to ${post.url} not delivered: ${reason}`);
		let request: http.ClientRequest;
		try {
			const transport = post.url.startsWith('https:') ? https : http;
			request = transport.request(post.url, {
				method: 'POST',
				headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)), 'user-agent': 'TwilioProxy/1.1' },
				agent: false,
				timeout: timeoutMs,
			});
		} catch (error) {
			fail(String(error));
			return;
		}
		// An event on its way never keeps the process (a test run, the demo) alive.
		request.on('socket', (socket) => socket.unref());
		request.on('response', (response) => {
			response.resume();
			if (response.statusCode && response.statusCode >= 400) fail(`answered ${response.statusCode}`);
		});
		request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', (error) => fail(error.message));
		request.end(post.body);
	});
}
