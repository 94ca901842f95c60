/**
 * Passwords: the policy a new password must meet, and hashing.
 *
 * Hashing follows OWASP's Password Storage Cheat Sheet: Argon2id with m=19456 KiB (19 MiB), t=2, p=1 (16-byte salt,
 * 32-byte hash) through node:crypto's `argon2` where the runtime has it (Node.js 24.7 or later), scrypt with N=2^17,
 * r=8, p=1 (16-byte salt, 64-byte key) otherwise. Which one is decided once, when this module loads
 * (`ARGON2_AVAILABLE`). Both run on libuv's thread pool (the callback APIs), so n8n's event loop keeps serving other
 * executions. Passwords are NFC-normalised first, and compared in constant time.
 *
 * Hashes describe themselves (salt and hash in unpadded base64), so the algorithm and cost can change without breaking
 * stored hashes:
 *   argon2id$v=19,m=19456,t=2,p=1$<salt>$<hash>
 *   scrypt$ln=17,r=8,p=1$<salt>$<key>
 * `verifyPassword` uses the algorithm and parameters the stored hash names; an Argon2id hash on a runtime without
 * Argon2id is a ConfigurationError (ARGON2_UNAVAILABLE). `needsRehash` is true for a hash of another algorithm or with
 * other parameters than the current ones, except that it never turns an Argon2id hash into scrypt; the login flow
 * (login.ts) then stores a new hash once the member's password checks out and the member may log in.
 * `verifyAgainstDummy` verifies against a constant hash of an unknown password made with the current algorithm and
 * parameters, so an unknown email costs what a wrong password does.
 *
 * Policy (`checkPasswordPolicy`, used at registration): at most 256 characters (readPassword: INVALID_INPUT), at least
 * the policy's minimum (default 8, WEAK_PASSWORD), and not one of the 10,000 most common passwords, compared without
 * regard to case (WEAK_PASSWORD). That list is bundled (nodes/shared/vendor/commonPasswords.ts) and loaded the first
 * time a password is checked; nothing goes over the network.
 */
import { argon2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ConfigurationError, OutcomeError } from '../errors';
import { readPassword } from './input';
import { loadOnce } from '../loadOnce';

export type PasswordAlgorithm = 'argon2id' | 'scrypt';

export interface ScryptParams {
	/** log2 of N, the CPU/memory cost */
	logN: number;
	r: number;
	p: number;
}

export interface Argon2idParams {
	/** memory in KiB */
	m: number;
	/** passes over the memory */
	t: number;
	/** lanes */
	p: number;
}

export type PasswordHashParams = ScryptParams | Argon2idParams;

export type HashDescription =
	| { algorithm: 'argon2id'; params: Argon2idParams }
	| { algorithm: 'scrypt'; params: ScryptParams };

/** OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1 (about 20 MiB and tens of milliseconds per hash). */
export const CURRENT_ARGON2ID_PARAMS: Readonly<Argon2idParams> = Object.freeze({ m: 19_456, t: 2, p: 1 });
/** OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 (about 128 MiB and a few hundred milliseconds per hash). */
export const CURRENT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ logN: 17, r: 8, p: 1 });

/** Whether this runtime's node:crypto has Argon2 (Node.js 24.7 and later); checked once. */
export const ARGON2_AVAILABLE: boolean = typeof argon2 === 'function';

const SALT_BYTES = 16;
const ARGON2_HASH_BYTES = 32;
const SCRYPT_KEY_BYTES = 64;
/** The only Argon2 version node:crypto implements (0x13). */
const ARGON2_VERSION = 19;
const ARGON2ID_FORMAT =
	/^argon2id\$v=(\d{1,3}),m=(\d{1,7}),t=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,})$/;
const SCRYPT_FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,})$/;

/**
 * Hashes of a random password nobody knows, one per algorithm, with the current parameters (a test keeps them in step).
 * Logins for unknown emails verify against the current algorithm's, so they cost the same time as a wrong password
 * and do not reveal which emails exist.
 */
const DUMMY_HASHES: Readonly<Record<PasswordAlgorithm, string>> = Object.freeze({
	argon2id: 'argon2id$v=19,m=19456,t=2,p=1$u34wzDnRx5ctLw9Jh8D37w$uBHRONo30EI+KLnDxIhYNj7cwpesAxXfHK4JNfkqj28',
	scrypt:
		'scrypt$ln=17,r=8,p=1$CSiqjkpSXn3Oyr6owzHh4Q$I+NJIt0Uvw0zSrOYb+wljRUJw6NwPFI21bpVG+Xu1eE1ar5W0VxnlQXO0UMZIagqZdfmJZNkzFVD71vYqB46ag',
});

