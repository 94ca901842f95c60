/**
 * Forgotten passwords (OWASP Forgot Password Cheat Sheet): a code sent to the phone on file, then a new password.
 * The request answers the same `{resetId}` after about the same work whether or not the email is a member's, so it
 * is no oracle of who is a member; the completion ends every session and does not log in.
 */
import { clientIpFrom } from '../clientIp';
import { OutcomeError } from '../errors';
import {
	checkChallengeCode,
	consumeChallenge,
	createChallenge,
	findLiveChallenge,
	refuseDecoyCode,
	sendCode,
} from './challenges';
import { type MemberFlowContext, verifyOf } from './context';
import { passwordHashGate } from './hashGate';
import { readChannel, readCode, readEmail, readId } from './input';
import { checkPasswordPolicy, hashPassword } from './passwords';
import {
	assertChannelAllowed,
	assertMaySend,
	countSendOrRefuse,
	forgive,
	passwordGuessLimits,
	reserveOrRefuse,
	resetRequestLimits,
	sendLimits,
	tooManySends,
} from './rateLimits';
import type { ChallengeRecord, MemberRecord, PhoneChannel } from './types';
import { verifyLatency } from './verifyTiming';

export interface SendPasswordResetInput {
	email: unknown;
	/** sms (default), call or whatsapp */
	channel?: unknown;
	/** the request's X-Forwarded-For header; the caller's address is read from it with the policy's trusted hops */
	forwardedFor?: unknown;
}

export interface ResetPasswordInput {
	resetId: unknown;
	code: unknown;
	newPassword: unknown;
	/** the request's X-Forwarded-For header: this address's wrong passwords for the email are forgiven too */
	forwardedFor?: unknown;
}

/**
 * Counts the request per email and per address before the email is looked up. A member with a password gets a
 * 'reset' challenge bound to them and a code on the phone on file; anyone else (an unknown email, a phone-only member,
 * or a member whose phone may not be sent a code right now) gets a decoy: a challenge no code can complete, stored
 * the same way, and an answer after about as long as Verify takes. Only someone holding the member's phone can tell.
 */
export async function sendPasswordResetCode(
	flow: MemberFlowContext,
	input: SendPasswordResetInput,
): Promise<{ resetId: string }> {
	const verify = verifyOf(flow);
	const email = readEmail(input?.email);
	const channel = readChannel(input?.channel);
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();

	assertChannelAllowed(flow.policy, channel);
	await reserveOrRefuse(flow.store, resetRequestLimits(flow.policy, email, clientIp), now, tooManySends);
	const member = await flow.store.findMemberByEmail(email);
	if (!member?.passwordHash || !(await maySendTo(flow, member, channel, now))) {
		return { resetId: await storeDecoy(flow, email, channel, now) };
	}

	const resetId = await createChallenge(
		flow,
		{ kind: 'reset', memberId: member.id, email: member.email, phone: member.phone, passwordHash: null, channel },
		now,
	);
	try {
		await sendCode(verify, member.phone, channel);
	} catch (error) {
		// Twilio refused this phone (rate limit, number no longer valid): saying so would tell that the email is a
		// member's. The stored challenge expires unused; the caller gets a decoy like any unknown email.
		if (!(error instanceof OutcomeError)) throw error;
		return { resetId: await storeDecoy(flow, email, channel, now) };
	}
	return { resetId };
}

/**
 * Sets the new password once the code is right. One transaction uses up the reset and the member's pending logins,
 * sets the hash and revokes every session: a login completing at the same moment either commits first
 * (and its session is revoked here) or finds its challenge used up. No session is opened: the member logs in anew.
 */
export async function resetPassword(flow: MemberFlowContext, input: ResetPasswordInput): Promise<{ ok: true }> {
	const verify = verifyOf(flow);
	const resetId = readId(input?.resetId, 'resetId');
	const code = readCode(input?.code);
	const newPassword = await checkPasswordPolicy(input?.newPassword, flow.policy.minPasswordLength);
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();

	const challenge = await findLiveChallenge(flow, resetId, 'reset', now);
	const memberId = challenge.memberId;
	if (!memberId) return await refuseDecoyCode(flow, challenge, decoyGuessKey(challenge));
	await checkChallengeCode(flow, verify, challenge, code);
	const passwordHash = await passwordHashGate.run(() => hashPassword(newPassword));

	await flow.store.transaction(async (tx) => {
		// Pending logins first, then the member row, then sessions: the order a login completion locks them in, so a
		// concurrent login waits for this transaction (or this one for it) instead of deadlocking.
		await tx.cancelPendingLogins(memberId, now);
		await consumeChallenge(tx, challenge, now, flow.policy);
		const member = await tx.lockMember(memberId);
		if (!member) throw new OutcomeError('NOT_FOUND', 'This account no longer exists.');
		await tx.updatePasswordHash(member.id, passwordHash);
		await tx.revokeMemberSessions(member.id, now);
		await tx.deleteTrustedDevices(member.id);
		// The owner proved themselves: wrong guesses against the email (from everywhere, and from this address) go.
		await forgive(tx, passwordGuessLimits(flow.policy, member.email, clientIp));
	});
	return { ok: true };
}

/** Whether a code may go to the member's phone now; a refusal is kept quiet (see sendPasswordResetCode). */
async function maySendTo(flow: MemberFlowContext, member: MemberRecord, channel: PhoneChannel, now: Date): Promise<boolean> {
	try {
		await assertMaySend(flow.policy, member.phone, channel);
		// The caller's address was counted with the request already.
		await countSendOrRefuse(flow.store, sendLimits(flow.policy, member.phone), now);
		return true;
	} catch (error) {
		if (error instanceof OutcomeError) return false;
		throw error;
	}
}

/** A 'reset' challenge bound to no member and no phone: it takes wrong codes until it dies, and never a right one. */
async function storeDecoy(flow: MemberFlowContext, email: string, channel: PhoneChannel, now: Date): Promise<string> {
	const resetId = await createChallenge(
		flow,
		{ kind: 'reset', memberId: null, email, phone: '', passwordHash: null, channel },
		now,
	);
	await verifyLatency.send.wait();
	return resetId;
}

/** A decoy's wrong codes are counted per email, as a real reset's are per phone: the caps are reached alike. */
function decoyGuessKey(challenge: ChallengeRecord): string {
	return `reset:${challenge.email ?? ''}`;
}
