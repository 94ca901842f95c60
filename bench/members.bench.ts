/**
 * Member store: lookup and login cost at 1,000 and 100,000 members on SQLite and PostgreSQL , next
 * to the cost of the password hash alone, and where a complete-login's time goes. Verify is the in-memory fake, so the
 * figures are what this package and its database add on top of Twilio's round trip.
 */
import {
	type MemberStore,
	type SessionGrant,
	closeAllStores,
	hashPassword,
	openStore,
	signSessionToken,
	verifyPassword,
} from '../nodes/shared/core/members';
import { checkChallengeCode, consumeChallenge, findLiveChallenge } from '../nodes/shared/core/members/challenges';
import { verifyOf } from '../nodes/shared/core/members/context';
import { assertMayLogIn, openSession } from '../nodes/shared/core/members/grants';
import { readCode, readId } from '../nodes/shared/core/members/input';
import { memberView } from '../nodes/shared/core/members/view';
import { BACKENDS, type TestBackend } from '../test/support/memberBackends';
import { GOOD_CODE } from '../test/support/fakeGateway';
import { PASSWORD } from '../test/support/memberHarness';
import { printTable, round } from './report';
import {
	type PreparedLogin,
	type SeededMember,
	benchMembers,
	pickDistinct,
	prepareLogins,
	seedMembers,
} from './support/members';
import { Laps, elapsedMs, inAlternatingPairs, mean, percentileOf, summarise, timeOps } from './support/timing';

const MEMBER_COUNTS = [1_000, 100_000];
const LOOKUPS = 2_000;
/** Completed logins per measurement; with the warm-up and the split, about 2,000 logins per store. */
const COMPLETES = 500;
const CONCURRENCY = 10;
/** Each costs a password verification, so only a few. */
const SEND_LOGIN_CODES = 20;
const HASHES = 10;
const WARM_UP = 100;

/** The steps of completeLogin, timed one by one; the transaction is split into BEGIN, its statements and COMMIT. */
const PARTS = {
	find: 'find challenge (sha256 + SELECT)',
	check: 'Verify check (fake)',
	begin: 'tx: BEGIN (+ wait for connection)',
	statements: 'tx: consume, member, session, last login',
	commit: 'tx: COMMIT (+ release)',
	sign: 'JWT sign (signSessionToken)',
	rest: 'input checks, context, member view',
} as const;

type Row = Record<string, string | number>;
interface Split {
	store: string;
	/** completeLogin itself, timed whole in the same loop: a check on the sum of the parts */
	wholeMs: number;
	partsMs: Map<string, number>;
}
const tables = { seed: [] as Row[], lookup: [] as Row[], complete: [] as Row[], send: [] as Row[] };
const splits: Split[] = [];
const hashRows: Row[] = [];
let passwordHash = '';

beforeAll(async () => {
	passwordHash = await hashPassword(PASSWORD);
});

afterAll(async () => {
	await closeAllStores();
	for (const backend of BACKENDS) await backend.cleanUp();
	printTable('Password hash alone (the runtime\'s algorithm, see bench/passwords.bench.ts), sequential', hashRows);
	printTable('Seeding through store.insertMember, 5,000 rows per transaction, one shared hash', tables.seed);
	printTable(`Lookup by email (findMemberByEmail), ${LOOKUPS} random members, sequential`, tables.lookup);
	printTable(`completeLogin with the fake Verify, ${COMPLETES} logins of different members`, tables.complete);
	printTable('Where a sequential completeLogin spends its time: mean µs per login (share of the sum)', splitRows());
	printTable(
		`sendLoginCode (password verify + rate limit + challenge + fake send), ${SEND_LOGIN_CODES} logins, sequential`,
		tables.send,
	);
});

test('password hash alone', async () => {
	const runs = Array.from({ length: HASHES }, (_, i) => i);
	const hashing = await timeOps(runs, 1, () => hashPassword(PASSWORD));
	const verifying = await timeOps(runs, 1, async () => {
		if (!(await verifyPassword(PASSWORD, passwordHash))) throw new Error('The password did not verify.');
	});
	hashRows.push({ operation: 'hashPassword', runs: HASHES, ...summarise(hashing) });
	hashRows.push({ operation: 'verifyPassword', runs: HASHES, ...summarise(verifying) });
});

describe.each(BACKENDS)('$name', (backend) => {
	test.each(MEMBER_COUNTS)('%i members', async (count) => {
		try {
			await benchStore(backend, count);
		} finally {
			await closeAllStores();
			await backend.cleanUp();
		}
	});
});

async function benchStore(backend: TestBackend, count: number): Promise<void> {
	const label = { backend: backend.name, members: count };
	const config = await backend.create();
	const store = await openStore(config);

	const seedStarted = performance.now();
	const members = await seedMembers(store, count, passwordHash);
	const seedSeconds = (performance.now() - seedStarted) / 1000;
	tables.seed.push({ ...label, seconds: round(seedSeconds, 2), 'rows/s': round(count / seedSeconds) });
	// Statistics as autovacuum or a periodic ANALYZE would leave them (the local test server runs without autovacuum).
	await backend.query(config, 'ANALYZE');

	tables.lookup.push({ ...label, ...(await benchLookups(store, members)) });

	// Warm up the prepared statements, the jose import and the JIT before anything is timed.
	await completeLogins(store, members, WARM_UP, 1);
	for (const concurrency of [1, CONCURRENCY]) {
		const times = await completeLogins(store, members, COMPLETES, concurrency);
		tables.complete.push({ ...label, concurrency, logins: COMPLETES, ...summarise(times) });
	}

	splits.push({ store: `${backend.name} ${count}`, ...(await splitCompleteLogin(store, members)) });

	tables.send.push({ ...label, ...(await benchSendLoginCode(store, members)) });
}