/** Hashing as a runtime with or without Argon2id does it. The module's own functions use `currentHasher`. */
export interface PasswordHasher {
	/** what new hashes are made with */
	readonly algorithm: PasswordAlgorithm;
	readonly params: Readonly<PasswordHashParams>;
	/** the constant hash `verifyAgainstDummy` checks against */
	readonly dummyHash: string;
	hash(password: string): Promise<string>;
	verify(password: string, encoded: string): Promise<boolean>;
	needsRehash(encoded: string): boolean;
	verifyAgainstDummy(password: string): Promise<false>;
}

/**
 * The hasher for a runtime that has Argon2id (`true`) or not (`false`). Tests pass `false` to exercise the scrypt
 * fallback on a runtime that has both; `currentHasher` is this with `ARGON2_AVAILABLE`.
 */
export function selectPasswordHasher(argon2Available: boolean): PasswordHasher {
	const algorithm: PasswordAlgorithm = argon2Available ? 'argon2id' : 'scrypt';
	const params = argon2Available ? CURRENT_ARGON2ID_PARAMS : CURRENT_SCRYPT_PARAMS;
	const dummyHash = DUMMY_HASHES[algorithm];
	const verify = (password: string, encoded: string) => verifyWith(password, encoded, argon2Available);
	return Object.freeze({
		algorithm,
		params,
		dummyHash,
		hash: (password: string) => hashWith(password, params, argon2Available),
		verify,
		needsRehash(encoded: string): boolean {
			const stored = describeHash(encoded);
			// Never from Argon2id down to scrypt: a runtime without Argon2id cannot even verify such a hash.
			if (stored.algorithm === 'argon2id' && algorithm === 'scrypt') return false;
			return !sameParams(stored, params);
		},
		async verifyAgainstDummy(password: string): Promise<false> {
			await verify(password, dummyHash);
			return false;
		},
	});
}

export const currentHasher: PasswordHasher = selectPasswordHasher(ARGON2_AVAILABLE);

/**
 * Returns the password if it meets the policy: readPassword's checks (required, at most 256 characters), then the
 * minimum length and the list of common passwords (both WEAK_PASSWORD). Length counts characters (code points), not
 * bytes.
 */
export async function checkPasswordPolicy(password: unknown, minLength: number): Promise<string> {
	const accepted = readPassword(password);
	if ([...accepted].length < minLength) {
		throw new OutcomeError('WEAK_PASSWORD', `The password must have at least ${minLength} characters.`);
	}
	if (await isCommonPassword(accepted)) {
		throw new OutcomeError(
			'WEAK_PASSWORD',
			'This password is too common: it is on the list of the most used passwords, which attackers try first.',
		);
	}
	return accepted;
}

/** The list is bundled separately and loaded the first time a password is checked. */
const loadCommonPasswords = loadOnce(() => import('../../vendor/commonPasswords'));

/** True when the password is one of the 10,000 most common ones, whatever its case. */
export async function isCommonPassword(password: string): Promise<boolean> {
	const { commonPasswords } = await loadCommonPasswords();
	return commonPasswords.has(password.normalize('NFC').toLowerCase());
}

/** Hashes with the current algorithm, or with the given parameters (Argon2id or scrypt, told apart by their names). */
export function hashPassword(password: string, params?: PasswordHashParams): Promise<string> {
	return params ? hashWith(password, params, ARGON2_AVAILABLE) : currentHasher.hash(password);
}

/** Checks a password against a stored hash with the algorithm and parameters the hash names, in constant time. */
export function verifyPassword(password: string, encoded: string): Promise<boolean> {
	return currentHasher.verify(password, encoded);
}

/** Spends the time of a real verification and fails: for logins whose email is unknown or has no password. */
export function verifyAgainstDummy(password: string): Promise<false> {
	return currentHasher.verifyAgainstDummy(password);
}

/**
 * True when the hash should be replaced at the next successful login: by default when it was made with another
 * algorithm or other parameters than the current ones (never from Argon2id down to scrypt); with `params`, when it was
 * not made with exactly those.
 */
export function needsRehash(encoded: string, params?: PasswordHashParams): boolean {
	return params ? !sameParams(describeHash(encoded), params) : currentHasher.needsRehash(encoded);
}

/** The algorithm and parameters a stored hash names (throws for a hash this package did not write). */
export function describeHash(encoded: string): HashDescription {
	const { algorithm, params } = parseHash(encoded);
	return { algorithm, params } as HashDescription;
}

type StoredHash = HashDescription & { salt: Buffer; key: Buffer };

