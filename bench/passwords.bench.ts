/**
 * Password hashing: Argon2id (m=19 MiB, t=2, p=1, the default on Node.js 24.7+) next to scrypt (N=2^17, r=8, p=1, the
 * fallback), alone and inside members.login.sendCode on a SQLite store with the fake Verify.
 *
 * Every figure of a table comes from one run in alternating rounds (each round runs every variant once, in an order
 * that rotates), so a busy moment of the machine falls on all variants alike. The scrypt-only runtime is the member
 * service loaded once more in an isolated module registry whose node:crypto lacks `argon2` (the module's feature test
 * then picks scrypt, as it does on Node.js before 24.7); the real node:crypto is not touched.
 */
import * as realCrypto from 'node:crypto';
import { type Members, type MemberStore, closeAllStores, openStore } from '../nodes/shared/core/members';
import { type PasswordHasher, hashPassword, selectPasswordHasher } from '../nodes/shared/core/members/passwords';
import { FakeVerifyGateway, SERVICE_SID } from '../test/support/fakeGateway';
import { BACKENDS } from '../test/support/memberBackends';
import { PASSWORD, SESSION_SECRET } from '../test/support/memberHarness';
import { printTable, round } from './report';
import { type SeededMember, benchMembers, seedMembers } from './support/members';
import { elapsedMs, percentileOf, timeOps } from './support/timing';

/** Rounds of hash + verify with each algorithm, one at a time. */
const HASH_ROUNDS = 30;
/** Verifications per algorithm for the throughput figure, CONCURRENCY at a time (libuv's pool has 4 threads). */
const THROUGHPUT_OPS = 24;
const CONCURRENCY = 4;
/** Rounds of sendLoginCode, each variant once per round, each login by a different member. */
const LOGIN_ROUNDS = 20;
const WARM_UP = 2;

type Row = Record<string, string | number>;

const argon2id = selectPasswordHasher(true);
const scrypt = selectPasswordHasher(false);

/** Runs each of `variants` once per round, rotating which goes first; returns each one's samples in ms. */
async function alternate(
	rounds: number,
	variants: Record<string, (round: number) => Promise<unknown>>,
): Promise<Record<string, number[]>> {
	const names = Object.keys(variants);
	const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
	for (let round = 0; round < rounds; round++) {
		for (let i = 0; i < names.length; i++) {
			const name = names[(round + i) % names.length];
			samples[name].push(await elapsedMs(() => variants[name](round)));
		}
	}
	return samples;
}

const median = (samples: number[]) => percentileOf(samples, 50);
const ms = (value: number) => round(value, 1);
const ratio = (value: number, base: number) => `${round(value / base, 2)}×`;

test('Argon2id and scrypt, alone', async () => {
	const argonHash = await argon2id.hash(PASSWORD);
	const scryptHash = await scrypt.hash(PASSWORD);
	const check = async (hasher: PasswordHasher, hash: string) => {
		if (!(await hasher.verify(PASSWORD, hash))) throw new Error('The password did not verify.');
	};
	await alternate(WARM_UP, { a: () => check(argon2id, argonHash), s: () => check(scrypt, scryptHash) });

	const samples = await alternate(HASH_ROUNDS, {
		'argon2id hash': () => argon2id.hash(PASSWORD),
		'scrypt hash': () => scrypt.hash(PASSWORD),
		'argon2id verify': () => check(argon2id, argonHash),
		'scrypt verify': () => check(scrypt, scryptHash),
	});
	const throughput = async (hasher: PasswordHasher, hash: string) => {
		const runs = await timeOps(Array.from({ length: THROUGHPUT_OPS }), CONCURRENCY, () => check(hasher, hash));
		return THROUGHPUT_OPS / runs.wallSeconds;
	};
	// Alternated too: scrypt, Argon2id, Argon2id, scrypt.
	const scryptOps = [await throughput(scrypt, scryptHash)];
	const argonOps = [await throughput(argon2id, argonHash), await throughput(argon2id, argonHash)];
	scryptOps.push(await throughput(scrypt, scryptHash));
	const opsPerSecond = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

	const rows: Row[] = (['hash', 'verify'] as const).map((operation) => {
		const a = samples[`argon2id ${operation}`];
		const s = samples[`scrypt ${operation}`];
		return {
			operation,
			'argon2id median ms': ms(median(a)),
			'argon2id p95 ms': ms(percentileOf(a, 95)),
			'scrypt median ms': ms(median(s)),
			'scrypt p95 ms': ms(percentileOf(s, 95)),
			'argon2id / scrypt (median)': ratio(median(a), median(s)),
		};
	});
	rows.push({
		operation: `verify/s, ${CONCURRENCY} at a time`,
		'argon2id median ms': round(opsPerSecond(argonOps), 1),
		'argon2id p95 ms': '',
		'scrypt median ms': round(opsPerSecond(scryptOps), 1),
		'scrypt p95 ms': '',
		'argon2id / scrypt (median)': ratio(opsPerSecond(argonOps), opsPerSecond(scryptOps)),
	});
	rows.push({
		operation: 'memory per hash (parameters)',
		'argon2id median ms': '19 MiB',
		'argon2id p95 ms': '',
		'scrypt median ms': '128 MiB',
		'scrypt p95 ms': '',
		'argon2id / scrypt (median)': ratio(19, 128),
	});
	printTable(`Password hash alone, ${HASH_ROUNDS} alternating rounds, one at a time (Node ${process.version})`, rows);
});

