/** Twilio's error body ({code, message, more_info, status}) and every error the sandbox answers with. */

export interface TwilioErrorBody {
	code: number;
	message: string;
	more_info: string;
	status: number;
}

/** An API answer in Twilio's error format. The state engine throws these; the HTTP layer sends them as they are. */
export class TwilioError extends Error {
	readonly status: number;
	readonly code: number;
	/** Extra response headers, e.g. Retry-After. */
	readonly headers: Record<string, string>;

	constructor(status: number, code: number, message: string, headers: Record<string, string> = {}) {
		super(message);
		this.name = 'TwilioError';
		this.status = status;
		this.code = code;
		this.headers = headers;
	}

	toJSON(): TwilioErrorBody {
		return {
			code: this.code,
			message: this.message,
			more_info: `https://www.twilio.com/docs/errors/${this.code}`,
			status: this.status,
		};
	}
}

function retryAfterHeader(seconds: number | undefined): Record<string, string> {
	return seconds === undefined ? {} : { 'Retry-After': String(seconds) };
}

/** 20404's message names the requested path; the HTTP layer fills it in. */
export const NOT_FOUND_MESSAGE = 'The requested resource was not found';

/** The catalogue. Codes that could not be confirmed against Twilio are listed in README.md. */
export const twilioErrors = {
	authenticate: () => new TwilioError(401, 20003, 'Authenticate'),
	notFound: () => new TwilioError(404, 20404, NOT_FOUND_MESSAGE),
	notFoundAt: (resourcePath: string) =>
		new TwilioError(404, 20404, `The requested resource ${resourcePath} was not found`),
	methodNotAllowed: () => new TwilioError(405, 20004, 'Method not allowed'),
	missingParameter: (name: string) =>
		new TwilioError(400, 20001, `Missing required parameter ${name} in the post body`),
	invalidParameter: (name: string) => new TwilioError(400, 60200, `Invalid parameter: ${name}`),
	invalidRecipient: (to: string) => new TwilioError(400, 60200, `Invalid parameter \`To\`: ${to}`),
	/** The Entities, Factors and Challenges API answers a malformed parameter with 60306 rather than 60200. */
	invalidRequest: (name: string) => new TwilioError(400, 60306, `Invalid parameter: ${name}`),
	entityExists: () => new TwilioError(409, 60301, 'Entity already exists'),
	factorUnverified: () => new TwilioError(403, 60318, 'Factor is unverified'),
	challengeExpired: () => new TwilioError(403, 60323, 'Challenge expired'),
	maxCheckAttempts: () => new TwilioError(429, 60202, 'Max check attempts reached'),
	maxSendAttempts: () => new TwilioError(429, 60203, 'Max send attempts reached'),
	customCodeNotAllowed: () => new TwilioError(400, 60204, 'Custom code not allowed'),
	featureNotSupported: () => new TwilioError(400, 60204, 'Service does not support this feature'),
	duplicateRateLimit: () => new TwilioError(409, 60208, 'Rate limit with that unique name already exists'),
	duplicateMessagingConfiguration: () =>
		new TwilioError(409, 60208, 'A messaging configuration for this country already exists'),
	tooManyRequests: (retryAfterSeconds?: number) =>
		new TwilioError(429, 20429, 'Too many requests', retryAfterHeader(retryAfterSeconds)),
	serverError: (status: number, retryAfterSeconds?: number) =>
		status === 503
			? new TwilioError(503, 20503, 'Service Unavailable', retryAfterHeader(retryAfterSeconds))
			: new TwilioError(status, 20500, 'Internal Server Error', retryAfterHeader(retryAfterSeconds)),
};