async function benchLookups(store: MemberStore, members: readonly SeededMember[]): Promise<Row> {
	const emails = Array.from({ length: LOOKUPS }, () => members[Math.floor(Math.random() * members.length)].email);
	const lookUp = async (email: string) => {
		if (!(await store.findMemberByEmail(email))) throw new Error(`${email} was not found.`);
	};
	await timeOps(emails.slice(0, WARM_UP), 1, lookUp);
	const times = await timeOps(emails, 1, lookUp);
	const micros = (ms: number) => round(ms * 1000);
	return {
		lookups: LOOKUPS,
		'lookups/s': round(LOOKUPS / times.wallSeconds),
		'mean µs': micros(mean(times.samplesMs)),
		'p50 µs': micros(percentileOf(times.samplesMs, 50)),
		'p95 µs': micros(percentileOf(times.samplesMs, 95)),
	};
}

/** Prepares `count` logins of different members, then completes them `concurrency` at a time. */
async function completeLogins(store: MemberStore, members: readonly SeededMember[], count: number, concurrency: number) {
	const logins = await prepareLogins(store, pickDistinct(members, count));
	return timeOps(logins, concurrency, completeWithGoodCode);
}

function completeWithGoodCode({ members, loginId }: PreparedLogin): Promise<SessionGrant> {
	return members.login.complete({ loginId, code: GOOD_CODE });
}

/** sendLoginCode next to a bare verifyPassword run right after it, under the same load: the difference is the rest. */
async function benchSendLoginCode(store: MemberStore, seeded: readonly SeededMember[]): Promise<Row> {
	const members = benchMembers(store);
	const sendMs: number[] = [];
	const verifyMs: number[] = [];
	for (const member of pickDistinct(seeded, SEND_LOGIN_CODES)) {
		sendMs.push(await elapsedMs(() => members.login.sendCode({ email: member.email, password: PASSWORD })));
		verifyMs.push(await elapsedMs(() => verifyPassword(PASSWORD, passwordHash)));
	}
	return {
		logins: SEND_LOGIN_CODES,
		'ops/s': round(1000 / mean(sendMs)),
		'mean ms': round(mean(sendMs), 2),
		'p95 ms': round(percentileOf(sendMs, 95), 2),
		'verifyPassword mean ms': round(mean(verifyMs), 2),
		'difference ms': round(mean(sendMs) - mean(verifyMs), 2),
	};
}

/**
 * Times a copy of completeLogin's steps with a lap after each and, interleaved with it (so both see the same caches and
 * background work), completeLogin itself as a check that the copy costs what the original does.
 */
async function splitCompleteLogin(store: MemberStore, members: readonly SeededMember[]): Promise<Omit<Split, 'store'>> {
	const whole = await prepareLogins(store, pickDistinct(members, COMPLETES));
	const inParts = await prepareLogins(store, pickDistinct(members, COMPLETES));
	const laps = new Laps();
	// Alternate which goes first, so neither always runs right after the other's commit.
	const [wholeMs] = await inAlternatingPairs(
		COMPLETES,
		(i) => elapsedMs(() => completeWithGoodCode(whole[i])),
		(i) => completeLoginInParts(inParts[i], laps),
	);
	return { wholeMs: mean(wholeMs), partsMs: laps.means() };
}

/** completeLogin's steps (nodes/shared/core/members/login.ts) with a lap after each; keep the two in step. */
async function completeLoginInParts({ flow, loginId }: PreparedLogin, laps: Laps): Promise<SessionGrant> {
	laps.start();
	const id = readId(loginId, 'loginId');
	const code = readCode(GOOD_CODE);
	const now = flow.now();
	laps.lap(PARTS.rest);
	const challenge = await findLiveChallenge(flow, id, 'login', now);
	laps.lap(PARTS.find);
	await checkChallengeCode(flow, verifyOf(flow), challenge, code);
	laps.lap(PARTS.check);
	const { member, session } = await flow.store.transaction(async (tx) => {
		laps.lap(PARTS.begin);
		await consumeChallenge(tx, challenge, now, flow.policy);
		const current = await tx.findMemberById(challenge.memberId ?? '');
		if (!current) throw new Error('The member of a prepared login is gone.');
		assertMayLogIn(current);
		const opened = await openSession(tx, current, now, flow.policy);
		laps.lap(PARTS.statements);
		return { member: current, session: opened };
	});
	laps.lap(PARTS.commit);
	const sessionToken = await signSessionToken(session, flow.sessionSecret);
	laps.lap(PARTS.sign);
	const grant = { member: await memberView(flow.store, member), sessionToken, expiresAt: session.record.expiresAt.toISOString() };
	laps.lap(PARTS.rest);
	return grant;
}

/** One row per part, one column per store: the parts side by side across backends and sizes. */
function splitRows(): Row[] {
	const sum = (split: Split) => [...split.partsMs.values()].reduce((total, ms) => total + ms, 0);
	const cell = (ms: number, split: Split) => `${round(ms * 1000)} (${round((ms / sum(split)) * 100)}%)`;
	const row = (part: string, value: (split: Split) => string): Row => ({
		part,
		...Object.fromEntries(splits.map((split) => [split.store, value(split)])),
	});
	return [
		...Object.values(PARTS).map((part) => row(part, (split) => cell(split.partsMs.get(part) ?? NaN, split))),
		row('sum of the parts', (split) => cell(sum(split), split)),
		row('completeLogin timed whole (check)', (split) => cell(split.wholeMs, split)),
	];
}
