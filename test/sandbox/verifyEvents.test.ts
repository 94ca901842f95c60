/**
 * The sandbox sends signed events to a Service's webhooks: verification status changes as Verify Events (JSON,
 * bodySHA256) to `*` webhooks, Verify webhook events as form posts. Checked with the same signature module the
 * trigger uses, against a local receiver.
 */
import type { VerifyStateWithEvents } from '../../sandbox/events';
import { bodySha256, isValidTwilioSignature } from '../../nodes/shared/core/verify/signature';
import { startEventReceiver, type EventReceiver, type ReceivedRequest } from '../support/eventReceiver';
import { api, PHONE, sandbox, useSandbox, type Json } from '../support/sandboxClient';

useSandbox();

let receiver: EventReceiver;
let serviceSid: string;

beforeAll(async () => {
	receiver = await startEventReceiver();
});

afterAll(async () => {
	await receiver.close();
});

beforeEach(() => {
	receiver.received.length = 0;
	receiver.answer.status = 204;
	receiver.answer.delayMs = 0;
	serviceSid = sandbox.createService({ FriendlyName: 'Events' }).sid as string;
});

async function addWebhook(path: string, eventTypes = '*', status = 'enabled'): Promise<string> {
	const created = await api('POST', `/v2/Services/${serviceSid}/Webhooks`, {
		FriendlyName: 'events',
		EventTypes: eventTypes,
		WebhookUrl: `${receiver.url}${path}`,
		Status: status,
	});
	expect(created.status).toBe(201);
	return created.body.sid as string;
}

function signedJson(request: ReceivedRequest, token = sandbox.authToken): Json[] {
	expect(request.headers['content-type']).toBe('application/json');
	const url = `${receiver.url}${request.path}`;
	const valid = isValidTwilioSignature(token, {
		url,
		signature: request.headers['x-twilio-signature'] as string,
		rawBody: request.rawBody,
	});
	expect(valid).toBe(true);
	expect(new URL(url).searchParams.get('bodySHA256')).toBe(bodySha256(request.rawBody));
	return JSON.parse(request.rawBody.toString('utf8')) as Json[];
}

test('sending, checking and cancelling post signed Verify Events to a `*` webhook', async () => {
	await addWebhook('/hook?tenant=a');
	const sent = await api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE, Channel: 'sms' });
	expect(sent.status).toBe(201);
	const [pending] = await receiver.waitFor(1);
	expect(pending.path.startsWith('/hook?tenant=a&bodySHA256=')).toBe(true);
	const [event] = signedJson(pending);
	expect(event).toMatchObject({
		specversion: '1.0',
		type: 'com.twilio.accountsecurity.verify.verification.pending',
		data: { service_sid: serviceSid, verification_sid: sent.body.sid, to: PHONE, verification_status: 'PENDING', country: 'US' },
	});
	expect(event.data.send_code_attempts.count).toBe(1);

	const code = sandbox.lastCode(PHONE, serviceSid) as string;
	const checked = await api('POST', `/v2/Services/${serviceSid}/VerificationCheck`, { To: PHONE, Code: code });
	expect(checked.body.status).toBe('approved');
	const approved = signedJson((await receiver.waitFor(2))[1])[0];
	expect(approved.type).toBe('com.twilio.accountsecurity.verify.verification.approved');
	expect(approved.data).toMatchObject({ verification_status: 'APPROVED', check_attempts: { count: 1 } });
	expect(approved.data.verified_at).toEqual(expect.any(String));
	// No code in any event.
	expect(JSON.stringify(receiver.received.map((request) => request.rawBody.toString()))).not.toContain(code);

	const second = await api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE, Channel: 'sms' });
	await receiver.waitFor(3);
	await api('POST', `/v2/Services/${serviceSid}/Verifications/${second.body.sid}`, { Status: 'canceled' });
	const canceled = signedJson((await receiver.waitFor(4))[3])[0];
	expect(canceled.type).toBe('com.twilio.accountsecurity.verify.verification.canceled');
});

