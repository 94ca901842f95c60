/**
 * Passwordless login with a code sent to a phone. The first successful login creates the member, with the address
 * `<digits of the phone>@<mail domain>` and no password. A member who has a password gets PASSWORD_REQUIRED instead
 * of a session (unless the workflow allows it), so the phone code never replaces the password factor.
 */
import { OutcomeError } from '../errors';
import { maskPhone, parsePhone } from '../phones';
import { checkChallengeCode, consumeChallenge, createChallenge, requireLiveChallenge, sendCode } from './challenges';
import { type MemberFlowContext, verifyOf } from './context';
import { type ApprovalMode, type CodeSent, type PhoneSendInput, readApprovalMode, readMailDomain, readPhoneSend } from './flowTypes';
import {
	type PendingApproval,
	type SessionGrant,
	lockedOutcome,
	statusRefusal,
	openSession,
	toPendingApproval,
	toSessionGrant,
} from './grants';
import { newMemberId } from './ids';
import { readCode, readCountry } from './input';
import { assertMaySend, countSendOrRefuse, passwordGuessLimits, sendLimits } from './rateLimits';
import type { MemberQueries, MemberRecord } from './types';

export type SendOtpInput = PhoneSendInput;

export async function sendOtp(flow: MemberFlowContext, input: SendOtpInput): Promise<CodeSent> {
	const verify = verifyOf(flow);
	const { channel, clientIp, phone, now } = await readPhoneSend(flow, input);

	await assertMaySend(flow.policy, phone, channel);
	// No member lookup here: whether the phone belongs to a member, and that member's status, only show after a
	// correct code, so this answer tells a stranger nothing.
	await countSendOrRefuse(flow.store, sendLimits(flow.policy, phone, clientIp), now);
	// The id stays secret: the phone finds the challenge, the hash only keeps ids unique.
	await createChallenge(
		flow,
		{ kind: 'otp', memberId: null, email: null, phone, passwordHash: null, channel },
		now,
	);
	await sendCode(verify, phone, channel);
	return { to: maskPhone(phone), channel };
}

export type OtpLoginResult = (SessionGrant | PendingApproval) & { created: boolean };

export async function completeOtpLogin(
	flow: MemberFlowContext,
	input: { phone: unknown; country?: unknown; code: unknown },
	options: { mailDomain: unknown; approval?: unknown; allowPasswordMembers?: unknown },
): Promise<OtpLoginResult> {
	const verify = verifyOf(flow);
	const mailDomain = readMailDomain(options?.mailDomain);
	const approval = readApprovalMode(options?.approval);
	const allowPasswordMembers = options?.allowPasswordMembers === true;
	const code = readCode(input?.code);
	const { e164: phone } = await parsePhone(input?.phone, readCountry(input?.country));
	const now = flow.now();

	const challenge = requireLiveChallenge(await flow.store.findLatestChallenge('otp', phone), 'otp', now, flow.policy);
	await checkChallengeCode(flow, verify, challenge, code);

	const { member, created, session, refusal } = await flow.store.transaction(async (tx) => {
		await consumeChallenge(tx, challenge, now, flow.policy);
		const { member, created } = await findOrCreateMember(tx, phone, `${phone.slice(1)}@${mailDomain}`, approval, now);
		// A member created here in manual mode waits for approval; anyone else must be allowed to log in.
		if (created && member.status !== 'active') return { member, created };
		// The code was right, so only the phone's owner learns why there is no session; the code stays used.
		const refusal =
			statusRefusal(member) ?? (allowPasswordMembers ? await passwordLock(tx, flow, member, now) : passwordRequired(member));
		if (refusal) return { member, created, refusal };
		return { member, created, session: await openSession(tx, member, now, flow.policy) };
	});

	if (refusal) throw refusal;
	if (!session) return { ...(await toPendingApproval(flow, member)), created };
	return { ...(await toSessionGrant(flow, member, session)), created };
}

/** A member with a password logs in with it (and a code): a phone code alone would skip the password factor. */
function passwordRequired(member: MemberRecord): OutcomeError | undefined {
	if (!member.passwordHash) return undefined;
	return new OutcomeError(
		'PASSWORD_REQUIRED',
		'This account has a password. Log in with your email address and password instead.',
	);
}

/** A member whose email is locked by wrong passwords gets no session by phone code either. */
async function passwordLock(
	tx: MemberQueries,
	flow: MemberFlowContext,
	member: MemberRecord,
	now: Date,
): Promise<OutcomeError | undefined> {
	if (!member.passwordHash) return undefined;
	const [acrossAddresses] = passwordGuessLimits(flow.policy, member.email);
	const allowance = await tx.peekSend(acrossAddresses, now);
	return allowance.allowed ? undefined : lockedOutcome(new Date(now.getTime() + allowance.retryAfterSeconds * 1000), now);
}

async function findOrCreateMember(
	tx: MemberQueries,
	phone: string,
	email: string,
	approval: ApprovalMode,
	now: Date,
): Promise<{ member: MemberRecord; created: boolean }> {
	const existing = await tx.findMemberByPhone(phone);
	if (existing) return { member: existing, created: false };
	const status = approval === 'manual' ? 'pending_approval' : 'active';
	const inserted = await tx.insertMember({
		id: newMemberId(),
		email,
		phone,
		passwordHash: null,
		status,
		createdAt: now,
	});
	if (inserted) return { member: inserted, created: true };
	// Another process created this phone's member at the same moment: the unique constraint let one insert win.
	const winner = await tx.findMemberByPhone(phone);
	if (!winner) throw new OutcomeError('ALREADY_REGISTERED', `The address ${email} already belongs to another member.`);
	return { member: winner, created: false };
}
