/** Expectations the end-to-end tests share about the webhook contract (README, "The webhook backend"). */
import type { Answer } from './sampleBackend';

/** A six-digit code other than `right`. */
export const wrongCode = (right: string) => (right === '000000' ? '111111' : '000000');

/** A refusal's body: `{error: {code, message}}`; refusals with a wait (429, 423, 503) also carry retryAfterSeconds. */
export const errorBody = (errorCode: string) => ({ error: expect.objectContaining({ code: errorCode, message: expect.any(String) }) });

/**
 * verify/send asks for a voice call to `phone` (a US number, sent without its +1 and with its country), and answers
 * where it went; verify/check then refuses a wrong code with 401 INVALID_CODE and approves the right one.
 */
export async function expectCodeByCallApproved(
	call: (method: string, path: string, body?: unknown) => Promise<Answer>,
	phone: string,
	codeSentTo: (phone: string) => string,
) {
	expect(await call('POST', 'verify/send', { phone: phone.slice(2), country: 'US', channel: 'call' })).toEqual({
		status: 200,
		body: { status: 'pending', to: `+1 ••• ••• ${phone.slice(-4)}`, channel: 'call' },
	});
	expect(await call('POST', 'verify/check', { phone, code: wrongCode(codeSentTo(phone)) })).toEqual({ status: 401, body: errorBody('INVALID_CODE') });
	expect(await call('POST', 'verify/check', { phone, code: codeSentTo(phone) })).toEqual({ status: 200, body: { status: 'approved' } });
}
