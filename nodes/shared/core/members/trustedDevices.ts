/**
 * "Remember this device": after a full login the member may get a device token that skips the second factor at their
 * next password login from that device. The token is random, stored only as a hash, bound to the member, and ends
 * with its lifetime or when the member changes or resets the password, logs out everywhere or removes a factor.
 */
import { randomBytes } from 'node:crypto';

import { hashSecretId } from './ids';
import type { MemberPolicy } from './policy';
import type { MemberQueries, MemberRecord } from './types';

const MAX_TOKEN_LENGTH = 200;

export interface IssuedDevice {
	deviceToken: string;
	/** ISO 8601 */
	deviceExpiresAt: string;
}

/** Stores a new trusted device for the member inside the caller's transaction and hands out its token once. */
export async function trustDevice(tx: MemberQueries, member: MemberRecord, now: Date, policy: MemberPolicy): Promise<IssuedDevice> {
	const deviceToken = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + policy.trustedDeviceDays * 86_400_000);
	await tx.insertTrustedDevice({ tokenHash: hashSecretId(deviceToken), memberId: member.id, createdAt: now, expiresAt });
	return { deviceToken, deviceExpiresAt: expiresAt.toISOString() };
}

/** Whether `token` is a live trusted device of this member; anything else (absent, another member's, expired) is no. */
export async function isTrustedDevice(store: MemberQueries, member: MemberRecord, token: unknown, now: Date): Promise<boolean> {
	if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return false;
	const device = await store.findTrustedDevice(hashSecretId(token.trim()));
	return device !== undefined && device.memberId === member.id && device.expiresAt.getTime() > now.getTime();
}

/** `rememberDevice` as a request may send it: true or "true"; anything else means no. */
export function readRememberDevice(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}
