/** Verification codes as people type them: Twilio's are 4 to 10 letters or digits, so nothing else is ever sent on. */
import { OutcomeError, type OutcomeCode } from './errors';

const CODE_FORMAT = /^[0-9A-Za-z]{4,10}$/;

const MESSAGES: Partial<Record<OutcomeCode, string>> = {
	INVALID_INPUT: 'The code must be 4 to 10 letters or digits.',
	INVALID_CODE: 'The code is not correct.',
};

/**
 * The code, trimmed; a number is read as its digits. A malformed code is refused with `malformed`: INVALID_INPUT for
 * the member flows (a request error), INVALID_CODE where a plain "not approved" is the whole answer.
 */
export function readCode(value: unknown, malformed: 'INVALID_INPUT' | 'INVALID_CODE' = 'INVALID_INPUT'): string {
	const code = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!CODE_FORMAT.test(code)) throw new OutcomeError(malformed, MESSAGES[malformed] ?? 'The code is not valid.');
	return code;
}
