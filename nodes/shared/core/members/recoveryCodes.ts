/**
 * Recovery codes: ten random one-time codes a member writes down when they set up an authenticator app, each usable
 * once in place of a code at login. Only a hash is stored; the codes are shown once.
 */
import { createHash, randomBytes } from 'node:crypto';

import { OutcomeError } from '../errors';

export const RECOVERY_CODE_COUNT = 10;

/** 32 letters and digits without the look-alikes i, l, o and u: 10 of them carry 50 random bits. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const LENGTH = 10;

/** `count` new codes, shown as `xxxxx-xxxxx`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
	return Array.from({ length: count }, () => {
		const bytes = randomBytes(LENGTH);
		// 256 is a multiple of 32, so taking each byte modulo 32 keeps every character equally likely.
		const text = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
		return `${text.slice(0, 5)}-${text.slice(5)}`;
	});
}

/**
 * A code as typed: case, spaces and hyphens do not matter, and the look-alikes read as what they look like. Anything
 * that cannot be a recovery code is refused before it is counted or looked up.
 */
export function readRecoveryCode(value: unknown): string {
	const typed = typeof value === 'string' && value.length <= 40 ? value : '';
	const code = typed
		.toLowerCase()
		.replace(/[\s-]/g, '')
		.replace(/[il]/g, '1')
		.replace(/o/g, '0');
	if (code.length !== LENGTH || [...code].some((character) => !ALPHABET.includes(character))) {
		throw new OutcomeError('INVALID_INPUT', 'A recovery code has 10 letters and digits, like "4k7mq-2x9fd".');
	}
	return code;
}

/**
 * The stored form of a code read by `readRecoveryCode`, bound to the member so a code of one member never matches
 * another's. The codes carry 50 random bits and are tried only within the login's attempt caps, so a fast hash is
 * enough.
 */
export function hashRecoveryCode(memberId: string, code: string): string {
	return createHash('sha256').update(`${memberId}:${code}`, 'utf8').digest('hex');
}

/** The stored forms of new codes as `newRecoveryCodes` shows them. */
export function hashNewRecoveryCodes(memberId: string, codes: string[]): string[] {
	return codes.map((code) => hashRecoveryCode(memberId, readRecoveryCode(code)));
}
