/** Filling a member store quickly for benchmarks, and preparing logins that only wait for their code. */
import { createMembers, type Members, type MemberStore, type NewMember } from '../../nodes/shared/core/members';
import { createChallenge, sendCode } from '../../nodes/shared/core/members/challenges';
import { type MemberFlowContext, resolveConfig, verifyOf } from '../../nodes/shared/core/members/context';
import { newMemberId } from '../../nodes/shared/core/members/ids';
import { FakeVerifyGateway, SERVICE_SID } from '../../test/support/fakeGateway';
import { SESSION_SECRET } from '../../test/support/memberHarness';

export interface SeededMember {
	id: string;
	email: string;
	phone: string;
}

/** Rows per transaction: large enough that commits cost nothing, small enough not to hold a lock for long. */
const SEED_BATCH = 5_000;

/**
 * Inserts `count` active members through the store's own `insertMember`, `SEED_BATCH` per transaction. Every member
 * shares one real password hash: hashing 100,000 passwords would take hours and measures nothing new.
 */
export async function seedMembers(store: MemberStore, count: number, passwordHash: string): Promise<SeededMember[]> {
	const createdAt = new Date();
	const members = Array.from({ length: count }, (_, i) => ({
		id: newMemberId(),
		email: `member${i}@bench.example`,
		// +1 415 200-0000 onwards: unique, and shaped like a real North American number.
		phone: `+1415${2_000_000 + i}`,
	}));
	for (let start = 0; start < count; start += SEED_BATCH) {
		const batch = members.slice(start, start + SEED_BATCH);
		await store.transaction(async (tx) => {
			for (const member of batch) {
				const row: NewMember = { ...member, passwordHash, status: 'active', createdAt };
				if (!(await tx.insertMember(row))) throw new Error(`Seeding: ${member.email} was refused.`);
			}
		});
	}
	return members;
}

/** `count` different members picked at random, so concurrent logins do not queue behind one member's row. */
export function pickDistinct<T>(items: readonly T[], count: number): T[] {
	if (count > items.length) throw new Error(`Cannot pick ${count} of ${items.length} items.`);
	const picked = new Set<number>();
	while (picked.size < count) picked.add(Math.floor(Math.random() * items.length));
	return [...picked].map((index) => items[index]);
}

/** The member flows' context over `store` with its own fake Verify. */
export function benchFlow(store: MemberStore): MemberFlowContext {
	return resolveConfig({
		store,
		verify: { gateway: new FakeVerifyGateway(), serviceSid: SERVICE_SID },
		sessionSecret: SESSION_SECRET,
	});
}

/** The member service over `store` with its own fake Verify. */
export function benchMembers(store: MemberStore): Members {
	return createMembers({
		store,
		verify: { gateway: new FakeVerifyGateway(), serviceSid: SERVICE_SID },
		sessionSecret: SESSION_SECRET,
	});
}

export interface PreparedLogin {
	/** the flows' context, for timing a login's steps one by one */
	flow: MemberFlowContext;
	/** the service over the same context */
	members: Members;
	loginId: string;
}

/**
 * Logins as `sendLoginCode` leaves them (a login challenge in the store, a code "sent" by Verify), made with the flow's
 * own helpers but without the password check, which would cost a password hash each. Each login gets its own fake
 * Verify: the fake finds a sent code by scanning its list, and a long list would time the fake rather than the flow.
 */
export async function prepareLogins(store: MemberStore, members: readonly SeededMember[]): Promise<PreparedLogin[]> {
	const logins: PreparedLogin[] = [];
	for (const member of members) {
		const flow = benchFlow(store);
		const members = createMembers({ ...flow, clock: flow.now });
		const fields = { kind: 'login', memberId: member.id, email: member.email, phone: member.phone } as const;
		const loginId = await createChallenge(flow, { ...fields, passwordHash: null, channel: 'sms' }, flow.now());
		await sendCode(verifyOf(flow), member.phone, 'sms');
		logins.push({ flow, members, loginId });
	}
	return logins;
}