test('members.login.sendCode with each', async () => {
	const backend = BACKENDS.find((candidate) => candidate.name === 'sqlite');
	if (!backend) throw new Error('The SQLite backend is missing.');
	const store = await openStore(await backend.create());
	try {
		await benchLogins(store);
	} finally {
		await closeAllStores();
		await backend.cleanUp();
	}
});

async function benchLogins(store: MemberStore): Promise<void> {
	const variants = ['argon2id', 'scrypt-only runtime', 'upgrade', 'unknown argon2id', 'unknown scrypt-only'] as const;
	const perVariant = LOGIN_ROUNDS + WARM_UP;
	// Every member shares one Argon2id hash; the scrypt ones get a scrypt hash before each login (not timed).
	const seeded = await seedMembers(store, perVariant * 3, await hashPassword(PASSWORD));
	const scryptHash = await scrypt.hash(PASSWORD);
	const members = {
		argon2id: seeded.slice(0, perVariant),
		scryptOnly: seeded.slice(perVariant, 2 * perVariant),
		upgrade: seeded.slice(2 * perVariant),
	};
	for (const member of [...members.scryptOnly, ...members.upgrade]) {
		await store.updatePasswordHash(member.id, scryptHash);
	}

	const current = benchMembers(store);
	const scryptOnly = scryptOnlyMembers(store);
	const logIn = (service: Members, member: SeededMember) =>
		service.login.sendCode({ email: member.email, password: PASSWORD });
	const unknown = async (service: Members, round: number, runtime: string) => {
		const refused = await logIn(service, { id: '', phone: '', email: `nobody-${runtime}-${round}@bench.example` }).then(
			() => undefined,
			(error: unknown) => error,
		);
		// The scrypt-only service has its own OutcomeError class (its own registry): compare the code only.
		if ((refused as { code?: string } | undefined)?.code !== 'INVALID_CREDENTIALS') throw refused;
	};
	const run: Record<(typeof variants)[number], (round: number) => Promise<unknown>> = {
		argon2id: (round) => logIn(current, members.argon2id[round]),
		'scrypt-only runtime': (round) => logIn(scryptOnly, members.scryptOnly[round]),
		upgrade: (round) => logIn(current, members.upgrade[round]),
		'unknown argon2id': (round) => unknown(current, round, 'current'),
		'unknown scrypt-only': (round) => unknown(scryptOnly, round, 'scrypt-only'),
	};
	await alternate(WARM_UP, run);
	const shifted = Object.fromEntries(
		Object.entries(run).map(([name, work]) => [name, (round: number) => work(round + WARM_UP)]),
	);
	const samples = await alternate(LOGIN_ROUNDS, shifted);

	// The steady states had their hash left alone, the upgrades all ended as Argon2id.
	for (const member of members.upgrade) {
		if (!(await store.findMemberById(member.id))?.passwordHash?.startsWith('argon2id$')) throw new Error('Not upgraded.');
	}
	for (const member of members.scryptOnly) {
		if (!(await store.findMemberById(member.id))?.passwordHash?.startsWith('scrypt$')) throw new Error('Upgraded.');
	}

	const base = median(samples.argon2id);
	const what: Record<(typeof variants)[number], string> = {
		argon2id: 'Argon2id runtime, Argon2id hash (steady state)',
		'scrypt-only runtime': 'scrypt-only runtime, scrypt hash (steady state)',
		upgrade: 'Argon2id runtime, scrypt hash: verify + rehash (once per member)',
		'unknown argon2id': 'Argon2id runtime, unknown email (dummy Argon2id)',
		'unknown scrypt-only': 'scrypt-only runtime, unknown email (dummy scrypt)',
	};
	const rows: Row[] = variants.map((variant) => ({
		login: what[variant],
		'median ms': ms(median(samples[variant])),
		'p95 ms': ms(percentileOf(samples[variant], 95)),
		'× Argon2id steady state': ratio(median(samples[variant]), base),
	}));
	printTable(
		`members.login.sendCode (password check + rate limit + challenge + fake send), SQLite, ` +
			`${LOGIN_ROUNDS} alternating rounds, a different member each login`,
		rows,
	);
}

/** The member service as a runtime without Argon2id runs it: its own module registry, node:crypto without argon2. */
function scryptOnlyMembers(store: MemberStore): Members {
	let members: Members | undefined;
	jest.isolateModules(() => {
		jest.doMock('node:crypto', () => {
			// Copied as descriptors, so deprecated getters such as crypto.fips are not read.
			const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(realCrypto);
			delete descriptors.argon2;
			delete descriptors.argon2Sync;
			return Object.defineProperties({}, descriptors);
		});
		type Passwords = typeof import('../nodes/shared/core/members/passwords');
		const isolated = require('../nodes/shared/core/members/passwords') as Passwords;
		if (isolated.ARGON2_AVAILABLE || isolated.currentHasher.algorithm !== 'scrypt') {
			throw new Error('The isolated registry still sees Argon2id.');
		}
		if (isolated.currentHasher.dummyHash !== selectPasswordHasher(false).dummyHash) throw new Error('Wrong dummy.');
		const { createMembers } = require('../nodes/shared/core/members') as typeof import('../nodes/shared/core/members');
		members = createMembers({
			store,
			verify: { gateway: new FakeVerifyGateway(), serviceSid: SERVICE_SID },
			sessionSecret: SESSION_SECRET,
		});
	});
	if (!members) throw new Error('The scrypt-only member service was not created.');
	return members;
}
