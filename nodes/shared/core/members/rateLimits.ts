/** Limits on sending codes, kept in the store so every n8n process counts against the same numbers. */
import { OutcomeError } from '../errors';
import type { MemberPolicy } from './policy';
import type { MemberQueries, MemberStore, SendLimit } from './types';

const TEN_MINUTES = 600;

function phoneKey(phone: string): string {
	return `phone:${phone}`;
}

export function sendLimits(policy: MemberPolicy, phone: string, clientIp?: string): SendLimit[] {
	const limits: SendLimit[] = [
		{
			key: phoneKey(phone),
			max: policy.maxSendsPerPhonePer10Min,
			windowSeconds: TEN_MINUTES,
			cooldownSeconds: policy.resendCooldownSeconds,
		},
	];
	if (clientIp) {
		limits.push({
			key: `ip:${clientIp}`,
			max: policy.maxSendsPerIpPer10Min,
			windowSeconds: TEN_MINUTES,
			cooldownSeconds: 0,
		});
	}
	return limits;
}

/**
 * Counts one send against every limit, or none: when one limit refuses, the transaction rolls back the others so a
 * refused request does not use up the phone's allowance. Throws RATE_LIMITED with the wait in seconds.
 */
export async function countSendOrRefuse(store: MemberStore, limits: SendLimit[], now: Date): Promise<void> {
	await store.transaction(async (tx) => {
		for (const limit of limits) {
			const allowance = await tx.countSend(limit, now);
			if (!allowance.allowed) {
				throw new OutcomeError(
					'RATE_LIMITED',
					`Too many codes were requested. Try again in ${allowance.retryAfterSeconds} seconds.`,
					{ retryAfterSeconds: allowance.retryAfterSeconds },
				);
			}
		}
	});
}

/**
 * A code sent to this phone was just used: the cool-down, meant to space out resends of a pending code, ends, so the
 * member can start a new flow at once (log in right after registering). The 10-minute cap still counts every send.
 */
export async function endPhoneCooldown(tx: MemberQueries, policy: MemberPolicy, phone: string, now: Date): Promise<void> {
	await tx.endCooldown(phoneKey(phone), new Date(now.getTime() - policy.resendCooldownSeconds * 1000));
}