test('expiry and too many wrong codes send their events; a disabled or factor-only webhook gets none', async () => {
	await addWebhook('/all');
	await addWebhook('/disabled', '*', 'disabled');
	await addWebhook('/factors', 'factor.created');
	await api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE, Channel: 'sms' });
	await receiver.waitFor(1);
	sandbox.advanceTime(10 * 60_000);
	const expired = signedJson((await receiver.waitFor(2))[1])[0];
	expect(expired.type).toBe('com.twilio.accountsecurity.verify.verification.expired');
	expect(expired.data.expired_at).toEqual(expect.any(String));

	await api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE, Channel: 'sms' });
	await receiver.waitFor(3);
	for (let attempt = 0; attempt < 6; attempt += 1) {
		await api('POST', `/v2/Services/${serviceSid}/VerificationCheck`, { To: PHONE, Code: '000000' });
	}
	const ended = signedJson((await receiver.waitFor(4))[3])[0];
	expect(ended.type).toBe('com.twilio.accountsecurity.verify.verification.max-attempts-reached');
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(receiver.received.map((request) => request.path.split('?')[0])).toEqual(['/all', '/all', '/all', '/all']);
});

test('Verify webhook events are signed form posts to the webhooks subscribed to their type', async () => {
	await addWebhook('/factors', 'factor.created');
	await addWebhook('/challenges', 'challenge.approved');
	(sandbox.state as VerifyStateWithEvents).sendServiceEvent(serviceSid, 'factor.created', { entity_identity: 'member-1', factor_sid: `YF${'1'.repeat(32)}` });
	const [request] = await receiver.waitFor(1);
	expect(request.path).toBe('/factors');
	expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
	const params = Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')));
	expect(params).toMatchObject({ type: 'factor.created', service_sid: serviceSid, entity_identity: 'member-1' });
	const signature = request.headers['x-twilio-signature'] as string;
	expect(isValidTwilioSignature(sandbox.authToken, { url: `${receiver.url}/factors`, params, signature })).toBe(true);
	expect(isValidTwilioSignature('another-token', { url: `${receiver.url}/factors`, params, signature })).toBe(false);
});

test('a slow or failing receiver never slows down the API answer', async () => {
	await addWebhook('/slow');
	receiver.answer.delayMs = 1_500;
	const started = Date.now();
	const sent = await api('POST', `/v2/Services/${serviceSid}/Verifications`, { To: PHONE, Channel: 'sms' });
	expect(sent.status).toBe(201);
	expect(Date.now() - started).toBeLessThan(500);
	receiver.answer.status = 500;
	const code = sandbox.lastCode(PHONE, serviceSid) as string;
	const checked = await api('POST', `/v2/Services/${serviceSid}/VerificationCheck`, { To: PHONE, Code: code });
	expect(checked.body.status).toBe('approved');
	// Both events still arrive (and none leaks into the next test).
	await receiver.waitFor(2);
});

test('TOTP factors and challenges post factor.created, factor.verified, challenge.approved and factor.deleted', async () => {
	await addWebhook('/factors', 'factor.created');
	await addWebhook('/everything', '*');
	const identity = 'member-0001-events';
	const entity = `/v2/Services/${serviceSid}/Entities/${identity}`;
	const created = await api('POST', `${entity}/Factors`, { FriendlyName: 'Phone app', FactorType: 'totp' });
	expect(created.status).toBe(201);
	const factorSid = created.body.sid as string;
	await receiver.waitFor(2);
	await api('POST', `${entity}/Factors/${factorSid}`, { AuthPayload: sandbox.totpCode(factorSid) as string });
	await receiver.waitFor(3);
	const challenge = await api('POST', `${entity}/Challenges`, { FactorSid: factorSid, AuthPayload: sandbox.totpCode(factorSid) as string });
	expect(challenge.body.status).toBe('approved');
	await receiver.waitFor(4);
	await api('DELETE', `${entity}/Factors/${factorSid}`);
	const received = await receiver.waitFor(5);

	const forms = received.map((request) => ({
		path: request.path,
		params: Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8'))),
		signature: request.headers['x-twilio-signature'] as string,
	}));
	expect(forms.map(({ path, params }) => `${path} ${params.type}`).sort()).toEqual([
		'/everything challenge.approved',
		'/everything factor.created',
		'/everything factor.deleted',
		'/everything factor.verified',
		'/factors factor.created',
	]);
	for (const { path, params, signature } of forms) {
		expect(isValidTwilioSignature(sandbox.authToken, { url: `${receiver.url}${path}`, params, signature })).toBe(true);
		expect(params).toMatchObject({ service_sid: serviceSid, entity_identity: identity, factor_sid: factorSid, factor_type: 'totp' });
	}
	expect(forms.find(({ params }) => params.type === 'challenge.approved')?.params.challenge_sid).toBe(challenge.body.sid);
	// Neither the secret (in the factor's binding when created) nor a code is ever sent.
	const secret = String(created.body.binding?.secret ?? '');
	expect(secret).not.toBe('');
	expect(received.map((request) => request.rawBody.toString()).join('\n')).not.toContain(secret);
});
