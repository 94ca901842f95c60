/** Approving and blocking members, and clearing out ended records, for the workflow builder's own admin workflows. */
import { ConfigurationError, OutcomeError } from '../errors';
import type { MemberFlowContext } from './context';
import { readEmail, readId } from './input';
import type { MemberQueries, MemberRecord, PurgeResult } from './types';
import { type MemberView, toMemberView } from './view';

/** Exactly one of the two. */
export type MemberSelector = { memberId: unknown; email?: undefined } | { email: unknown; memberId?: undefined };

/** Makes the member active: approves a pending member, or lifts a block. */
export async function approveMember(flow: MemberFlowContext, selector: MemberSelector): Promise<MemberView> {
	const lookup = readSelector(selector);
	const member = await flow.store.transaction(async (tx) => {
		const target = await findTarget(tx, lookup);
		return (await tx.setMemberStatus(target.id, 'active')) ?? notFound();
	});
	return toMemberView(member);
}

/** Blocks the member and revokes all their sessions in the same transaction: their tokens stop working at once. */
export async function blockMember(flow: MemberFlowContext, selector: MemberSelector): Promise<MemberView> {
	const lookup = readSelector(selector);
	const member = await flow.store.transaction(async (tx) => {
		const target = await findTarget(tx, lookup);
		const blocked = (await tx.setMemberStatus(target.id, 'blocked')) ?? notFound();
		await tx.revokeMemberSessions(blocked.id, flow.now());
		return blocked;
	});
	return toMemberView(member);
}

/** Shortest age of a record that may be deleted: well past every limit window (10 minutes) and code lifetime. */
const MIN_PURGE_AGE_HOURS = 1;

/**
 * Deletes challenges and sessions that ended (expired, used or revoked) more than `olderThanHours` ago, and send
 * counters idle for that long. Members are never deleted. Run it from a scheduled workflow to keep the store small.
 */
export async function purgeExpiredRecords(
	flow: MemberFlowContext,
	options: { olderThanHours: unknown },
): Promise<PurgeResult> {
	const hours = Number(options?.olderThanHours);
	if (!Number.isFinite(hours) || hours < MIN_PURGE_AGE_HOURS) {
		throw new ConfigurationError('INVALID_PURGE_AGE', `Older Than must be at least ${MIN_PURGE_AGE_HOURS} hour.`);
	}
	return await flow.store.purgeExpired(new Date(flow.now().getTime() - hours * 3_600_000));
}

type Lookup = { by: 'id'; memberId: string } | { by: 'email'; email: string };

/** Checked before the store is touched. */
function readSelector(selector: MemberSelector): Lookup {
	const hasId = selector?.memberId !== undefined && selector.memberId !== '';
	const hasEmail = selector?.email !== undefined && selector.email !== '';
	if (hasId === hasEmail) throw new OutcomeError('INVALID_INPUT', 'Give either a member id or an email address.');
	return hasId
		? { by: 'id', memberId: readId(selector.memberId, 'memberId') }
		: { by: 'email', email: readEmail(selector.email) };
}

async function findTarget(tx: MemberQueries, lookup: Lookup): Promise<MemberRecord> {
	const member =
		lookup.by === 'id' ? await tx.findMemberById(lookup.memberId) : await tx.findMemberByEmail(lookup.email);
	return member ?? notFound();
}

function notFound(): never {
	throw new OutcomeError('NOT_FOUND', 'No member has this id or email address.');
}
