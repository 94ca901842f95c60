/** Who may log in, and what a successful login hands back. */
import { OutcomeError } from '../errors';
import type { MemberFlowContext } from './context';
import type { MemberPolicy } from './policy';
import { type OpenedSession, newSession, signSessionToken } from './sessions';
import type { MemberQueries, MemberRecord } from './types';
import { type MemberView, memberView } from './view';

export interface SessionGrant {
	member: MemberView;
	sessionToken: string;
	/** ISO 8601 */
	expiresAt: string;
}

export interface PendingApproval {
	member: MemberView;
	pendingApproval: true;
}

/** Why this member's account may not log in, if it may not: blocked or waiting for approval. */
export function statusRefusal(member: MemberRecord): OutcomeError | undefined {
	if (member.status === 'blocked') return new OutcomeError('BLOCKED', 'This account is blocked.');
	if (member.status === 'pending_approval') return new OutcomeError('NOT_APPROVED', 'This account is waiting for approval.');
	return undefined;
}

export function assertMayLogIn(member: MemberRecord): void {
	const refusal = statusRefusal(member);
	if (refusal) throw refusal;
}

export function lockedOutcome(until: Date, now: Date): OutcomeError {
	const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
	const minutes = Math.ceil(retryAfterSeconds / 60);
	return new OutcomeError(
		'LOCKED',
		`Too many wrong passwords. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
		{ retryAfterSeconds },
	);
}

/** Stores a new session for the member, inside the caller's transaction. */
export async function openSession(
	tx: MemberQueries,
	member: MemberRecord,
	now: Date,
	policy: MemberPolicy,
): Promise<OpenedSession> {
	const session = newSession(member.id, now, policy.sessionTtlSeconds);
	await tx.insertSession(session.record);
	await tx.recordLogin(member.id, now);
	return session;
}

export async function toSessionGrant(flow: MemberFlowContext, member: MemberRecord, session: OpenedSession): Promise<SessionGrant> {
	return {
		member: await memberView(flow.store, member),
		sessionToken: await signSessionToken(session, flow.sessionSecret),
		expiresAt: session.record.expiresAt.toISOString(),
	};
}

export async function toPendingApproval(flow: MemberFlowContext, member: MemberRecord): Promise<PendingApproval> {
	return { member: await memberView(flow.store, member), pendingApproval: true };
}
