/** The admin list of members (filters, keyset pagination, cursor checks) and the schema upgrade, on both backends. */
import {
	LATEST_SCHEMA_VERSION,
	type MemberList,
	type MemberStatus,
	type NewMember,
	TABLES,
	connectStore,
} from '../../nodes/shared/core/members';
import { newMemberId } from '../../nodes/shared/core/members/ids';
import { pendingMigrations, versionTableStatement } from '../../nodes/shared/core/members/store/migrations';
import { BACKENDS } from '../support/memberBackends';
import { type FlowKit, expectOutcome, nextIdentity, useStore } from '../support/memberHarness';

let domainSequence = 0;

/** A fresh email domain, so each test lists only its own members from the shared store. */
function nextDomain(): string {
	domainSequence += 1;
	return `list${domainSequence}-${process.pid}.example.org`;
}

describe.each(BACKENDS)('admin list of members on $name', (backend) => {
	const harness = useStore(backend);

	async function seed(domain: string, count: number, options: { status?: (index: number) => MemberStatus; sameTime?: number } = {}) {
		const base = Date.UTC(2024, 0, 1);
		const inserted: NewMember[] = [];
		for (let index = 0; index < count; index++) {
			const member: NewMember = {
				id: newMemberId(),
				email: `m${String(index).padStart(3, '0')}@${domain}`,
				phone: nextIdentity().phone,
				passwordHash: null,
				status: options.status?.(index) ?? 'active',
				// Several members share each creation time: the id must break the ties.
				createdAt: new Date(base + Math.floor(index / (options.sameTime ?? 1)) * 1000),
			};
			await harness.store.insertMember(member);
			inserted.push(member);
		}
		return inserted;
	}

	async function allPages(kit: FlowKit, input: Record<string, unknown>, from?: string): Promise<{ pages: MemberList[]; ids: string[] }> {
		const pages: MemberList[] = [];
		let cursor = from;
		do {
			const page = await kit.members.admin.list({ ...input, cursor });
			pages.push(page);
			cursor = page.nextCursor;
		} while (cursor && pages.length < 100);
		return { pages, ids: pages.flatMap((page) => page.members.map((member) => member.id)) };
	}

	test('60 members in pages of 7: every one exactly once, in order of creation then id', async () => {
		const kit = harness.kit();
		const domain = nextDomain();
		const seeded = await seed(domain, 60, { sameTime: 4 });
		const expected = [...seeded]
			.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
			.map((member) => member.id);

		const { pages, ids } = await allPages(kit, { q: domain, limit: 7 });
		expect(pages).toHaveLength(9);
		expect(pages.slice(0, -1).every((page) => page.members.length === 7 && page.nextCursor)).toBe(true);
		expect(pages.at(-1)).toEqual({ members: expect.any(Array) });
		expect(pages.at(-1)?.members).toHaveLength(4);
		expect(ids).toEqual(expected);
		expect(new Set(ids).size).toBe(60);
		expect(pages[0].members[0]).toEqual({
			id: expected[0],
			email: seeded.find((member) => member.id === expected[0])?.email,
			phone: expect.stringMatching(/^\+1 ••• ••• \d{4}$/),
			status: 'active',
			createdAt: '2024-01-01T00:00:00.000Z',
			factors: ['sms'],
		});
	});

	test('members who join during the paging appear once at the end, and nothing shifts', async () => {
		const kit = harness.kit();
		const domain = nextDomain();
		await seed(domain, 10);
		const first = await kit.members.admin.list({ q: domain, limit: 4 });
		const late = { id: newMemberId(), email: `zz@${domain}`, phone: nextIdentity().phone, passwordHash: null, status: 'active' as const, createdAt: new Date(Date.UTC(2030, 0, 1)) };
		await harness.store.insertMember(late);
		const rest = await allPages(kit, { q: domain, limit: 4 }, first.nextCursor);
		const ids = [...first.members.map((member) => member.id), ...rest.ids];
		expect(ids).toHaveLength(11);
		expect(new Set(ids).size).toBe(11);
		expect(ids.at(-1)).toBe(late.id);
	});

	test('filters by status, by part of the email in any case, and by exact phone', async () => {
		const kit = harness.kit();
		const domain = nextDomain();
		const statuses: MemberStatus[] = ['active', 'pending_approval', 'blocked'];
		const seeded = await seed(domain, 9, { status: (index) => statuses[index % 3] });
		const emails = async (input: Record<string, unknown>) =>
			(await kit.members.admin.list({ limit: 100, ...input })).members.map((member) => member.email);

		expect(await emails({ q: domain.toUpperCase() })).toHaveLength(9);
		expect(await emails({ q: domain, status: 'all' })).toHaveLength(9);
		expect(await emails({ q: domain, status: 'blocked' })).toEqual(seeded.filter((m) => m.status === 'blocked').map((m) => m.email));
		expect(await emails({ q: domain, status: 'pending_approval' })).toHaveLength(3);
		expect(await emails({ q: `M004@${domain}` })).toEqual([`m004@${domain}`]);
		const phone = seeded[5].phone;
		const spaced = `${phone.slice(0, 2)} ${phone.slice(2, 5)} ${phone.slice(5, 8)}-${phone.slice(8)}`;
		expect(await emails({ q: spaced })).toEqual([seeded[5].email]);
		expect(await emails({ q: phone.slice(0, -1) })).toEqual([]);
	});

	test('% and _ in the text match only themselves', async () => {
		const kit = harness.kit();
		const domain = nextDomain();
		for (const local of ['a_b', 'axb', 'c%d', 'cxd', 'e\\f']) {
			await harness.store.insertMember({ id: newMemberId(), email: `${local}@${domain}`, phone: nextIdentity().phone, passwordHash: null, status: 'active', createdAt: new Date() });
		}
		const emails = async (q: string) => (await kit.members.admin.list({ q, limit: 100 })).members.map((member) => member.email);
		expect(await emails(`a_b@${domain}`)).toEqual([`a_b@${domain}`]);
		expect(await emails(`c%d@${domain}`)).toEqual([`c%d@${domain}`]);
		expect(await emails(`e\\f@${domain}`)).toEqual([`e\\f@${domain}`]);
		expect(await emails(`_@${domain}`)).toEqual([]);
		expect(await emails(`%@${domain}`)).toEqual([]);
	});

	test('a tampered cursor, a bad limit or status, and odd text are INVALID_INPUT', async () => {
		const kit = harness.kit();
		const domain = nextDomain();
		await seed(domain, 3);
		const { nextCursor } = await kit.members.admin.list({ q: domain, limit: 1 });
		expect(nextCursor).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));
		const decoded = Buffer.from(nextCursor ?? '', 'base64url').toString();
		const [time, id] = decoded.split('|');
		const encode = (text: string) => Buffer.from(text).toString('base64url');
		const tampered = [
			'not a cursor!',
			`${nextCursor}=`,
			encode('garbage'),
			encode(`${time}|not-a-uuid`),
			encode(`2024-13-45T00:00:00.000Z|${id}`),
			encode(`${time}|${id}|extra`),
			encode(`${Date.parse(time)}|${id}`),
			'A'.repeat(500),
			42,
			{ createdAt: time, id },
		];
		for (const cursor of tampered) {
			const error = await expectOutcome(kit.members.admin.list({ q: domain, cursor }), 'INVALID_INPUT');
			expect(error.httpStatus).toBe(400);
		}
		for (const limit of [0, 101, 2.5, '-1', 'ten', [5]]) await expectOutcome(kit.members.admin.list({ limit }), 'INVALID_INPUT');
		for (const status of ['Active', 'deleted', ['active'], 1]) await expectOutcome(kit.members.admin.list({ status }), 'INVALID_INPUT');
		for (const q of [{ text: 'a' }, 'x'.repeat(300), 'a\u0000b']) await expectOutcome(kit.members.admin.list({ q }), 'INVALID_INPUT');
		// A cursor this list made is good with a limit given as text (as a query string gives it).
		await expect(kit.members.admin.list({ q: domain, limit: '1', cursor: nextCursor })).resolves.toMatchObject({ members: [expect.any(Object)] });
		expect((await kit.members.admin.list({ q: domain })).members).toHaveLength(3);
	});
});

