/**
 * Errors of the core, independent of n8n.
 *
 * - `OutcomeError`: something the end user caused (wrong code, invalid phone, locked account...). Nodes route it as
 *   data with a stable `code` and an `httpStatus` a webhook can return as is; it never stops a workflow.
 * - `ConfigurationError`: the workflow builder's setup is wrong (bad credentials, unknown Verify Service...).
 * - `ServiceUnavailableError`: an outage (Twilio or the member store cannot be reached after retries).
 * Nodes turn the last two into NodeOperationError / NodeApiError.
 */

export const OUTCOME_STATUS = {
	INVALID_INPUT: 400,
	INVALID_PHONE: 400,
	WEAK_PASSWORD: 400,
	INVALID_PARAMETER: 400,
	CHANNEL_UNAVAILABLE: 400,
	COUNTRY_NOT_ALLOWED: 400,
	INVALID_CODE: 401,
	INVALID_CREDENTIALS: 401,
	INVALID_SESSION: 401,
	NOT_APPROVED: 403,
	BLOCKED: 403,
	PASSWORD_REQUIRED: 403,
	NOT_FOUND: 404,
	ALREADY_REGISTERED: 409,
	ALREADY_ENROLLED: 409,
	NO_AUTHENTICATOR: 409,
	EXPIRED: 410,
	LOCKED: 423,
	RATE_LIMITED: 429,
	TOO_MANY_ATTEMPTS: 429,
	BUSY: 503,
} as const;

export type OutcomeCode = keyof typeof OUTCOME_STATUS;

export interface OutcomeErrorJson {
	code: OutcomeCode;
	message: string;
	httpStatus: number;
	retryAfterSeconds?: number;
}

export class OutcomeError extends Error {
	readonly code: OutcomeCode;
	readonly httpStatus: number;
	readonly retryAfterSeconds?: number;

	constructor(code: OutcomeCode, message: string, options: { retryAfterSeconds?: number } = {}) {
		super(message);
		this.name = 'OutcomeError';
		this.code = code;
		this.httpStatus = OUTCOME_STATUS[code];
		if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
	}

	toJSON(): OutcomeErrorJson {
		const json: OutcomeErrorJson = { code: this.code, message: this.message, httpStatus: this.httpStatus };
		if (this.retryAfterSeconds !== undefined) json.retryAfterSeconds = this.retryAfterSeconds;
		return json;
	}
}

export class ConfigurationError extends Error {
	readonly code: string;
	readonly httpStatus?: number;
	readonly description?: string;

	constructor(code: string, message: string, options: { httpStatus?: number; description?: string } = {}) {
		super(message);
		this.name = 'ConfigurationError';
		this.code = code;
		this.httpStatus = options.httpStatus;
		this.description = options.description;
	}
}

export class ServiceUnavailableError extends Error {
	readonly code: string;
	readonly httpStatus?: number;

	constructor(code: string, message: string, options: { httpStatus?: number; cause?: unknown } = {}) {
		super(message, { cause: options.cause });
		this.name = 'ServiceUnavailableError';
		this.code = code;
		this.httpStatus = options.httpStatus;
	}
}
