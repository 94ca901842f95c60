/** Random identifiers and their stored form. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Challenge ids carry 256 random bits (OWASP asks for at least 64 bits of entropy; 128 leaves room), base64url: 43 characters. */
export function newChallengeId(): string {
	return randomBytes(32).toString('base64url');
}

/** Session ids carry 128 random bits, base64url: 22 characters. */
export function newSessionId(): string {
	return randomBytes(16).toString('base64url');
}

export function newMemberId(): string {
	return randomUUID();
}

/**
 * Challenge and session ids are stored only as this hash, so reading the database lets no one complete a challenge or
 * pass a session check. The ids carry 128 or more random bits, so a fast hash is enough (no salt, no stretching).
 */
export function hashSecretId(id: string): string {
	return createHash('sha256').update(id, 'utf8').digest('hex');
}

export const hashChallengeId = hashSecretId;
export const hashSessionId = hashSecretId;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return UUID.test(value);
}
