/** Email addresses: the one place that decides what counts as one and how it is stored (trimmed, lower case). */
import { OutcomeError } from './errors';

/** The local part may be any text but spaces, separators, control and format characters (NUL, bidi overrides...). */
const EMAIL_PATTERN =
	/^[^\s@"<>()[\],;:\p{Cc}\p{Cf}\p{Cs}]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/u;
/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_LENGTH = 254;

/**
 * Trims and lower-cases an email address as a request gives it (any JSON type, any length); INVALID_INPUT when it is
 * not text, is too long, or does not look like an email address.
 */
export function normaliseEmail(input: unknown): string {
	// Measured before trimming too, so a huge value is refused without copying it.
	if (typeof input === 'string' && (input.length > MAX_EMAIL_LENGTH * 4 || input.trim().length > MAX_EMAIL_LENGTH)) {
		throw new OutcomeError('INVALID_INPUT', `The email address is too long (at most ${MAX_EMAIL_LENGTH} characters).`);
	}
	const email = typeof input === 'string' ? input.trim().toLowerCase() : '';
	if (!email || !EMAIL_PATTERN.test(email)) {
		throw new OutcomeError('INVALID_INPUT', 'This email address is not valid.');
	}
	return email;
}

/** "alice@example.com" → "a••••@example.com": enough for the owner to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	if (at < 1) return '•••';
	return `${email[0]}••••${email.slice(at)}`;
}
