/**
 * Password hashing with scrypt (node:crypto) and OWASP's parameters, in a self-describing format
 * `scrypt$ln=17,r=8,p=1$<salt>$<key>` (unpadded base64) so the cost can be raised later without breaking stored hashes.
 * Hashing runs on libuv's thread pool (the callback API), so n8n's event loop keeps serving other executions.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { OutcomeError } from '../errors';
import { readPassword } from './input';

export interface ScryptParams {
	/** log2 of N, the CPU/memory cost */
	logN: number;
	r: number;
	p: number;
}

/** OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 (about 128 MiB and a few hundred milliseconds per hash). */
export const CURRENT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ logN: 17, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 64;
const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,})$/;

/**
 * Hash of a random password nobody knows, with the current parameters. Logins for unknown emails verify against it,
 * so they cost the same time as a wrong password and do not reveal which emails exist.
 */
const DUMMY_HASH =
	'scrypt$ln=17,r=8,p=1$CSiqjkpSXn3Oyr6owzHh4Q$I+NJIt0Uvw0zSrOYb+wljRUJw6NwPFI21bpVG+Xu1eE1ar5W0VxnlQXO0UMZIagqZdfmJZNkzFVD71vYqB46ag';

/**
 * Returns the password if it meets the policy: readPassword's checks (required, at most 256 characters), then the
 * minimum length (WEAK_PASSWORD). Length counts characters (code points), not bytes.
 */
export function checkPasswordPolicy(password: unknown, minLength: number): string {
	const accepted = readPassword(password);
	if ([...accepted].length < minLength) {
		throw new OutcomeError('WEAK_PASSWORD', `The password must have at least ${minLength} characters.`);
	}
	return accepted;
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT_SCRYPT_PARAMS): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await deriveKey(password, salt, params, KEY_BYTES);
	return `scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${toBase64(salt)}$${toBase64(key)}`;
}

/** Checks a password against a stored hash with the parameters the hash names, in constant time. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
	const { params, salt, key } = parseHash(encoded);
	const candidate = await deriveKey(password, salt, params, key.length);
	return timingSafeEqual(candidate, key);
}

/** Spends the time of a real verification and fails: for logins whose email is unknown or has no password. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	await verifyPassword(password, DUMMY_HASH);
	return false;
}

/** True when the hash was made with other parameters than `params`: rehash it at the next successful login. */
export function needsRehash(encoded: string, params: ScryptParams = CURRENT_SCRYPT_PARAMS): boolean {
	const stored = parseHash(encoded).params;
	return stored.logN !== params.logN || stored.r !== params.r || stored.p !== params.p;
}

export function describeHash(encoded: string): ScryptParams {
	return parseHash(encoded).params;
}

function parseHash(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
	const match = FORMAT.exec(encoded);
	if (!match) throw new Error('The stored password hash is not in the scrypt format this package writes.');
	const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
	// Bounds keep a corrupted or planted hash from asking for gigabytes of memory.
	if (params.logN < 10 || params.logN > 22 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) {
		throw new Error('The stored password hash has scrypt parameters out of the supported range.');
	}
	return { params, salt: Buffer.from(match[4], 'base64'), key: Buffer.from(match[5], 'base64') };
}

function deriveKey(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
	const N = 2 ** params.logN;
	// scrypt needs about 128·N·r bytes; Node's default ceiling (32 MiB) is below OWASP's 128 MiB.
	const maxmem = 128 * N * params.r + 128 * params.r * params.p + 1024 * 1024;
	return new Promise((resolve, reject) => {
		// NFC: the same password typed on two systems may arrive in two Unicode forms.
		scrypt(password.normalize('NFC'), salt, length, { N, r: params.r, p: params.p, maxmem }, (error, key) =>
			error ? reject(error) : resolve(key),
		);
	});
}

function toBase64(bytes: Buffer): string {
	return bytes.toString('base64').replace(/=+$/, '');
}
