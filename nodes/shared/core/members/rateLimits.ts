/**
 * Limits on what an unauthenticated caller can make the server do: send codes (SMS pumping costs real money), guess
 * passwords, guess codes. Every counter lives in the store, so all n8n processes count against the same numbers, and
 * every attempt is reserved atomically BEFORE the expensive or revealing step: parallel requests cannot slip past.
 */
import { ipLimitKey } from '../clientIp';
import { OutcomeError } from '../errors';
import { parsePhone } from '../phones';
import { lockedOutcome } from './grants';
import type { MemberPolicy } from './policy';
import type { MemberQueries, MemberStore, PhoneChannel, SendLimit } from './types';

const TEN_MINUTES = 600;
const ONE_HOUR = 3_600;

function phoneKey(phone: string): string {
	return `phone:${phone}`;
}

/** Per phone (cool-down while a code is pending, a cap per 10 minutes), per IP when known, and the store's budget. */
export function sendLimits(policy: MemberPolicy, phone: string, clientIp?: string): SendLimit[] {
	const limits: SendLimit[] = [
		{
			key: phoneKey(phone),
			max: policy.maxSendsPerPhonePer10Min,
			windowSeconds: TEN_MINUTES,
			cooldownSeconds: policy.resendCooldownSeconds,
		},
		{ key: 'sends:all', max: policy.maxSendsPerHour, windowSeconds: ONE_HOUR, cooldownSeconds: 0 },
	];
	if (clientIp) limits.push(ipSendLimit(policy, clientIp));
	return limits;
}

/** Codes one caller address may have sent in 10 minutes (IPv6 counted by /64). */
function ipSendLimit(policy: MemberPolicy, clientIp: string): SendLimit {
	return { key: `ip:${ipLimitKey(clientIp)}`, max: policy.maxSendsPerIpPer10Min, windowSeconds: TEN_MINUTES, cooldownSeconds: 0 };
}

/**
 * Counts one use against every limit, or none: when one limit refuses, the transaction rolls back the others so a
 * refused request uses up nothing. `refusal` builds the answer from the wait in seconds.
 */
export async function reserveOrRefuse(
	store: MemberStore,
	limits: SendLimit[],
	now: Date,
	refusal: (retryAfterSeconds: number) => OutcomeError,
): Promise<void> {
	await store.transaction(async (tx) => {
		for (const limit of limits) {
			const allowance = await tx.countSend(limit, now);
			if (!allowance.allowed) throw refusal(allowance.retryAfterSeconds);
		}
	});
}

export function tooManySends(retryAfterSeconds: number): OutcomeError {
	return new OutcomeError('RATE_LIMITED', `Too many codes were requested. Try again in ${retryAfterSeconds} seconds.`, {
		retryAfterSeconds,
	});
}

/** Counts one send to this phone against its limits (RATE_LIMITED when one refuses). */
export async function countSendOrRefuse(store: MemberStore, limits: SendLimit[], now: Date): Promise<void> {
	await reserveOrRefuse(store, limits, now, tooManySends);
}

/**
 * Codes go only to the countries and by the channels the builder allows (empty lists allow all). Checked before
 * anything is counted or sent; Twilio's Geo Permissions and Fraud Guard are the second layer.
 */
export async function assertMaySend(policy: MemberPolicy, phone: string, channel: PhoneChannel): Promise<void> {
	assertChannelAllowed(policy, channel);
	if (policy.allowedCountries.length === 0) return;
	const { country } = await parsePhone(phone);
	if (!country || !policy.allowedCountries.includes(country)) {
		throw new OutcomeError('COUNTRY_NOT_ALLOWED', 'Codes are not sent to phone numbers of this country.');
	}
}

/** The channel half of assertMaySend, for a flow that must not look up the phone yet. */
export function assertChannelAllowed(policy: MemberPolicy, channel: PhoneChannel): void {
	if (policy.allowedChannels.length > 0 && !policy.allowedChannels.includes(channel)) {
		throw new OutcomeError('CHANNEL_UNAVAILABLE', `Codes are not sent by ${channel} here. Use: ${policy.allowedChannels.join(', ')}.`);
	}
}

