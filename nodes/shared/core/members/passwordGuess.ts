/** One password guess, the same way wherever a password is asked for (login, account changes, deletion). */
import { passwordHashGate } from './hashGate';
import { OutcomeError } from '../errors';
import type { MemberFlowContext } from './context';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { forgive, passwordGuessLimits, reservePasswordGuess } from './rateLimits';
import type { MemberRecord } from './types';

/**
 * Counts the guess for `email` before anything else (LOCKED past the limits, for emails that exist and those that do
 * not alike), then finds the member and checks the password behind the process's hash gate, against a dummy hash when
 * there is no member or no password, so every answer costs the same. A right password forgives the count. Returns the
 * member when the password is right; the caller says what a wrong one means.
 */
export async function guessPassword(
	flow: MemberFlowContext,
	guess: { email: string; password: string; clientIp: string | undefined; now: Date },
	findMember: () => Promise<MemberRecord | undefined>,
): Promise<MemberRecord | undefined> {
	const guesses = passwordGuessLimits(flow.policy, guess.email, guess.clientIp);
	await reservePasswordGuess(flow.store, guesses, guess.now);
	const member = await findMember();
	const stored = member?.passwordHash;
	const right = await passwordHashGate.run(() =>
		stored ? verifyPassword(guess.password, stored) : verifyAgainstDummy(guess.password),
	);
	if (!member || !stored || !right) return undefined;
	await forgive(flow.store, guesses);
	return member;
}

/**
 * A logged-in member's current password before an account change, counted as a guess for their email (from
 * everywhere and from this address) before the hash runs; a member without a password gets the same refusal after a
 * dummy hash.
 */
export async function confirmCurrentPassword(
	flow: MemberFlowContext,
	member: MemberRecord,
	password: string,
	clientIp: string | undefined,
	now: Date,
): Promise<void> {
	const right = await guessPassword(flow, { email: member.email, password, clientIp, now }, async () => member);
	if (!right) throw new OutcomeError('INVALID_CREDENTIALS', 'The password is not correct.');
}
