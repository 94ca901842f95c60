/** Two-step login: email + password first, then a code sent to the phone on file. */
import { OutcomeError } from '../errors';
import { maskPhone } from '../phones';
import { checkChallengeCode, consumeChallenge, createChallenge, findLiveChallenge, sendCode } from './challenges';
import { type MemberFlowContext, verifyOf } from './context';
import type { CodeSent } from './flowTypes';
import { type SessionGrant, assertMayLogIn, lockedOutcome, openSession, toSessionGrant } from './grants';
import { readChannel, readClientIp, readCode, readEmail, readId, readPassword } from './input';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './passwords';
import { countSendOrRefuse, sendLimits } from './rateLimits';
import type { MemberRecord } from './types';

export interface SendLoginCodeInput {
	email: unknown;
	password: unknown;
	channel?: unknown;
	clientIp?: unknown;
}

/**
 * Checks the password and sends a code to the member's phone. Unknown email and wrong password give the same
 * INVALID_CREDENTIALS after the same hash work; wrong passwords in a row lock the member for a while.
 */
export async function sendLoginCode(
	flow: MemberFlowContext,
	input: SendLoginCodeInput,
): Promise<CodeSent & { loginId: string }> {
	const verify = verifyOf(flow);
	const email = readEmail(input?.email);
	const password = readPassword(input?.password);
	const channel = readChannel(input?.channel);
	const clientIp = readClientIp(input?.clientIp);
	const now = flow.now();

	const member = await flow.store.findMemberByEmail(email);
	if (!member?.passwordHash) {
		await verifyAgainstDummy(password);
		throw invalidCredentials();
	}
	if (member.lockedUntil && member.lockedUntil.getTime() > now.getTime()) throw lockedOutcome(member.lockedUntil, now);
	if (!(await verifyPassword(password, member.passwordHash))) await refuseWrongPassword(flow, member, now);

	// Only someone who knows the password learns the account's status.
	assertMayLogIn(member);
	if (member.failedLogins > 0 || member.lockedUntil) await flow.store.clearFailedLogins(member.id);
	if (needsRehash(member.passwordHash)) await flow.store.updatePasswordHash(member.id, await hashPassword(password));

	await countSendOrRefuse(flow.store, sendLimits(flow.policy, member.phone, clientIp), now);
	const loginId = await createChallenge(
		flow,
		{ kind: 'login', memberId: member.id, email: member.email, phone: member.phone, passwordHash: null, channel },
		now,
	);
	await sendCode(verify, member.phone, channel);
	return { loginId, to: maskPhone(member.phone), channel };
}

/** Opens a session once the code is right; of concurrent completions of one login, exactly one gets a session. */
export async function completeLogin(
	flow: MemberFlowContext,
	input: { loginId: unknown; code: unknown },
): Promise<SessionGrant> {
	const verify = verifyOf(flow);
	const loginId = readId(input?.loginId, 'loginId');
	const code = readCode(input?.code);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, loginId, 'login', now);
	await checkChallengeCode(flow, verify, challenge, code);

	const { member, session } = await flow.store.transaction(async (tx) => {
		await consumeChallenge(tx, challenge, now, flow.policy);
		// Re-read: the member may have been blocked since the password step.
		const current = challenge.memberId ? await tx.findMemberById(challenge.memberId) : undefined;
		if (!current) throw new OutcomeError('NOT_FOUND', 'This account no longer exists.');
		assertMayLogIn(current);
		return { member: current, session: await openSession(tx, current, now, flow.policy) };
	});
	return toSessionGrant(member, session, flow.sessionSecret);
}

async function refuseWrongPassword(flow: MemberFlowContext, member: MemberRecord, now: Date): Promise<never> {
	const lockUntil = new Date(now.getTime() + flow.policy.lockMinutes * 60_000);
	const result = await flow.store.recordFailedLogin(member.id, {
		now,
		maxFailedLogins: flow.policy.maxFailedLogins,
		lockUntil,
	});
	if (result?.lockedUntil && result.lockedUntil.getTime() > now.getTime()) throw lockedOutcome(result.lockedUntil, now);
	throw invalidCredentials();
}

function invalidCredentials(): OutcomeError {
	return new OutcomeError('INVALID_CREDENTIALS', 'The email address or password is not correct.');
}
