/** Who may log in, and what a successful login hands back. */
import { OutcomeError } from '../errors';
import type { MemberPolicy } from './policy';
import { newSession, signSessionToken } from './sessions';
import type { MemberQueries, MemberRecord, SessionRecord } from './types';
import { type MemberView, toMemberView } from './view';

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

export function assertMayLogIn(member: MemberRecord): void {
	if (member.status === 'blocked') throw new OutcomeError('BLOCKED', 'This account is blocked.');
	if (member.status === 'pending_approval') {
		throw new OutcomeError('NOT_APPROVED', 'This account is waiting for approval.');
	}
}

/** Stores a new session for the member, inside the caller's transaction. */
export async function openSession(
	tx: MemberQueries,
	member: MemberRecord,
	now: Date,
	policy: MemberPolicy,
): Promise<SessionRecord> {
	const session = newSession(member.id, now, policy.sessionTtlSeconds);
	await tx.insertSession(session);
	await tx.recordLogin(member.id, now);
	return session;
}

export async function toSessionGrant(
	member: MemberRecord,
	session: SessionRecord,
	secret: string,
): Promise<SessionGrant> {
	return {
		member: toMemberView(member),
		sessionToken: await signSessionToken(session, secret),
		expiresAt: session.expiresAt.toISOString(),
	};
}

export function toPendingApproval(member: MemberRecord): PendingApproval {
	return { member: toMemberView(member), pendingApproval: true };
}
