/**
 * Maps what Twilio answers to the core's errors. Verify's user-facing refusals become outcomes with stable codes;
 * authentication, unknown resources and outages become ConfigurationError / ServiceUnavailableError.
 * Twilio error codes: https://www.twilio.com/docs/api/errors
 */
import { ConfigurationError, OutcomeError, ServiceUnavailableError } from '../errors';
import { classifyNetworkError } from './retry';

/** What the SDK's RestException carries; the retry layer's TransientResponseError adds Twilio's Retry-After. */
interface TwilioRestError {
	status: number;
	code?: number;
	message: string;
	moreInfo?: string;
	retryAfterSeconds?: number;
}

/**
 * Twilio could not be reached, did not answer, or stayed unavailable after the retries the request allowed: an outage
 * (NodeApiError in the node layer). `retryAfterSeconds` is Twilio's Retry-After, when it sent one.
 */
export class TwilioUnavailableError extends ServiceUnavailableError {
	readonly retryAfterSeconds?: number;

	constructor(code: string, message: string, options: { httpStatus?: number; cause?: unknown; retryAfterSeconds?: number } = {}) {
		const { retryAfterSeconds, ...rest } = options;
		super(code, retryAfterSeconds === undefined ? message : `${message}. Twilio asks to wait ${retryAfterSeconds} s before retrying`, rest);
		if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
	}
}

function retryAfterOf(error: TwilioRestError): number | undefined {
	return typeof error.retryAfterSeconds === 'number' && Number.isFinite(error.retryAfterSeconds) ? error.retryAfterSeconds : undefined;
}

function isTwilioRestError(error: unknown): error is TwilioRestError {
	return (
		error instanceof Error &&
		typeof (error as Partial<TwilioRestError>).status === 'number' &&
		(error as Partial<TwilioRestError>).status! >= 400
	);
}

/** Verify refusals an end user causes, whatever operation triggered them. */
const OUTCOME_BY_TWILIO_CODE: Record<number, () => OutcomeError> = {
	60202: () => new OutcomeError('TOO_MANY_ATTEMPTS', 'Too many wrong codes. Request a new code.'),
	60203: () => new OutcomeError('RATE_LIMITED', 'Too many codes were sent to this recipient. Try again later.'),
	60212: () => new OutcomeError('RATE_LIMITED', 'Too many requests for this phone number at once. Try again shortly.'),
	60205: () => new OutcomeError('CHANNEL_UNAVAILABLE', 'This number cannot receive text messages. Try a voice call.'),
	60223: () => new OutcomeError('CHANNEL_UNAVAILABLE', 'This delivery channel is not available for this Verify Service.'),
	60410: () => new OutcomeError('BLOCKED', 'Verification to this number is blocked because of suspected fraud.'),
	60605: () => new OutcomeError('BLOCKED', 'Verification to this country is not allowed for this Verify Service.'),
};

export type TwilioCallKind =
	/** managing services, rate limits, buckets: every error is the builder's to fix */
	| 'management'
	/** sending a code: refusals are outcomes */
	| 'send'
	/** checking a code: a missing verification means it expired, was approved already or never existed */
	| 'check'
	/** fetching or cancelling one verification by SID */
	| 'verification';

export function mapTwilioError(error: unknown, kind: TwilioCallKind): Error {
	if (error instanceof OutcomeError || error instanceof ConfigurationError || error instanceof ServiceUnavailableError) {
		return error;
	}
	if (!isTwilioRestError(error)) {
		const transport = classifyNetworkError(error);
		// No answer from Twilio: the status is the one a gateway would give (503 unreachable, 504 no answer).
		if (transport === 'not-sent') {
			return new TwilioUnavailableError('TWILIO_UNREACHABLE', 'Twilio Verify could not be reached', {
				httpStatus: 503,
				cause: error,
			});
		}
		if (transport === 'maybe-sent') {
			// Not retried: the request may have reached Twilio (a code may have been sent, a check attempt counted).
			return new TwilioUnavailableError(
				'TWILIO_NO_ANSWER',
				'Twilio Verify did not answer (timeout or dropped connection); the request may have been carried out, so it was not repeated',
				{ httpStatus: 504, cause: error },
			);
		}
		return error instanceof Error ? error : new Error(String(error));
	}
	const { status, code, message } = error;
	const where = code ? ` (Twilio error ${code})` : '';
	const retryAfterSeconds = retryAfterOf(error);

	if (status === 401 || code === 20003) {
		return new ConfigurationError('TWILIO_AUTHENTICATION_FAILED', 'Twilio rejected the credentials', {
			httpStatus: 401,
			description: 'Check the Account SID and the Auth Token (or API Key SID and Secret) of the Twilio Verify credential.',
		});
	}
	// Twilio answers 20429 both for account concurrency and for the Service Rate Limits a builder configures. Retries
	// have already absorbed brief concurrency spikes, so on a send it is reported as the end user's rate limit.
	if (code === 20429 && kind === 'send') {
		return new OutcomeError('RATE_LIMITED', 'Too many verification requests. Try again later.', { retryAfterSeconds });
	}
	if (status >= 500 || code === 20429 || (status === 429 && !code)) {
		return new TwilioUnavailableError('TWILIO_UNAVAILABLE', `Twilio Verify is unavailable: ${message}${where}`, {
			httpStatus: status,
			retryAfterSeconds,
		});
	}
	if (kind !== 'management') {
		const outcome = code ? OUTCOME_BY_TWILIO_CODE[code] : undefined;
		if (outcome) return outcome();
		if (code === 20404 && kind === 'check') {
			return new OutcomeError('EXPIRED', 'The code has expired or was already used. Request a new code.');
		}
		if (code === 20404 && kind === 'verification') {
			return new OutcomeError('NOT_FOUND', 'No verification with this SID exists (it may have expired).');
		}
		if (code === 60200 || status === 400) {
			return /\bTo\b/.test(message)
				? new OutcomeError('INVALID_PHONE', 'This phone number or email address is not valid for verification.')
				: new OutcomeError('INVALID_PARAMETER', `Twilio refused a parameter: ${message}`);
		}
	}
	if (code === 20404 || status === 404) {
		return new ConfigurationError('TWILIO_NOT_FOUND', `Not found in Twilio Verify: ${message}`, {
			httpStatus: 404,
			description: 'Check the Verify Service SID (and the SID of the rate limit or bucket, if any).',
		});
	}
	return new ConfigurationError('TWILIO_REQUEST_FAILED', `Twilio refused the request: ${message}${where}`, {
		httpStatus: status,
	});
}

/** Runs a management request (anything but a send or a check), its Twilio errors mapped to the package's. */
export async function managementCall<T>(request: () => Promise<T>): Promise<T> {
	try {
		return await request();
	} catch (error) {
		throw mapTwilioError(error, 'management');
	}
}

/** The SDK's list options for `limit` records; undefined: every record (the SDK follows next_page_url). */
export function listOptions(limit: number | undefined): { limit?: number; pageSize: number } {
	return limit ? { limit, pageSize: Math.min(limit, 100) } : { pageSize: 100 };
}
