import * as passwords from '../../nodes/shared/core/members/passwords';

const { CURRENT_SCRYPT_PARAMS, checkPasswordPolicy, describeHash, hashPassword, needsRehash } = passwords;
const { verifyAgainstDummy, verifyPassword } = passwords;
import { expectOutcome } from '../support/memberHarness';

const expectOutcomeSync = (run: () => unknown, code: string) =>
	expectOutcome(Promise.resolve().then(run), code as never);

describe('password hashing', () => {
	let hash: string;
	beforeAll(async () => {
		hash = await hashPassword('correct horse battery');
	});

	test('writes a self-describing scrypt hash with the OWASP parameters, 16-byte salt and 64-byte key', () => {
		const match = /^scrypt\$ln=17,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
		expect(match).not.toBeNull();
		expect(Buffer.from(match![1], 'base64')).toHaveLength(16);
		expect(Buffer.from(match![2], 'base64')).toHaveLength(64);
		expect(describeHash(hash)).toEqual(CURRENT_SCRYPT_PARAMS);
	});

	test('verifies the right password and refuses others', async () => {
		await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
		await expect(verifyPassword('correct horse batterY', hash)).resolves.toBe(false);
		await expect(verifyPassword('', hash)).resolves.toBe(false);
	});

	test('salts every hash', async () => {
		expect(await hashPassword('correct horse battery')).not.toBe(hash);
	});

	test('reads the parameters from the stored hash, and flags old ones for rehashing', async () => {
		const cheaper = await hashPassword('correct horse battery', { logN: 14, r: 8, p: 1 });
		expect(cheaper.startsWith('scrypt$ln=14,r=8,p=1$')).toBe(true);
		await expect(verifyPassword('correct horse battery', cheaper)).resolves.toBe(true);
		expect(needsRehash(cheaper)).toBe(true);
		expect(needsRehash(hash)).toBe(false);
		expect(needsRehash(hash, { logN: 18, r: 8, p: 1 })).toBe(true);
	});

	test('treats a Unicode password the same in composed and decomposed form', async () => {
		const composed = await hashPassword('mot de passe é');
		await expect(verifyPassword('mot de passe e\u0301', composed)).resolves.toBe(true);
	});

	test('refuses hashes it did not write, and parameters that would exhaust memory', async () => {
		await expect(verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuv')).rejects.toThrow('scrypt format');
		const greedy = hash.replace('ln=17', 'ln=30');
		await expect(verifyPassword('x', greedy)).rejects.toThrow('out of the supported range');
	});

	test('the dummy verification for unknown emails fails and costs about as much as a real one', async () => {
		const time = async (work: () => Promise<unknown>) => {
			const started = process.hrtime.bigint();
			await work();
			return Number(process.hrtime.bigint() - started) / 1e6;
		};
		await expect(verifyAgainstDummy('correct horse battery')).resolves.toBe(false);
		const real = Math.min(
			await time(() => verifyPassword('guess', hash)),
			await time(() => verifyPassword('guess', hash)),
		);
		const dummy = Math.min(
			await time(() => verifyAgainstDummy('guess')),
			await time(() => verifyAgainstDummy('guess')),
		);
		// Loose on purpose (the machine may be busy): an early return, or a dummy with cheaper parameters, is far below.
		expect(dummy).toBeGreaterThan(real * 0.25);
	});
});

describe('password policy', () => {
	test('too short is WEAK_PASSWORD, with a configurable minimum counted in characters', async () => {
		await expectOutcomeSync(() => checkPasswordPolicy('short', 8), 'WEAK_PASSWORD');
		expect(checkPasswordPolicy('eight ch', 8)).toBe('eight ch');
		await expectOutcomeSync(() => checkPasswordPolicy('eight ch', 12), 'WEAK_PASSWORD');
		expect(checkPasswordPolicy('🔑🔑🔑🔑🔑🔑🔑🔑', 8)).toBe('🔑🔑🔑🔑🔑🔑🔑🔑');
	});

	test('missing or longer than 256 characters is INVALID_INPUT', async () => {
		expect(checkPasswordPolicy('a'.repeat(256), 8)).toHaveLength(256);
		await expectOutcomeSync(() => checkPasswordPolicy('a'.repeat(257), 8), 'INVALID_INPUT');
		await expectOutcomeSync(() => checkPasswordPolicy('a'.repeat(100_000), 8), 'INVALID_INPUT');
		await expectOutcomeSync(() => checkPasswordPolicy(undefined, 8), 'INVALID_INPUT');
		await expectOutcomeSync(() => checkPasswordPolicy(12345678, 8), 'INVALID_INPUT');
	});
});
