import * as passwords from '../../nodes/shared/core/members/passwords';
import { expectOutcome } from '../support/memberHarness';

const { ARGON2_AVAILABLE, CURRENT_ARGON2ID_PARAMS, CURRENT_SCRYPT_PARAMS, currentHasher } = passwords;
const { checkPasswordPolicy, describeHash, hashPassword, isCommonPassword, needsRehash } = passwords;
const { selectPasswordHasher, verifyAgainstDummy, verifyPassword } = passwords;

const PASSWORD = 'correct horse battery';
const ARGON2ID_HASH = /^argon2id\$v=19,m=19456,t=2,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const SCRYPT_HASH = /^scrypt\$ln=17,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

async function time(work: () => Promise<unknown>): Promise<number> {
	const started = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Fastest of two runs: the machine may be busy, and the minimum is what the work costs. */
/** The fastest of five runs: a busy machine only ever adds time, so the minimum is the cost itself. */
async function cost(work: () => Promise<unknown>): Promise<number> {
	let fastest = Infinity;
	for (let run = 0; run < 5; run++) fastest = Math.min(fastest, await time(work));
	return fastest;
}

describe('the algorithm this runtime uses', () => {
	test('is Argon2id on Node.js 24.7 and later (the tests run on Node 24)', () => {
		const [major, minor] = process.versions.node.split('.').map(Number);
		expect(ARGON2_AVAILABLE).toBe(major > 24 || (major === 24 && minor >= 7));
		expect(ARGON2_AVAILABLE).toBe(true);
		expect(currentHasher.algorithm).toBe('argon2id');
		expect(currentHasher.params).toEqual({ m: 19_456, t: 2, p: 1 });
	});

	test('each algorithm’s dummy hash is made with its current parameters', () => {
		expect(describeHash(selectPasswordHasher(true).dummyHash)).toEqual({
			algorithm: 'argon2id',
			params: CURRENT_ARGON2ID_PARAMS,
		});
		expect(describeHash(selectPasswordHasher(false).dummyHash)).toEqual({
			algorithm: 'scrypt',
			params: CURRENT_SCRYPT_PARAMS,
		});
	});
});

describe('Argon2id hashing (the default)', () => {
	let hash: string;
	beforeAll(async () => {
		hash = await hashPassword(PASSWORD);
	});

	test('writes a self-describing Argon2id hash with the OWASP parameters, 16-byte salt and 32-byte hash', () => {
		const match = ARGON2ID_HASH.exec(hash);
		expect(match).not.toBeNull();
		expect(match![1]).not.toMatch(/=/);
		expect(Buffer.from(match![1], 'base64')).toHaveLength(16);
		expect(Buffer.from(match![2], 'base64')).toHaveLength(32);
		expect(describeHash(hash)).toEqual({ algorithm: 'argon2id', params: CURRENT_ARGON2ID_PARAMS });
		expect(needsRehash(hash)).toBe(false);
	});

	test('verifies the right password and refuses others', async () => {
		await expect(verifyPassword(PASSWORD, hash)).resolves.toBe(true);
		await expect(verifyPassword('correct horse batterY', hash)).resolves.toBe(false);
		await expect(verifyPassword('', hash)).resolves.toBe(false);
	});

	test('salts every hash', async () => {
		expect(await hashPassword(PASSWORD)).not.toBe(hash);
	});

	test('treats a Unicode password the same in composed and decomposed form', async () => {
		const composed = await hashPassword('mot de passe é');
		await expect(verifyPassword('mot de passe e\u0301', composed)).resolves.toBe(true);
	});

	test('reads the parameters from the stored hash, and flags other ones for rehashing', async () => {
		const cheaper = await hashPassword(PASSWORD, { m: 8_192, t: 1, p: 1 });
		expect(cheaper).toMatch(/^argon2id\$v=19,m=8192,t=1,p=1\$/);
		await expect(verifyPassword(PASSWORD, cheaper)).resolves.toBe(true);
		await expect(verifyPassword('wrong', cheaper)).resolves.toBe(false);
		expect(needsRehash(cheaper)).toBe(true);
		expect(needsRehash(hash, { m: 47_104, t: 1, p: 1 })).toBe(true);
		expect(needsRehash(hash, CURRENT_ARGON2ID_PARAMS)).toBe(false);
	});

	test('keeps verifying scrypt hashes and flags them for an upgrade to Argon2id', async () => {
		const legacy = await hashPassword(PASSWORD, CURRENT_SCRYPT_PARAMS);
		expect(legacy).toMatch(SCRYPT_HASH);
		await expect(verifyPassword(PASSWORD, legacy)).resolves.toBe(true);
		await expect(verifyPassword('not the password', legacy)).resolves.toBe(false);
		expect(needsRehash(legacy)).toBe(true);
		const older = await hashPassword(PASSWORD, { logN: 14, r: 8, p: 1 });
		await expect(verifyPassword(PASSWORD, older)).resolves.toBe(true);
		expect(needsRehash(older)).toBe(true);
	});

	test('refuses hashes it did not write, and parameters that would exhaust memory or time', async () => {
		await expect(verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuv')).rejects.toThrow('neither format');
		await expect(verifyPassword('x', `$${hash}`)).rejects.toThrow('neither format');
		await expect(verifyPassword('x', hash.replace('m=19456', 'm=4194304'))).rejects.toThrow('out of the supported range');
		await expect(verifyPassword('x', hash.replace('t=2', 't=99'))).rejects.toThrow('out of the supported range');
		await expect(verifyPassword('x', hash.replace('v=19', 'v=16'))).rejects.toThrow('version 16');
		const scryptHash = selectPasswordHasher(false).dummyHash;
		await expect(verifyPassword('x', scryptHash.replace('ln=17', 'ln=30'))).rejects.toThrow('out of the supported range');
	});

	test('the dummy verification for unknown emails fails and costs about as much as a real one', async () => {
		await expect(verifyAgainstDummy(PASSWORD)).resolves.toBe(false);
		// Interleaved, so a busy moment falls on both.
		let real = Infinity;
		let dummy = Infinity;
		for (let round = 0; round < 3; round++) {
			real = Math.min(real, await cost(() => verifyPassword('guess', hash)));
			dummy = Math.min(dummy, await cost(() => verifyAgainstDummy('guess')));
		}
		// Loose on purpose (the machine may be busy): an early return, or a dummy with cheaper parameters, is far below.
		expect(dummy).toBeGreaterThan(real * 0.5);
		// ...and a scrypt dummy (about six times Argon2id's cost here) far above.
		expect(dummy).toBeLessThan(real * 4);
	});
});

describe('the scrypt fallback, for a runtime without Argon2id', () => {
	const fallback = selectPasswordHasher(false);
	let hash: string;
	beforeAll(async () => {
		hash = await fallback.hash(PASSWORD);
	});

	test('writes a self-describing scrypt hash with the OWASP parameters, 16-byte salt and 64-byte key', () => {
		expect(fallback.algorithm).toBe('scrypt');
		const match = SCRYPT_HASH.exec(hash);
		expect(match).not.toBeNull();
		expect(Buffer.from(match![1], 'base64')).toHaveLength(16);
		expect(Buffer.from(match![2], 'base64')).toHaveLength(64);
		expect(describeHash(hash)).toEqual({ algorithm: 'scrypt', params: CURRENT_SCRYPT_PARAMS });
	});

	test('verifies the right password and refuses others', async () => {
		await expect(fallback.verify(PASSWORD, hash)).resolves.toBe(true);
		await expect(fallback.verify('correct horse batterY', hash)).resolves.toBe(false);
	});

	test('flags older scrypt parameters, but never asks to turn an Argon2id hash into scrypt', async () => {
		expect(fallback.needsRehash(hash)).toBe(false);
		expect(fallback.needsRehash(await hashPassword(PASSWORD, { logN: 14, r: 8, p: 1 }))).toBe(true);
		const argon = await hashPassword(PASSWORD);
		expect(fallback.needsRehash(argon)).toBe(false);
	});

	test('an Argon2id hash is a setup error (the runtime cannot check it), not a wrong password', async () => {
		await expect(fallback.verify(PASSWORD, await hashPassword(PASSWORD))).rejects.toMatchObject({
			name: 'ConfigurationError',
			code: 'ARGON2_UNAVAILABLE',
		});
	});

	test('the dummy verification is scrypt too, and fails', async () => {
		await expect(fallback.verifyAgainstDummy(PASSWORD)).resolves.toBe(false);
		const real = await cost(() => fallback.verify('guess', hash));
		const dummy = await cost(() => fallback.verifyAgainstDummy('guess'));
		expect(dummy).toBeGreaterThan(real * 0.5);
	});
});

describe('password policy', () => {
	test('too short is WEAK_PASSWORD, with a configurable minimum counted in characters', async () => {
		await expectOutcome(checkPasswordPolicy('short', 8), 'WEAK_PASSWORD');
		await expect(checkPasswordPolicy('eight ch', 8)).resolves.toBe('eight ch');
		await expectOutcome(checkPasswordPolicy('eight ch', 12), 'WEAK_PASSWORD');
		await expect(checkPasswordPolicy('🔑🔑🔑🔑🔑🔑🔑🔑', 8)).resolves.toBe('🔑🔑🔑🔑🔑🔑🔑🔑');
	});

	test('a common password is WEAK_PASSWORD whatever its case, and says it is too common', async () => {
		for (const common of ['password', 'Password1', 'QWERTYUIOP', '12345678', 'iloveyou', 'trustno1']) {
			const error = await expectOutcome(checkPasswordPolicy(common, 8), 'WEAK_PASSWORD');
			expect(error.message).toMatch(/too common/);
			expect(error.httpStatus).toBe(400);
		}
		// Too short is said first: the length rule is the one a user can act on.
		expect((await expectOutcome(checkPasswordPolicy('123456', 8), 'WEAK_PASSWORD')).message).toMatch(/at least 8/);
		await expect(isCommonPassword('dragon')).resolves.toBe(true);
		await expect(isCommonPassword(PASSWORD)).resolves.toBe(false);
		await expect(checkPasswordPolicy(PASSWORD, 8)).resolves.toBe(PASSWORD);
	});

	test('64 and 256 characters are accepted; 257 and more, or missing, are INVALID_INPUT', async () => {
		const of = (length: number) => 'Tr0ub4dor&3-'.repeat(30).slice(0, length);
		await expect(checkPasswordPolicy(of(64), 8)).resolves.toHaveLength(64);
		await expect(checkPasswordPolicy(of(256), 8)).resolves.toHaveLength(256);
		await expect(checkPasswordPolicy('🔑'.repeat(256), 8)).resolves.toHaveLength(512); // 256 characters, 512 UTF-16 units
		await expectOutcome(checkPasswordPolicy(of(257), 8), 'INVALID_INPUT');
		await expectOutcome(checkPasswordPolicy('a'.repeat(100_000), 8), 'INVALID_INPUT');
		await expectOutcome(checkPasswordPolicy(undefined, 8), 'INVALID_INPUT');
		await expectOutcome(checkPasswordPolicy(12345678, 8), 'INVALID_INPUT');
	});

	test('a 256-character password hashes and verifies', async () => {
		const long = 'x'.repeat(200) + 'y'.repeat(56);
		const hash = await hashPassword(long);
		await expect(verifyPassword(long, hash)).resolves.toBe(true);
		await expect(verifyPassword(long.slice(0, 255), hash)).resolves.toBe(false);
	});
});
