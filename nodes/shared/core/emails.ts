/** Email addresses: the one place that decides what counts as one and how it is stored (trimmed, lower case). */
import { OutcomeError } from './errors';

const EMAIL_PATTERN = /^[^\s@"<>()[\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** RFC 5321's limit on a forward path. */
export const MAX_EMAIL_LENGTH = 254;

/** Trims and lower-cases an email address; INVALID_INPUT when it does not look like one. */
export function normaliseEmail(input: unknown): string {
	const email = typeof input === 'string' ? input.trim().toLowerCase() : '';
	if (!email || email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
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