/**
 * Password reset requests, counted before the email is looked up, so known and unknown emails are limited alike: per
 * email (the cool-down and cap a phone has: a known email's code goes to one phone) and per caller address (the
 * address's send cap, since each request may send a code).
 */
export function resetRequestLimits(policy: MemberPolicy, email: string, clientIp?: string): SendLimit[] {
	const limits: SendLimit[] = [
		{
			key: `reset:${email}`,
			max: policy.maxSendsPerPhonePer10Min,
			windowSeconds: TEN_MINUTES,
			cooldownSeconds: policy.resendCooldownSeconds,
		},
	];
	if (clientIp) limits.push(ipSendLimit(policy, clientIp));
	return limits;
}

/**
 * Password guesses: per email from one IP address (a caller locks only their own attempts at that email) and per
 * email from everywhere (a slower cap against guessing from many addresses). Counted the same for emails that exist
 * and for those that do not, so LOCKED tells a caller nothing about which emails are members.
 */
export function passwordGuessLimits(policy: MemberPolicy, email: string, clientIp?: string): SendLimit[] {
	const limits: SendLimit[] = [
		{ key: `login:${email}`, max: policy.maxFailedLoginsPerEmailPerHour, windowSeconds: ONE_HOUR, cooldownSeconds: 0 },
	];
	if (clientIp) {
		limits.push({
			key: `login:${email}|${ipLimitKey(clientIp)}`,
			max: policy.maxFailedLogins,
			windowSeconds: policy.lockMinutes * 60,
			cooldownSeconds: 0,
		});
	}
	return limits;
}

/** Reserves one password guess before the hash is computed; LOCKED, with the wait, once a limit is used up. */
export async function reservePasswordGuess(store: MemberStore, limits: SendLimit[], now: Date): Promise<void> {
	await reserveOrRefuse(store, limits, now, (retryAfterSeconds) =>
		lockedOutcome(new Date(now.getTime() + retryAfterSeconds * 1000), now),
	);
}

/** Reserves one code guess for this phone before Verify is asked; TOO_MANY_ATTEMPTS, with the wait, past the cap. */
export async function reserveCodeGuess(store: MemberStore, policy: MemberPolicy, phone: string, now: Date): Promise<void> {
	await reserveOrRefuse(store, [codeGuessLimit(policy, phone)], now, (retryAfterSeconds) => {
		const minutes = Math.ceil(retryAfterSeconds / 60);
		return new OutcomeError('TOO_MANY_ATTEMPTS', `Too many wrong codes for this phone. Try again in ${minutes} minutes.`, {
			retryAfterSeconds,
		});
	});
}

/** Wrong codes for one phone across all its challenges: bounds guessing over time (NIST SP 800-63B asks ≤ 100). */
export function codeGuessLimit(policy: MemberPolicy, phone: string): SendLimit {
	return { key: `codes:${phone}`, max: policy.maxWrongCodesPerPhonePerHour, windowSeconds: ONE_HOUR, cooldownSeconds: 0 };
}

/** A right password or code proves the caller: the guesses counted so far for it are forgiven. */
export async function forgive(store: MemberQueries, limits: SendLimit[]): Promise<void> {
	for (const limit of limits) await store.resetCounter(limit.key);
}

/**
 * A code sent to this phone was just used: the cool-down, meant to space out resends of a pending code, ends, so the
 * member can start a new flow at once (log in right after registering). The 10-minute cap still counts every send.
 */
export async function endPhoneCooldown(tx: MemberQueries, policy: MemberPolicy, phone: string, now: Date): Promise<void> {
	await tx.endCooldown(phoneKey(phone), new Date(now.getTime() - policy.resendCooldownSeconds * 1000));
}