function parseHash(encoded: string): StoredHash {
	const argon = ARGON2ID_FORMAT.exec(encoded);
	if (argon) {
		if (Number(argon[1]) !== ARGON2_VERSION) {
			throw new Error(`The stored password hash uses Argon2 version ${argon[1]}; only ${ARGON2_VERSION} is supported.`);
		}
		const params = { m: Number(argon[2]), t: Number(argon[3]), p: Number(argon[4]) };
		// Bounds keep a corrupted or planted hash from asking for gigabytes of memory or minutes of work.
		if (params.p < 1 || params.p > 16 || params.m < 8 * params.p || params.m > 262_144 || params.t < 1 || params.t > 10) {
			throw new Error('The stored password hash has Argon2id parameters out of the supported range.');
		}
		return { algorithm: 'argon2id', params, salt: fromBase64(argon[5]), key: fromBase64(argon[6]) };
	}
	const match = SCRYPT_FORMAT.exec(encoded);
	if (!match) {
		throw new Error('The stored password hash is in neither format this package writes (argon2id$…, scrypt$…).');
	}
	const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
	if (params.logN < 10 || params.logN > 22 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) {
		throw new Error('The stored password hash has scrypt parameters out of the supported range.');
	}
	return { algorithm: 'scrypt', params, salt: fromBase64(match[4]), key: fromBase64(match[5]) };
}

function describeParams(params: PasswordHashParams): HashDescription {
	return 'logN' in params ? { algorithm: 'scrypt', params } : { algorithm: 'argon2id', params };
}

function sameParams(stored: HashDescription, params: PasswordHashParams): boolean {
	const wanted = describeParams(params);
	if (stored.algorithm === 'scrypt' && wanted.algorithm === 'scrypt') {
		const [a, b] = [stored.params, wanted.params];
		return a.logN === b.logN && a.r === b.r && a.p === b.p;
	}
	if (stored.algorithm === 'argon2id' && wanted.algorithm === 'argon2id') {
		const [a, b] = [stored.params, wanted.params];
		return a.m === b.m && a.t === b.t && a.p === b.p;
	}
	return false;
}

async function hashWith(password: string, params: PasswordHashParams, argon2Available: boolean): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const wanted = describeParams(params);
	if (wanted.algorithm === 'argon2id') {
		const { m, t, p } = wanted.params;
		const key = await deriveArgon2id(password, salt, wanted.params, ARGON2_HASH_BYTES, argon2Available);
		return `argon2id$v=${ARGON2_VERSION},m=${m},t=${t},p=${p}$${toBase64(salt)}$${toBase64(key)}`;
	}
	const { logN, r, p } = wanted.params;
	const key = await deriveScrypt(password, salt, wanted.params, SCRYPT_KEY_BYTES);
	return `scrypt$ln=${logN},r=${r},p=${p}$${toBase64(salt)}$${toBase64(key)}`;
}

async function verifyWith(password: string, encoded: string, argon2Available: boolean): Promise<boolean> {
	const stored = parseHash(encoded);
	const candidate =
		stored.algorithm === 'argon2id'
			? await deriveArgon2id(password, stored.salt, stored.params, stored.key.length, argon2Available)
			: await deriveScrypt(password, stored.salt, stored.params, stored.key.length);
	return timingSafeEqual(candidate, stored.key);
}

function deriveArgon2id(
	password: string,
	salt: Buffer,
	params: Argon2idParams,
	length: number,
	argon2Available: boolean,
): Promise<Buffer> {
	if (!argon2Available) {
		return Promise.reject(
			new ConfigurationError(
				'ARGON2_UNAVAILABLE',
				`Password hashes made with Argon2id need Node.js 24.7 or later; this n8n runs on Node.js ${process.versions.node}.`,
			),
		);
	}
	const parameters = {
		// NFC: the same password typed on two systems may arrive in two Unicode forms.
		message: Buffer.from(password.normalize('NFC'), 'utf8'),
		nonce: salt,
		parallelism: params.p,
		tagLength: length,
		memory: params.m,
		passes: params.t,
	};
	return new Promise((resolve, reject) => {
		argon2('argon2id', parameters, (error, key) => (error ? reject(error) : resolve(key)));
	});
}

function deriveScrypt(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
	const N = 2 ** params.logN;
	// scrypt needs about 128·N·r bytes; Node's default ceiling (32 MiB) is below OWASP's 128 MiB.
	const maxmem = 128 * N * params.r + 128 * params.r * params.p + 1024 * 1024;
	return new Promise((resolve, reject) => {
		scrypt(password.normalize('NFC'), salt, length, { N, r: params.r, p: params.p, maxmem }, (error, key) =>
			error ? reject(error) : resolve(key),
		);
	});
}

function toBase64(bytes: Buffer): string {
	return bytes.toString('base64').replace(/=+$/, '');
}

function fromBase64(text: string): Buffer {
	return Buffer.from(text, 'base64');
}
