/**
 * What a logged-in member changes about their own account: the password, the phone, or the account's existence.
 * Each asks for the session token and proves the person again (the current password, or for a phone-only member a
 * code), with every guess counted before the check, like a login.
 */
import { clientIpFrom } from '../clientIp';
import { OutcomeError } from '../errors';
import { maskPhone } from '../phones';
import {
	checkChallengeCode,
	consumeChallenge,
	createChallenge,
	findLiveChallenge,
	requireLiveChallenge,
	sendCode,
} from './challenges';
import { type MemberFlowContext, verifyOf } from './context';
import { type CodeSent, type PhoneSendInput, alreadyRegistered, readPhoneSend } from './flowTypes';
import { passwordHashGate } from './hashGate';
import { readCode, readId, readPassword } from './input';
import { confirmCurrentPassword } from './passwordGuess';
import { checkPasswordPolicy, hashPassword } from './passwords';
import { assertMaySend, countSendOrRefuse, sendLimits } from './rateLimits';
import { readSessionToken, recheckSession } from './sessions';
import type { ChallengeRecord } from './types';
import { type MemberView, memberView } from './view';

export interface ChangePasswordInput {
	/** the session token, or an Authorization header value */
	token: unknown;
	currentPassword: unknown;
	newPassword: unknown;
	forwardedFor?: unknown;
}

/** Sets a new password; every other session of the member ends, the one making the change stays. */
export async function changePassword(flow: MemberFlowContext, input: ChangePasswordInput): Promise<{ ok: true }> {
	const currentPassword = readPassword(input?.currentPassword);
	const newPassword = await checkPasswordPolicy(input?.newPassword, flow.policy.minPasswordLength);
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();

	const { member, session } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	await confirmCurrentPassword(flow, member, currentPassword, clientIp, now);
	const passwordHash = await passwordHashGate.run(() => hashPassword(newPassword));
	await flow.store.transaction(async (tx) => {
		// Pending logins (their password step used the old password) die with it; see recheckSession for the order.
		await tx.cancelPendingLogins(member.id, now);
		await recheckSession(tx, session, now);
		await tx.updatePasswordHash(member.id, passwordHash);
		await tx.revokeMemberSessions(member.id, now, session.id);
		await tx.deleteTrustedDevices(member.id);
	});
	return { ok: true };
}

/** The new phone, its channel and the caller's address as in any code send. */
export interface SendPhoneChangeCodeInput extends PhoneSendInput {
	token: unknown;
	/** the current password; members without one (phone-only) leave it out */
	password?: unknown;
}

/**
 * Sends a code to the NEW phone, after the password (when the member has one). The send is counted before the
 * phone is looked up, and a phone that is another member's gets registration's one message.
 */
export async function sendPhoneChangeCode(
	flow: MemberFlowContext,
	input: SendPhoneChangeCodeInput,
): Promise<CodeSent & { changeId: string }> {
	const verify = verifyOf(flow);
	const { channel, clientIp, phone, now } = await readPhoneSend(flow, input);

	const { member } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	if (member.passwordHash) await confirmCurrentPassword(flow, member, readPassword(input?.password), clientIp, now);
	if (phone === member.phone) throw new OutcomeError('INVALID_INPUT', 'This is already the phone number of the account.');
	await assertMaySend(flow.policy, phone, channel);
	await countSendOrRefuse(flow.store, sendLimits(flow.policy, phone, clientIp), now);
	if (await flow.store.findMemberByPhone(phone)) throw alreadyRegistered();
	const changeId = await createChallenge(
		flow,
		{ kind: 'phone_change', memberId: member.id, email: member.email, phone, passwordHash: null, channel },
		now,
	);
	await sendCode(verify, phone, channel);
	return { changeId, to: maskPhone(phone), channel };
}

/**
 * Moves the member to the new phone once its code is right, in one transaction: the unique constraint decides a race
 * for the phone (the loser gets ALREADY_REGISTERED and nothing changes), and the member's other sessions end.
 */
export async function changePhone(
	flow: MemberFlowContext,
	input: { token: unknown; changeId: unknown; code: unknown },
): Promise<{ member: MemberView }> {
	const verify = verifyOf(flow);
	const changeId = readId(input?.changeId, 'changeId');
	const code = readCode(input?.code);
	const now = flow.now();

	const { member, session } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	const challenge = await findLiveChallenge(flow, changeId, 'phone_change', now);
	// Another member's change looks like an unknown one.
	if (challenge.memberId !== member.id) {
		throw new OutcomeError('NOT_FOUND', 'This phone change request was not found or was already used. Start again.');
	}
	await checkChallengeCode(flow, verify, challenge, code);

	const changed = await flow.store.transaction(async (tx) => {
		await tx.cancelPendingLogins(member.id, now);
		await consumeChallenge(tx, challenge, now, flow.policy);
		await recheckSession(tx, session, now);
		const updated = await tx.updateMemberPhone(member.id, challenge.phone);
		if (!updated) throw alreadyRegistered();
		await tx.revokeMemberSessions(member.id, now, session.id);
		await tx.deleteTrustedDevices(member.id);
		return updated;
	});
	return { member: await memberView(flow.store, changed) };
}

export interface DeleteAccountInput {
	token: unknown;
	/** the password, for a member who has one */
	password?: unknown;
	/** for a phone-only member: the code of a pending passwordless code (from the OTP send) to their phone */
	code?: unknown;
	forwardedFor?: unknown;
}

/**
 * Deletes the member, their sessions, challenges, factors, recovery codes and trusted devices in one transaction,
 * after the password (or, for a phone-only member, a code sent to their phone). The email and phone are free to
 * register again.
 */
export async function deleteAccount(flow: MemberFlowContext, input: DeleteAccountInput): Promise<{ ok: true }> {
	const clientIp = clientIpFrom(input?.forwardedFor, flow.policy.trustedProxyHops);
	const now = flow.now();

	const { member, session } = await readSessionToken(flow.store, input?.token, { secret: flow.sessionSecret, now });
	const hadFactors = (await flow.store.listFactors(member.id)).length > 0;
	let otp: ChallengeRecord | undefined;
	if (member.passwordHash) {
		await confirmCurrentPassword(flow, member, readPassword(input?.password), clientIp, now);
	} else {
		const verify = verifyOf(flow);
		const code = readCode(input?.code);
		otp = requireLiveChallenge(await flow.store.findLatestChallenge('otp', member.phone), 'otp', now, flow.policy);
		await checkChallengeCode(flow, verify, otp, code);
	}
	// The member's authenticator apps live at Twilio under their entity, which goes first: an outage then changes
	// nothing and the member can try again, instead of leaving a secret at Twilio for an account that is gone.
	if (hadFactors) {
		const { gateway, serviceSid } = verifyOf(flow);
		await gateway.deleteEntity({ serviceSid, identity: member.id });
	}
	await flow.store.transaction(async (tx) => {
		if (otp) await consumeChallenge(tx, otp, now, flow.policy);
		await tx.cancelPendingLogins(member.id, now);
		await recheckSession(tx, session, now);
		if (!(await tx.deleteMember(member.id))) throw new OutcomeError('NOT_FOUND', 'This account no longer exists.');
	});
	return { ok: true };
}
