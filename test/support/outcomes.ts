/** What a reader of request input answered, as one comparable value: nothing, or the code of the OutcomeError it threw. */
import { OutcomeError } from '../../nodes/shared/core/errors';

/** The outcome code of a failure, or a text that says the failure was something else (a TypeError, say). */
function codeOf(error: unknown): string {
	return error instanceof OutcomeError ? error.code : `not an outcome: ${String(error)}`;
}

/** undefined when `read` returns, else what it threw (see `codeOf`). */
export function outcomeOf(read: () => unknown): string | undefined {
	try {
		read();
		return undefined;
	} catch (error) {
		return codeOf(error);
	}
}

/** undefined when `promise` resolves, else what it rejected with (see `codeOf`). */
export function settledOutcomeOf(promise: Promise<unknown>): Promise<string | undefined> {
	return promise.then(() => undefined, codeOf);
}
