/**
 * RFC 6238 time-based one-time passwords (and the RFC 4648 base32 their secrets travel in), on node:crypto only:
 * what an authenticator app computes from a factor's secret, and what the sandbox accepts for it.
 */
import * as crypto from 'node:crypto';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
	/** Seconds per code. Default 30. */
	step?: number;
	/** Default 6. */
	digits?: number;
	/** Default sha1. */
	alg?: TotpAlgorithm;
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
	let output = '';
	let buffer = 0;
	let bits = 0;
	for (const byte of bytes) {
		buffer = (buffer << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			output += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
	return output;
}

/** Case, spaces and `=` padding are ignored, as authenticator apps do; any other character is refused. */
export function base32Decode(text: string): Buffer {
	const clean = text.replace(/[\s=]/g, '').toUpperCase();
	const bytes: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const character of clean) {
		const value = BASE32_ALPHABET.indexOf(character);
		if (value === -1) throw new RangeError(`Not a base32 character: ${character}`);
		buffer = ((buffer << 5) | value) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			bytes.push((buffer >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(bytes);
}

/** A new secret of 20 random bytes (the HMAC-SHA1 block the RFC suggests), base32 as Twilio hands it out. */
export function newTotpSecret(): string {
	return base32Encode(crypto.randomBytes(20));
}

/** HOTP (RFC 4226) with the counter of RFC 6238: floor(time / step), as 8 big-endian bytes. */
function codeForCounter(key: Buffer, counter: number, digits: number, alg: TotpAlgorithm): string {
	const message = Buffer.alloc(8);
	message.writeBigUInt64BE(BigInt(counter));
	const hmac = crypto.createHmac(alg, key).update(message).digest();
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 10 ** digits).padStart(digits, '0');
}

function counterAt(timeMs: number, step: number): number {
	return Math.floor(timeMs / 1000 / step);
}

/** The code for `secretBase32` at `timeMs` (milliseconds since the Unix epoch, like Date.now()). */
export function totpCode(secretBase32: string, timeMs: number, { step = 30, digits = 6, alg = 'sha1' }: TotpOptions = {}): string {
	return codeForCounter(base32Decode(secretBase32), counterAt(timeMs, step), digits, alg);
}

/**
 * Whether `code` is the code of the current step or of up to `skew` steps before or after it (clocks drift, and a
 * user types a code that was shown a moment ago). Compared in constant time.
 */
export function totpMatches(
	secretBase32: string,
	code: string,
	timeMs: number,
	{ skew = 1, ...options }: TotpOptions & { skew?: number } = {},
): boolean {
	const { step = 30, digits = 6, alg = 'sha1' } = options;
	if (code.length !== digits || !/^[0-9]+$/.test(code)) return false;
	const key = base32Decode(secretBase32);
	const counter = counterAt(timeMs, step);
	let matched = false;
	for (let delta = -skew; delta <= skew; delta += 1) {
		if (counter + delta < 0) continue;
		const expected = codeForCounter(key, counter + delta, digits, alg);
		if (crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(code))) matched = true;
	}
	return matched;
}

/** The otpauth:// URI an authenticator app scans: `issuer:account` label, secret, issuer, algorithm, digits, period. */
export function otpauthUri(
	{ issuer, account, secret }: { issuer: string; account: string; secret: string },
	{ step = 30, digits = 6, alg = 'sha1' }: TotpOptions = {},
): string {
	const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
	const query = `secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=${alg.toUpperCase()}&digits=${digits}&period=${step}`;
	return `otpauth://totp/${label}?${query}`;
}
