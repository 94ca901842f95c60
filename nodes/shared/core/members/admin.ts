/**
 * Listing, approving and blocking members, and clearing out ended records, for the workflow builder's own admin
 * workflows (protect their webhooks with n8n's authentication).
 */
import { MAX_EMAIL_LENGTH } from '../emails';
import { ConfigurationError, OutcomeError } from '../errors';
import type { MemberFlowContext } from './context';
import { isUuid } from './ids';
import { readEmail, readId } from './input';
import { MEMBER_STATUSES, type MemberListQuery, type MemberQueries, type MemberRecord, type PurgeResult } from './types';
import { type MemberView, memberView, memberViews } from './view';

export interface ListMembersInput {
	/** 'all' (default), 'active', 'pending_approval' or 'blocked' */
	status?: unknown;
	/** part of an email address (any case), or a phone number in E.164 */
	q?: unknown;
	/** members per page, 1 to 100, default 25 */
	limit?: unknown;
	/** `nextCursor` of the previous page */
	cursor?: unknown;
}

export interface MemberList {
	members: MemberView[];
	/** present when there are more members: pass it as `cursor` for the next page */
	nextCursor?: string;
}

export const LIST_LIMITS = { default: 25, max: 100 } as const;

/**
 * Members in the order they joined (then by id), a page at a time. Pages follow a cursor (the last member's creation
 * time and id) rather than an offset, so members joining or leaving meanwhile shift nothing: no duplicates, no gaps.
 */
export async function listMembers(flow: MemberFlowContext, input: ListMembersInput = {}): Promise<MemberList> {
	const query: MemberListQuery = {
		status: readStatusFilter(input?.status),
		text: readListText(input?.q),
		limit: readLimit(input?.limit),
		after: input?.cursor === undefined || input.cursor === '' ? undefined : readCursor(input.cursor),
	};
	// One more than asked tells whether another page follows.
	const rows = await flow.store.listMembers({ ...query, limit: query.limit + 1 });
	const page = rows.slice(0, query.limit);
	const last = page.at(-1);
	return {
		members: await memberViews(flow.store, page),
		...(rows.length > query.limit && last ? { nextCursor: encodeCursor(last) } : {}),
	};
}

/** Exactly one of the two. */
export type MemberSelector = { memberId: unknown; email?: undefined } | { email: unknown; memberId?: undefined };

/** Makes the member active: approves a pending member, or lifts a block. */
export async function approveMember(flow: MemberFlowContext, selector: MemberSelector): Promise<MemberView> {
	const lookup = readSelector(selector);
	const member = await flow.store.transaction(async (tx) => {
		const target = await findTarget(tx, lookup);
		return (await tx.setMemberStatus(target.id, 'active')) ?? notFound();
	});
	return await memberView(flow.store, member);
}

/** Blocks the member and revokes all their sessions in the same transaction: their tokens stop working at once. */
export async function blockMember(flow: MemberFlowContext, selector: MemberSelector): Promise<MemberView> {
	const lookup = readSelector(selector);
	const member = await flow.store.transaction(async (tx) => {
		const target = await findTarget(tx, lookup);
		const blocked = (await tx.setMemberStatus(target.id, 'blocked')) ?? notFound();
		await tx.revokeMemberSessions(blocked.id, flow.now());
		await tx.deleteTrustedDevices(blocked.id);
		return blocked;
	});
	return await memberView(flow.store, member);
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

function readStatusFilter(value: unknown): MemberListQuery['status'] {
	if (value === undefined || value === '' || value === 'all') return 'all';
	const status = MEMBER_STATUSES.find((known) => known === value);
	if (!status) throw new OutcomeError('INVALID_INPUT', `status must be one of: all, ${MEMBER_STATUSES.join(', ')}.`);
	return status;
}

/** Lower-cased for the email; a phone typed with spaces or dashes is compacted to E.164. */
function readListText(value: unknown): string {
	if (value === undefined) return '';
	if (typeof value !== 'string' || value.length > MAX_EMAIL_LENGTH * 4) {
		throw new OutcomeError('INVALID_INPUT', 'q must be text of at most 254 characters.');
	}
	const text = value.trim();
	if (text.length > MAX_EMAIL_LENGTH || /[\p{Cc}\p{Cf}]/u.test(text)) {
		throw new OutcomeError('INVALID_INPUT', 'q must be text of at most 254 characters.');
	}
	const compact = text.replace(/[\s().-]/g, '');
	return /^\+\d{4,15}$/.test(compact) ? compact : text.toLowerCase();
}

function readLimit(value: unknown): number {
	if (value === undefined || value === '') return LIST_LIMITS.default;
	const limit = typeof value === 'string' && /^\d{1,3}$/.test(value.trim()) ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > LIST_LIMITS.max) {
		throw new OutcomeError('INVALID_INPUT', `limit must be a whole number from 1 to ${LIST_LIMITS.max}.`);
	}
	return limit;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** base64url of "<createdAt ISO>|<id>": opaque to the caller, checked strictly when it comes back. */
function encodeCursor(member: MemberRecord): string {
	return Buffer.from(`${member.createdAt.toISOString()}|${member.id}`, 'utf8').toString('base64url');
}

function readCursor(value: unknown): NonNullable<MemberListQuery['after']> {
	const invalid = () => new OutcomeError('INVALID_INPUT', 'The cursor is not valid. Start from the first page.');
	if (typeof value !== 'string' || value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) throw invalid();
	const decoded = Buffer.from(value, 'base64url');
	// Only the encoding this function's twin writes: no padding variants, no stray bits.
	if (decoded.toString('base64url') !== value) throw invalid();
	const [time, id, ...rest] = decoded.toString('utf8').split('|');
	const createdAt = new Date(time ?? '');
	if (rest.length > 0 || !ISO_TIME.test(time ?? '') || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== time) {
		throw invalid();
	}
	if (!id || !isUuid(id)) throw invalid();
	return { createdAt, id: id.toLowerCase() };
}
