/**
 * Test numbers with fixed codes (development only): sends to them never reach Twilio and checks compare with the fixed
 * code, so a builder can try a workflow without spending money. Every result produced through one says
 * `testNumber: true`.
 *
 * Anyone who knows a test number and its code can "verify" it, so by default only numbers nobody can own are accepted
 * (fictional ranges and reserved email domains), and none at all while the credential talks to Twilio's live API.
 */
import { ConfigurationError, OutcomeError } from '../errors';
import type { CheckResult, CheckVerificationRequest, SendVerificationRequest, VerificationSummary } from './types';

export type TestNumbers = ReadonlyMap<string, string>;

/** What the credential allows beyond the safe default. */
export interface TestNumberPolicy {
	/** accept any number or address, not only fictional ones */
	allowAnyNumber?: boolean;
	/** the credential points at Twilio's live API (not a sandbox) */
	liveApi?: boolean;
	/** accept test numbers even with Twilio's live API */
	allowWithLiveApi?: boolean;
}

/**
 * Numbers and addresses no one can own: North American 555-0100 to 555-0199 (reserved for fiction), the UK's
 * 07700 900000 to 900999 (Ofcom's drama range), and addresses at example.com/.net/.org or the .test, .example and
 * .invalid top-level domains (RFC 2606).
 */
const FICTIONAL = [
	/^\+1[2-9]\d{2}55501\d{2}$/,
	/^\+447700900\d{3}$/,
	/@(?:[^@]+\.)?example\.(?:com|net|org)$/,
	/@[^@]+\.(?:test|example|invalid)$/,
];

export function isFictional(recipient: string): boolean {
	return FICTIONAL.some((pattern) => pattern.test(recipient));
}

/** Parses "+12025550123=123456" entries, one per line or comma-separated, and applies the policy. */
export function parseTestNumbers(text: string | undefined, policy: TestNumberPolicy = {}): TestNumbers {
	const numbers = new Map<string, string>();
	for (const entry of (text ?? '').split(/[\n,;]+/)) {
		const trimmed = entry.trim();
		if (!trimmed) continue;
		const match = /^(\+[1-9]\d{6,14}|[^\s=:@]+@[^\s=:]+)\s*[=:]\s*(\d{4,10})$/.exec(trimmed);
		if (!match) {
			throw new ConfigurationError(
				'INVALID_TEST_NUMBERS',
				`Test number entry "${mask(trimmed)}" is not "+E164=code" (code of 4 to 10 digits)`,
			);
		}
		const recipient = match[1].toLowerCase();
		if (!policy.allowAnyNumber && !isFictional(recipient)) {
			throw new ConfigurationError(
				'INVALID_TEST_NUMBERS',
				`Test number entry "${mask(trimmed)}" is not in a fictional range`,
				{
					description:
						'Use a number like +1 202 555 0123 (555-0100 to 555-0199) or +44 7700 900123, or an address at example.com. A real number as a test number lets anyone who knows its code verify it. Turn on "Allow Any Test Number" only for a private development set-up.',
				},
			);
		}
		numbers.set(recipient, match[2]);
	}
	if (numbers.size > 0 && policy.liveApi && !policy.allowWithLiveApi) {
		throw new ConfigurationError('INVALID_TEST_NUMBERS', "Test numbers are refused with Twilio's live API", {
			description:
				'Test numbers skip Twilio: anyone who knows one and its code could verify it in production. Turn off "Use Test Phone Numbers", point the API Base URL at a sandbox, or turn on "Allow Test Numbers With Twilio\'s Live API" for a development account.',
		});
	}
	return numbers;
}

/** Error messages show an entry's number with most digits hidden, and never its code. */
function mask(entry: string): string {
	const [recipient] = entry.split(/\s*[=:]\s*/);
	return `${recipient.replace(/\d(?=\d{4})/g, '•')}=••••`;
}

function testSid(recipient: string): string {
	const hex = Buffer.from(recipient).toString('hex').padEnd(32, '0').slice(0, 32);
	return `VE${hex}`;
}

function testSummary(serviceSid: string, to: string, channel: string, status: string): VerificationSummary {
	return { sid: testSid(to), serviceSid, to, channel, status, valid: status === 'approved', testNumber: true };
}

export function sendToTestNumber(request: SendVerificationRequest): VerificationSummary {
	return testSummary(request.serviceSid, request.to, request.channel, 'pending');
}

export function checkTestNumber(
	request: CheckVerificationRequest,
	numbers: TestNumbers,
): CheckResult | undefined {
	const to = 'to' in request ? request.to.toLowerCase() : undefined;
	const fixedCode = to ? numbers.get(to) : undefined;
	if (!to || fixedCode === undefined) return undefined;
	if (request.code.trim() === fixedCode) {
		return { approved: true, verification: testSummary(request.serviceSid, to, 'sms', 'approved') };
	}
	return {
		approved: false,
		reason: new OutcomeError('INVALID_CODE', 'The code is not correct.'),
		verification: testSummary(request.serviceSid, to, 'sms', 'pending'),
	};
}
