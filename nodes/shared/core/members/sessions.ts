/**
 * Session tokens: HS256 JWTs (jose) carrying the member id (`sub`) and session id (`sid`). A token is only accepted
 * while its signature and expiry check out AND its session row exists, is not revoked or expired, and the member is
 * still active, so logging out or blocking a member takes effect at once.
 */
import { OutcomeError } from '../errors';
import { type MemberFlowContext, checkSessionSecret } from './context';
import { hashSessionId, newSessionId } from './ids';
import type { MemberQueries, MemberRecord, MemberStore, SessionRecord } from './types';
import { type MemberView, memberView } from './view';
import { loadOnce } from '../loadOnce';

export const SESSION_ISSUER = 'n8n-nodes-twilio-verify';
export const SESSION_AUDIENCE = 'n8n-nodes-twilio-verify:member';
const MAX_TOKEN_LENGTH = 4_096;

/** jose is bundled separately and loaded the first time a token is signed or checked. */
const loadJose = loadOnce(() => import('../../vendor/jose'));

/** A session as it is opened: the random id goes into the token, only its hash into the store. */
export interface OpenedSession {
	sid: string;
	record: SessionRecord;
}

export function newSession(memberId: string, now: Date, ttlSeconds: number): OpenedSession {
	const sid = newSessionId();
	return {
		sid,
		record: {
			id: hashSessionId(sid),
			memberId,
			issuedAt: now,
			expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
			revokedAt: null,
		},
	};
}

export async function signSessionToken({ sid, record: session }: OpenedSession, secret: string): Promise<string> {
	const { SignJWT } = await loadJose();
	return new SignJWT({ sid })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setSubject(session.memberId)
		.setIssuer(SESSION_ISSUER)
		.setAudience(SESSION_AUDIENCE)
		.setIssuedAt(session.issuedAt)
		.setExpirationTime(session.expiresAt)
		.sign(signingKey(secret));
}

/** The member and session behind a token; INVALID_SESSION for anything wrong, without saying what. */
export async function readSessionToken(
	store: MemberStore,
	token: unknown,
	{ secret, now }: { secret: string; now: Date },
): Promise<{ member: MemberRecord; session: SessionRecord }> {
	const claims = await verifyTokenClaims(stripBearer(token), secret, now);
	const session = await store.findSession(hashSessionId(claims.sid));
	if (
		!session ||
		session.memberId !== claims.sub ||
		session.revokedAt ||
		session.expiresAt.getTime() <= now.getTime()
	) {
		throw invalidSession();
	}
	const member = await store.findMemberById(session.memberId);
	if (!member || member.status !== 'active') throw invalidSession();
	return { member, session };
}

export interface VerifySessionResult {
	member: MemberView;
	session: { id: string; expiresAt: string };
}

/** `token` may be the raw JWT or an Authorization header value (`Bearer <token>`). */
export async function verifySession(flow: MemberFlowContext, input: { token: unknown }): Promise<VerifySessionResult> {
	const { member, session } = await readSessionToken(flow.store, input?.token, {
		secret: flow.sessionSecret,
		now: flow.now(),
	});
	return { member: await memberView(flow.store, member), session: { id: session.id, expiresAt: session.expiresAt.toISOString() } };
}

/** Revokes the session behind the token; the token stops working everywhere at once. */
export async function logout(flow: MemberFlowContext, input: { token: unknown }): Promise<{ ok: true }> {
	const at = flow.now();
	const { session } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now: at });
	await flow.store.revokeSession(session.id, at);
	return { ok: true };
}

/**
 * Inside a transaction that changes the member on behalf of a session: locks the member's row and checks again that
 * the session is live and the member active, so a session revoked a moment ago (by a password reset, a block, log out
 * everywhere) changes nothing. Call it after using up challenges and before other writes to the member or sessions:
 * challenges, then the member row, then sessions is the order every member transaction takes its locks in.
 */
export async function recheckSession(tx: MemberQueries, session: SessionRecord, now: Date): Promise<MemberRecord> {
	const member = await tx.lockMember(session.memberId);
	const current = await tx.findSession(session.id);
	if (!member || member.status !== 'active' || !current || current.revokedAt || current.expiresAt.getTime() <= now.getTime()) {
		throw invalidSession();
	}
	return member;
}

/**
 * Revokes every session of the member behind the token, this one included, forgets their trusted devices, and uses
 * up their pending logins (one whose password step is done cannot open a session afterwards). `ended` counts the
 * sessions revoked.
 */
export async function logoutEverywhere(
	flow: MemberFlowContext,
	input: { token: unknown },
): Promise<{ ok: true; ended: number }> {
	const at = flow.now();
	const { member } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now: at });
	const ended = await flow.store.transaction(async (tx) => {
		// The member's row first, like a trusted-device login: one of the two waits for the other.
		await tx.lockMember(member.id);
		await tx.cancelPendingLogins(member.id, at);
		await tx.deleteTrustedDevices(member.id);
		return await tx.revokeMemberSessions(member.id, at);
	});
	return { ok: true, ended };
}

async function verifyTokenClaims(token: string, secret: string, now: Date): Promise<{ sub: string; sid: string }> {
	const { jwtVerify } = await loadJose();
	try {
		const { payload } = await jwtVerify(token, signingKey(secret), {
			algorithms: ['HS256'],
			issuer: SESSION_ISSUER,
			audience: SESSION_AUDIENCE,
			currentDate: now,
			requiredClaims: ['sub', 'sid', 'iat', 'exp'],
		});
		if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw invalidSession();
		return { sub: payload.sub, sid: payload.sid };
	} catch {
		// Bad signature, expired, malformed: one answer, so the token's owner learns nothing about the check.
		throw invalidSession();
	}
}

function stripBearer(token: unknown): string {
	const text = typeof token === 'string' ? token.trim() : '';
	const raw = /^bearer\s+/i.test(text) ? text.replace(/^bearer\s+/i, '') : text;
	if (!raw || raw.length > MAX_TOKEN_LENGTH) throw invalidSession();
	return raw;
}

function signingKey(secret: string): Uint8Array {
	return new TextEncoder().encode(checkSessionSecret(secret));
}

function invalidSession(): OutcomeError {
	return new OutcomeError('INVALID_SESSION', 'The session is not valid. Log in again.');
}
