/**
 * Twilio's request signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the account's Auth Token, over the
 * full URL Twilio called followed by every POST parameter sorted by name, each name directly followed by its value.
 * A JSON body is not signed itself: Twilio adds a `bodySHA256` query parameter (hex SHA-256 of the body) to the URL
 * and signs the URL alone.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters as a web framework hands them over; a repeated name gives an array. */
export type SignedParams = Record<string, string | string[] | undefined>;

export interface SignedRequest {
	/** The URL Twilio called, query string included. */
	url: string;
	/** The X-Twilio-Signature header, missing when the request has none. */
	signature: string | undefined;
	/** The POST parameters of a form-encoded request. */
	params?: SignedParams;
	/** The raw body of a JSON request, checked against the URL's bodySHA256. */
	rawBody?: Buffer | string;
}

function signedText(url: string, params: SignedParams): string {
	let text = url;
	for (const name of Object.keys(params).sort()) {
		const value = params[name];
		if (value === undefined) continue;
		// Twilio sorts the values of a repeated name too.
		const values = Array.isArray(value) ? [...value].sort() : [value];
		for (const one of values) text += name + one;
	}
	return text;
}

function hmac(authToken: string, url: string, params: SignedParams): Buffer {
	return createHmac('sha1', authToken).update(signedText(url, params), 'utf8').digest();
}

/** The signature Twilio sends for a request to `url` with these POST parameters. */
export function twilioSignature(authToken: string, url: string, params: SignedParams = {}): string {
	return hmac(authToken, url, params).toString('base64');
}

/** Hex SHA-256 of a body, as Twilio puts it in the bodySHA256 query parameter. */
export function bodySha256(body: Buffer | string): string {
	return createHash('sha256').update(body).digest('hex');
}

const URL_PARTS = /^(https?:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(:\d+)?(.*)$/i;

/**
 * The URL as given, with its default port written out and with its port dropped: proxies and load balancers add or
 * remove the port, and Twilio signs the URL it was configured with.
 */
function urlVariants(url: string): string[] {
	const parts = URL_PARTS.exec(url);
	if (!parts) return [url];
	const [, scheme, userInfo = '', host, port, rest] = parts;
	const defaultPort = scheme.toLowerCase() === 'https://' ? ':443' : ':80';
	return [...new Set([url, scheme + userInfo + host + (port ?? defaultPort) + rest, scheme + userInfo + host + rest])];
}

function sameBytes(expected: Buffer, given: Buffer): boolean {
	return expected.length === given.length && timingSafeEqual(expected, given);
}

function bodyHashOf(url: string): string | undefined {
	try {
		return new URL(url).searchParams.get('bodySHA256') ?? undefined;
	} catch {
		return undefined;
	}
}

/** Whether the request carries Twilio's signature for this Auth Token. Compared in constant time. */
export function isValidTwilioSignature(authToken: string, request: SignedRequest): boolean {
	if (!authToken || !request.signature) return false;
	const given = Buffer.from(request.signature.trim(), 'base64');
	const bodyHash = bodyHashOf(request.url);
	if (bodyHash !== undefined) {
		// A JSON body: the URL's hash must be the body's, and the signature covers the URL only.
		if (request.rawBody === undefined) return false;
		if (!sameBytes(Buffer.from(bodySha256(request.rawBody)), Buffer.from(bodyHash.toLowerCase()))) return false;
	}
	const params = bodyHash === undefined ? (request.params ?? {}) : {};
	let valid = false;
	// Every variant is computed, so the time taken does not say which one matched.
	for (const url of urlVariants(request.url)) {
		if (sameBytes(hmac(authToken, url, params), given)) valid = true;
	}
	return valid;
}