describe.each(BACKENDS)('schema version 2 on $name', (backend) => {
	afterAll(() => backend.cleanUp());

	test('a version 1 store is upgraded in place: its challenges kept, the new kinds allowed', async () => {
		const config = await backend.create();
		const [v1] = pendingMigrations(backend.name, 0);
		await backend.query(config, versionTableStatement(backend.name));
		for (const statement of v1.statements) await backend.query(config, statement);
		await backend.query(config, `INSERT INTO ${TABLES.schemaVersion} (version, applied_at) VALUES (1, '2024-01-01T00:00:00.000Z')`);
		const now = new Date().toISOString();
		await backend.query(
			config,
			`INSERT INTO ${TABLES.challenges} (id_hash, kind, phone, channel, expires_at, attempts, created_at) VALUES ('h1', 'login', '+14155550100', 'sms', $1, 2, $1)`,
			[now],
		);
		await expect(
			backend.query(config, `INSERT INTO ${TABLES.challenges} (id_hash, kind, phone, channel, expires_at, created_at) VALUES ('h2', 'reset', '+1', 'sms', $1, $1)`, [now]),
		).rejects.toThrow();

		const store = await connectStore(config);
		try {
			expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
			expect(await store.findChallenge('h1')).toMatchObject({ kind: 'login', attempts: 2, phone: '+14155550100' });
			const fresh = { memberId: null, email: null, phone: '+14155550101', passwordHash: null, channel: 'sms' as const, expiresAt: new Date(), createdAt: new Date() };
			await store.insertChallenge({ ...fresh, idHash: 'h3', kind: 'reset' });
			await store.insertChallenge({ ...fresh, idHash: 'h4', kind: 'phone_change' });
			await expect(store.insertChallenge({ ...fresh, idHash: 'h5', kind: 'other' as never })).rejects.toThrow();
		} finally {
			await store.close();
		}
	});
});
