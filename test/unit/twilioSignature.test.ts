import { createHmac } from 'node:crypto';

import { bodySha256, isValidTwilioSignature, twilioSignature } from '../../nodes/shared/core/verify/signature';

const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
const URL_ = 'https://n8n.example.com/webhook/1f2e3d/webhook';
const PARAMS = { type: 'challenge.approved', uuid: 'e1b2c3', service_sid: `VA${'a'.repeat(32)}`, account_sid: `AC${'b'.repeat(32)}` };

/** Written out by hand from Twilio's description, independent of the module under test. */
function referenceSignature(token: string, url: string, params: Record<string, string>): string {
	const text = url + Object.keys(params).sort().map((name) => name + params[name]).join('');
	return createHmac('sha1', token).update(text).digest('base64');
}

describe('form-encoded requests', () => {
	const signature = referenceSignature(AUTH_TOKEN, URL_, PARAMS);

	test('the right signature is accepted, and the module signs as Twilio describes', () => {
		expect(twilioSignature(AUTH_TOKEN, URL_, PARAMS)).toBe(signature);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params: PARAMS, signature })).toBe(true);
	});

	test('a wrong signature, another token or a missing signature is refused', () => {
		const wrong = `${signature.slice(0, -4)}AAA=`;
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params: PARAMS, signature: wrong })).toBe(false);
		expect(isValidTwilioSignature('another-token', { url: URL_, params: PARAMS, signature })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params: PARAMS, signature: undefined })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params: PARAMS, signature: '' })).toBe(false);
		expect(isValidTwilioSignature('', { url: URL_, params: PARAMS, signature })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params: PARAMS, signature: 'not base64 at all!' })).toBe(false);
	});

	test('a signature replayed with other parameters, or to another URL, is refused', () => {
		const replays = [
			{ ...PARAMS, type: 'challenge.denied' },
			{ ...PARAMS, extra: '1' },
			Object.fromEntries(Object.entries(PARAMS).filter(([name]) => name !== 'uuid')),
		];
		for (const params of replays) expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params, signature })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: `${URL_}x`, params: PARAMS, signature })).toBe(false);
	});

	test('a URL with a query string is signed as called, query included', () => {
		const url = `${URL_}?source=twilio&b=2`;
		const withQuery = referenceSignature(AUTH_TOKEN, url, PARAMS);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, params: PARAMS, signature: withQuery })).toBe(true);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params: PARAMS, signature: withQuery })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: `${URL_}?source=other&b=2`, params: PARAMS, signature: withQuery })).toBe(false);
	});

	test('a proxy adding or dropping the default port does not break the check', () => {
		const withPort = 'https://n8n.example.com:443/webhook/1f2e3d/webhook';
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: withPort, params: PARAMS, signature })).toBe(true);
		const signedWithPort = referenceSignature(AUTH_TOKEN, withPort, PARAMS);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params: PARAMS, signature: signedWithPort })).toBe(true);
		const otherHost = 'https://n8n.example.org:443/webhook/1f2e3d/webhook';
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: otherHost, params: PARAMS, signature })).toBe(false);
		const otherScheme = 'http://n8n.example.com/webhook/1f2e3d/webhook';
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: otherScheme, params: PARAMS, signature })).toBe(false);
	});

	test('repeated parameters are signed with their values sorted', () => {
		const params = { EventTypes: ['factor.created', 'challenge.approved'], Name: 'x' };
		const signature = createHmac('sha1', AUTH_TOKEN)
			.update(`${URL_}EventTypeschallenge.approvedEventTypesfactor.createdNamex`)
			.digest('base64');
		expect(isValidTwilioSignature(AUTH_TOKEN, { url: URL_, params, signature })).toBe(true);
	});
});

describe('JSON requests (bodySHA256)', () => {
	const body = JSON.stringify({ type: 'com.twilio.accountsecurity.verify.verification.approved', data: { to: '+15005550006' } });
	const url = `${URL_}?bodySHA256=${bodySha256(body)}`;
	const signature = referenceSignature(AUTH_TOKEN, url, {});

	test('the right body and signature are accepted', () => {
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, rawBody: body, signature })).toBe(true);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, rawBody: Buffer.from(body), signature })).toBe(true);
	});

	test('a changed body, a missing body or a wrong signature is refused', () => {
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, rawBody: body.replace('approved', 'canceled'), signature })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, signature })).toBe(false);
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, rawBody: body, signature: undefined })).toBe(false);
		expect(isValidTwilioSignature('another-token', { url, rawBody: body, signature })).toBe(false);
	});

	test('form parameters cannot be slipped in next to a signed JSON body', () => {
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, rawBody: body, params: { type: 'x' }, signature })).toBe(true);
		const signedWithParams = referenceSignature(AUTH_TOKEN, url, { type: 'x' });
		expect(isValidTwilioSignature(AUTH_TOKEN, { url, rawBody: body, params: { type: 'x' }, signature: signedWithParams })).toBe(
			false,
		);
	});
});
