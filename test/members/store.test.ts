import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, ServiceUnavailableError } from '../../nodes/shared/core/errors';
import {
	LATEST_SCHEMA_VERSION,
	type NewMember,
	TABLES,
	checkStore,
	closeAllStores,
	connectStore,
	openStore,
} from '../../nodes/shared/core/members';
import { newMemberId } from '../../nodes/shared/core/members/ids';
import { normaliseStoreConfig } from '../../nodes/shared/core/members/store/config';
import { countSendOrRefuse } from '../../nodes/shared/core/members/rateLimits';
import { BACKENDS, PG_SERVER } from '../support/memberBackends';
import { nextIdentity, useStore } from '../support/memberHarness';

function newMember(overrides: Partial<NewMember> = {}): NewMember {
	const { phone, email } = nextIdentity();
	return { id: newMemberId(), email, phone, passwordHash: null, status: 'active', createdAt: new Date(), ...overrides };
}

describe.each(BACKENDS)('member store on $name', (backend) => {
	const harness = useStore(backend);

	test('creates every table at the latest schema version, and checkStore reports it', async () => {
		const fresh = await backend.create();
		await expect(checkStore(fresh)).resolves.toEqual({
			backend: backend.name,
			schemaVersion: LATEST_SCHEMA_VERSION,
			latestSchemaVersion: LATEST_SCHEMA_VERSION,
		});
		for (const table of [TABLES.members, TABLES.challenges, TABLES.sessions, TABLES.sendCounters]) {
			await expect(backend.query(fresh, `SELECT COUNT(*) AS n FROM ${table}`)).resolves.toEqual([
				{ n: expect.anything() },
			]);
		}
	});

	test('openStore keeps one connection per configuration', async () => {
		const other = await backend.create();
		const first = await openStore(other);
		expect(await openStore({ ...other })).toBe(first);
		expect(await openStore(await backend.create())).not.toBe(first);
	});

	test('migrations run concurrently and again later without applying anything twice', async () => {
		const fresh = await backend.create();
		const stores = await Promise.all(Array.from({ length: 5 }, () => connectStore(fresh)));
		await Promise.all(stores.map((opened) => opened.close()));
		const again = await connectStore(fresh);
		expect(await again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
		await again.close();
		const versions = await backend.query(fresh, `SELECT version FROM ${TABLES.schemaVersion} ORDER BY version`);
		expect(versions.map((row) => Number(row.version))).toEqual(
			Array.from({ length: LATEST_SCHEMA_VERSION }, (_, index) => index + 1),
		);
	});

	test('the database refuses a second member with the same email or phone', async () => {
		const member = newMember();
		expect(await harness.store.insertMember(member)).toMatchObject({ id: member.id, email: member.email, status: 'active' });
		expect(await harness.store.insertMember(newMember({ email: member.email }))).toBeUndefined();
		expect(await harness.store.insertMember(newMember({ phone: member.phone }))).toBeUndefined();
	});

	test('concurrent transactions inserting one phone create exactly one member', async () => {
		const { phone } = nextIdentity();
		const results = await Promise.all(
			Array.from({ length: 10 }, () => harness.store.transaction((tx) => tx.insertMember(newMember({ phone })))),
		);
		expect(results.filter(Boolean)).toHaveLength(1);
		expect((await harness.store.findMemberByPhone(phone))?.id).toBe(results.find(Boolean)?.id);
	});

	test('foreign keys are enforced: no session for a member that does not exist', async () => {
		const now = new Date();
		await expect(
			harness.store.insertSession({ id: 'orphan', memberId: newMemberId(), issuedAt: now, expiresAt: now, revokedAt: null }),
		).rejects.toThrow();
		if (backend.name === 'sqlite') {
			expect(await backend.query(harness.config, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
		}
	});

	test('a transaction that throws leaves nothing behind', async () => {
		const member = newMember();
		await expect(
			harness.store.transaction(async (tx) => {
				await tx.insertMember(member);
				throw new Error('changed my mind');
			}),
		).rejects.toThrow('changed my mind');
		expect(await harness.store.findMemberById(member.id)).toBeUndefined();
	});

	test('send counters: cool-down, cap per window, a new window, and no over-counting under concurrency', async () => {
		const start = new Date();
		const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
		const limit = { key: `phone:${nextIdentity().phone}`, max: 3, windowSeconds: 600, cooldownSeconds: 30 };

		expect(await harness.store.countSend(limit, at(0))).toEqual({ allowed: true });
		expect(await harness.store.countSend(limit, at(10))).toEqual({ allowed: false, retryAfterSeconds: 20 });
		expect(await harness.store.countSend(limit, at(30))).toEqual({ allowed: true });
		expect(await harness.store.countSend(limit, at(60))).toEqual({ allowed: true });
		expect(await harness.store.countSend(limit, at(100))).toEqual({ allowed: false, retryAfterSeconds: 500 });
		expect(await harness.store.countSend(limit, at(600))).toEqual({ allowed: true });

		const burst = {
			key: `ip:192.0.2.${Math.floor(Math.random() * 200)}`,
			max: 5,
			windowSeconds: 600,
			cooldownSeconds: 0,
		};
		const answers = await Promise.all(Array.from({ length: 12 }, () => harness.store.countSend(burst, start)));
		expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
	});

	test('a send refused by one limit is not counted against the others', async () => {
		const now = new Date();
		const phone = { key: `phone:${nextIdentity().phone}`, max: 5, windowSeconds: 600, cooldownSeconds: 0 };
		const ip = { key: 'ip:198.51.100.7', max: 1, windowSeconds: 600, cooldownSeconds: 0 };
		await countSendOrRefuse(harness.store, [ip], now);
		await expect(countSendOrRefuse(harness.store, [phone, ip], now)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
		const [counter] = await backend.query(harness.config, `SELECT sent_count FROM ${TABLES.sendCounters} WHERE key = $1`, [
			phone.key,
		]);
		expect(counter).toBeUndefined();
	});

	test('peeks at a counter without counting, and forgets it on reset', async () => {
		const limit = { key: `peek:${newMemberId()}`, max: 2, windowSeconds: 600, cooldownSeconds: 0 };
		const now = new Date();
		expect(await harness.store.peekSend(limit, now)).toEqual({ allowed: true });
		await harness.store.countSend(limit, now);
		await harness.store.countSend(limit, now);
		expect(await harness.store.peekSend(limit, now)).toEqual({ allowed: false, retryAfterSeconds: 600 });
		expect(await harness.store.peekSend(limit, now)).toEqual({ allowed: false, retryAfterSeconds: 600 });
		await harness.store.resetCounter(limit.key);
		expect(await harness.store.countSend(limit, now)).toEqual({ allowed: true });
	});

	test('reserves code attempts up to the cap, even when asked in parallel', async () => {
		const idHash = newMemberId();
		const now = new Date();
		await harness.store.insertChallenge({
			idHash,
			kind: 'login',
			memberId: null,
			email: null,
			phone: '+12025550100',
			passwordHash: null,
			channel: 'sms',
			expiresAt: new Date(now.getTime() + 600_000),
			createdAt: now,
		});
		const answers = await Promise.all(Array.from({ length: 20 }, () => harness.store.reserveCodeAttempt(idHash, 5)));
		expect(answers.filter((attempts) => attempts !== undefined).sort()).toEqual([1, 2, 3, 4, 5]);
		// The fifth attempt may carry the right code: the challenge can still be used up.
		expect(await harness.store.consumeChallenge(idHash, { now, maxCodeAttempts: 5 })).toBe(true);
		expect(await harness.store.reserveCodeAttempt(idHash, 5)).toBeUndefined();
	});

	test('purgeExpired removes ended challenges, sessions and idle counters only', async () => {
		const fresh = await openStore(await backend.create());
		const member = (await fresh.insertMember(newMember()))!;
		const now = new Date();
		const past = new Date(now.getTime() - 3_600_000);
		const future = new Date(now.getTime() + 3_600_000);
		const challenge = {
			kind: 'otp' as const,
			memberId: null,
			email: null,
			phone: member.phone,
			passwordHash: null,
			channel: 'sms' as const,
		};
		await fresh.insertChallenge({ ...challenge, idHash: 'old', expiresAt: past, createdAt: past });
		await fresh.insertChallenge({ ...challenge, idHash: 'live', expiresAt: future, createdAt: now });
		await fresh.insertSession({ id: 'old', memberId: member.id, issuedAt: past, expiresAt: past, revokedAt: null });
		await fresh.insertSession({ id: 'live', memberId: member.id, issuedAt: now, expiresAt: future, revokedAt: null });
		await fresh.countSend({ key: 'phone:old', max: 5, windowSeconds: 600, cooldownSeconds: 0 }, past);
		await fresh.countSend({ key: 'phone:live', max: 5, windowSeconds: 600, cooldownSeconds: 0 }, now);
		await fresh.insertTrustedDevice({ tokenHash: 'old', memberId: member.id, createdAt: past, expiresAt: past });
		await fresh.insertTrustedDevice({ tokenHash: 'live', memberId: member.id, createdAt: now, expiresAt: future });

		expect(await fresh.purgeExpired(new Date(now.getTime() - 60_000))).toEqual({
			challenges: 1,
			sessions: 1,
			sendCounters: 1,
			trustedDevices: 1,
		});
		expect(await fresh.findTrustedDevice('live')).toBeDefined();
		expect(await fresh.findTrustedDevice('old')).toBeUndefined();
		expect(await fresh.findChallenge('live')).toBeDefined();
		expect(await fresh.findSession('live')).toBeDefined();
		expect(await fresh.findSession('old')).toBeUndefined();
	});

	test('values that look like SQL are stored and found as plain data', async () => {
		const hostile = newMember({ email: "robert'); drop table tvm_members;--@example.com" });
		await harness.store.insertMember(hostile);
		expect(await harness.store.findMemberByEmail(hostile.email)).toMatchObject({ id: hostile.id, email: hostile.email });
		expect(await harness.store.findMemberByEmail("' OR 1=1 --")).toBeUndefined();
		expect(await harness.store.findMemberById("' OR 1=1 --")).toBeUndefined();
		expect(await harness.store.findSession("' OR '1'='1")).toBeUndefined();
		expect(await harness.store.findMemberById(hostile.id)).toBeDefined();
	});
});

describe('opening a store that cannot be used', () => {
	afterAll(closeAllStores);

	test('an unreachable PostgreSQL server is an outage, and the message never shows the password', async () => {
		const password = 'Sup3r-Secret-Pa55word';
		const error = await openStore({
			backend: 'postgres',
			...PG_SERVER,
			port: 1,
			database: 'test',
			password,
			ssl: false,
		}).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(ServiceUnavailableError);
		expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
		expect((error as Error).message).toContain(`${PG_SERVER.host}:1/test`);
		expect((error as Error).message).not.toContain(password);
		expect(JSON.stringify(error)).not.toContain(password);
	});

	test('a PostgreSQL database that does not exist is a setup mistake', async () => {
		const error = await openStore({
			backend: 'postgres',
			...PG_SERVER,
			database: 'tvm_no_such_database',
			ssl: false,
		}).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(ConfigurationError);
		expect(error).toMatchObject({ code: 'STORE_REJECTED' });
	});

	test('a SQLite file that cannot be created is an outage, and a later open tries again', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'tvm-blocked-'));
		const blocker = join(folder, 'not-a-folder');
		writeFileSync(blocker, 'a file where the folder should be');
		const config = { backend: 'sqlite' as const, path: join(blocker, 'members.db') };
		try {
			await expect(openStore(config)).rejects.toMatchObject({
				name: 'ServiceUnavailableError',
				code: 'STORE_UNAVAILABLE',
			});
			rmSync(blocker);
			await expect(openStore(config)).resolves.toMatchObject({ backend: 'sqlite' });
		} finally {
			await closeAllStores();
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('an incomplete configuration is refused before connecting', async () => {
		await expect(openStore({ backend: 'postgres', host: '', port: 5432 } as never)).rejects.toBeInstanceOf(
			ConfigurationError,
		);
		await expect(openStore({ backend: 'mysql' } as never)).rejects.toMatchObject({ code: 'INVALID_STORE_CONFIG' });
		await expect(openStore({ backend: 'sqlite', path: ' ' })).rejects.toMatchObject({ code: 'INVALID_STORE_CONFIG' });
	});
});

describe('a SQLite file this package creates', () => {
	afterAll(closeAllStores);

	test('is readable by its owner only (0600), in a folder only its owner can enter (0700)', async () => {
		const parent = mkdtempSync(join(tmpdir(), 'tvm-perm-'));
		try {
			const path = join(parent, 'created', 'members.sqlite');
			const store = await openStore({ backend: 'sqlite', path });
			await store.schemaVersion();
			expect(statSync(path).mode & 0o777).toBe(0o600);
			expect(statSync(join(parent, 'created')).mode & 0o777).toBe(0o700);
			expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
		} finally {
			await closeAllStores();
			rmSync(parent, { recursive: true, force: true });
		}
	});

	test('keeps the permissions of a file that already exists', async () => {
		const parent = mkdtempSync(join(tmpdir(), 'tvm-perm-'));
		try {
			const path = join(parent, 'members.sqlite');
			writeFileSync(path, '', { mode: 0o640 });
			const store = await openStore({ backend: 'sqlite', path });
			await store.schemaVersion();
			expect(statSync(path).mode & 0o777).toBe(0o640);
		} finally {
			await closeAllStores();
			rmSync(parent, { recursive: true, force: true });
		}
	});
});

describe('PostgreSQL TLS settings', () => {
	test('accept plain, encrypted-only and verified with a CA; refuse a CA that is not a PEM certificate', () => {
		const base = { backend: 'postgres' as const, host: 'db', port: 5432, database: 'm', user: 'u', password: '' };
		const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
		expect(normaliseStoreConfig({ ...base, ssl: false })).toMatchObject({ ssl: false });
		expect(normaliseStoreConfig({ ...base, ssl: { rejectUnauthorized: false } })).toMatchObject({ ssl: { rejectUnauthorized: false } });
		expect(normaliseStoreConfig({ ...base, ssl: { rejectUnauthorized: true, ca: pem } })).toMatchObject({
			ssl: { rejectUnauthorized: true, ca: pem },
		});
		expect(() => normaliseStoreConfig({ ...base, ssl: { rejectUnauthorized: true, ca: 'not a certificate' } })).toThrow(
			ConfigurationError,
		);
		// Pasted into a one-line field, a certificate loses its line breaks; it comes back wrapped as PEM.
		const body = 'A'.repeat(100);
		const flattened = `-----BEGIN CERTIFICATE----- ${body} -----END CERTIFICATE-----`;
		expect(normaliseStoreConfig({ ...base, ssl: { rejectUnauthorized: true, ca: flattened } })).toMatchObject({
			ssl: { ca: `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64)}\n${'A'.repeat(36)}\n-----END CERTIFICATE-----` },
		});
	});
});
