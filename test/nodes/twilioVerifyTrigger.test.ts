/**
 * The Twilio Verify Trigger in n8n's own hook and webhook contexts, against the sandbox: publishing registers a Verify
 * webhook, unpublishing removes it; events the sandbox sends to it start the workflow only with Twilio's signature.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { VerifyStateWithEvents } from '../../sandbox/events';
import { TwilioVerifyTrigger } from '../../nodes/TwilioVerifyTrigger/TwilioVerifyTrigger.node';
import { bodySha256, twilioSignature } from '../../nodes/shared/core/verify/signature';
import { startEventReceiver, type EventReceiver, type ReceivedRequest } from '../support/eventReceiver';
import { byId, sandboxWithService, verifyCredentials, type Sandbox } from '../support/nodeHelpers';
import { triggerHarness, type FakeRequest } from '../support/triggerContexts';

const PHONE = '+447700900123';

let sandbox: Sandbox;
let serviceSid: string;
let receiver: EventReceiver;

beforeAll(async () => {
	({ sandbox, serviceSid } = await sandboxWithService());
	receiver = await startEventReceiver();
});

afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});

beforeEach(() => {
	receiver.received.length = 0;
});

function harness(events: string[] = ['*'], credentials = verifyCredentials(sandbox)) {
	return triggerHarness({
		nodeType: new TwilioVerifyTrigger(),
		parameters: { serviceSid: byId(serviceSid), events },
		credentials,
		webhookBaseUrl: `${receiver.url}/webhook`,
	});
}

function webhooksOnService() {
	return sandbox.state.listWebhooks(sandbox.accountSid, serviceSid);
}

/** What n8n hands the node for a request the receiver got. */
function asN8nRequest(received: ReceivedRequest): FakeRequest {
	const text = received.rawBody.toString('utf8');
	const json = received.headers['content-type'] === 'application/json';
	return {
		body: json ? (JSON.parse(text) as IDataObject[]) : Object.fromEntries(new URLSearchParams(text)),
		headers: Object.fromEntries(Object.entries(received.headers).map(([name, value]) => [name, String(value)])),
		rawBody: received.rawBody,
		originalUrl: received.path,
	};
}

function itemsOf(result: { workflowData?: INodeExecutionData[][] }): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

describe('webhookMethods', () => {
	test('create registers a v2 webhook on the service for n8n\'s URL, checkExists finds it, delete removes it', async () => {
		const trigger = harness(['factor.created', 'challenge.approved']);
		expect(await trigger.checkExists()).toBe(false);
		expect(await trigger.create()).toBe(true);
		const [webhook] = webhooksOnService();
		expect(webhook).toMatchObject({
			webhookUrl: trigger.webhookUrl,
			eventTypes: ['factor.created', 'challenge.approved'],
			status: 'enabled',
			version: 'v2',
		});
		expect(trigger.staticData()).toEqual({ webhookSid: webhook.sid, serviceSid });

		// A fresh start of n8n (static data kept) finds the same webhook.
		expect(await trigger.checkExists()).toBe(true);
		expect(webhooksOnService()).toHaveLength(1);

		expect(await trigger.delete()).toBe(true);
		expect(webhooksOnService()).toHaveLength(0);
		expect(trigger.staticData()).toEqual({});
		expect(await trigger.checkExists()).toBe(false);
		// Deleting again (already gone at Twilio) is not an error.
		expect(await trigger.delete()).toBe(true);
	});

	test('a webhook left with other events (the node was edited) is replaced, not reused', async () => {
		const before = harness(['factor.created']);
		await before.create();
		const after = harness(['*']);
		expect(await after.checkExists()).toBe(false);
		expect(webhooksOnService()).toHaveLength(0);
		await after.create();
		expect(webhooksOnService().map((webhook) => webhook.eventTypes)).toEqual([['*']]);
		await after.delete();
	});

	test('a missing service is a clear setup error', async () => {
		const trigger = triggerHarness({
			nodeType: new TwilioVerifyTrigger(),
			parameters: { serviceSid: byId(''), events: ['*'] },
			credentials: verifyCredentials(sandbox),
			webhookBaseUrl: `${receiver.url}/webhook`,
		});
		await expect(trigger.create()).rejects.toThrow(/Pick a Verify Service/);
	});
});

describe('webhook()', () => {
	test('a signed event from the sandbox becomes one clean item; wrong or missing signatures get 403', async () => {
		const trigger = harness(['*']);
		await trigger.create();
		const sent = await fetch(`${sandbox.url}/v2/Services/${serviceSid}/Verifications`, {
			method: 'POST',
			headers: { Authorization: `Basic ${Buffer.from(`${sandbox.accountSid}:${sandbox.authToken}`).toString('base64')}` },
			body: new URLSearchParams({ To: PHONE, Channel: 'sms' }),
		});
		expect(sent.status).toBe(201);
		const [delivered] = await receiver.waitFor(1);
		const request = asN8nRequest(delivered);

		const { result } = await trigger.receive(request);
		const [item] = itemsOf(result);
		expect(item).toMatchObject({
			eventType: 'verification.pending',
			deliveredBy: 'eventStreams',
			serviceSid,
			to: PHONE,
			verificationStatus: 'PENDING',
			country: 'GB',
			sendCodeAttempts: { count: 1 },
		});
		expect(Object.keys(item).every((key) => !key.includes('_'))).toBe(true);
		expect(JSON.stringify(item)).not.toContain(sandbox.lastCode(PHONE, serviceSid) as string);
		expect(JSON.stringify(item)).not.toContain(sandbox.authToken);

		const wrong = await trigger.receive({ ...request, headers: { ...request.headers, 'x-twilio-signature': 'AAAA' } });
		expect(wrong.response.status).toBe(403);
		expect(wrong.result).toEqual({ noWebhookResponse: true });

		const unsigned = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'x-twilio-signature'));
		const missing = await trigger.receive({ ...request, headers: unsigned });
		expect(missing.response.status).toBe(403);
		expect(missing.result.workflowData).toBeUndefined();

		// A signed event about another service of the account (an Event Streams sink sends them all) starts nothing.
		const otherService = request.rawBody.toString('utf8').replaceAll(serviceSid, `VA${'f'.repeat(32)}`);
		const otherUrl = `${trigger.webhookUrl}?bodySHA256=${bodySha256(otherService)}`;
		const elsewhere = await trigger.receive({
			body: JSON.parse(otherService) as IDataObject[],
			rawBody: Buffer.from(otherService),
			originalUrl: otherUrl.slice(receiver.url.length),
			headers: { ...request.headers, 'x-twilio-signature': twilioSignature(sandbox.authToken, otherUrl) },
		});
		expect(elsewhere.response.status).toBeUndefined();
		expect(elsewhere.result.workflowData).toBeUndefined();

		const tampered = Buffer.from(request.rawBody.toString('utf8').replace('PENDING', 'APPROVED'));
		const replayed = await trigger.receive({ ...request, rawBody: tampered, body: JSON.parse(tampered.toString()) });
		expect(replayed.response.status).toBe(403);
		await trigger.delete();
	});

	test('a Verify webhook form post is checked with its parameters and filtered by the chosen events', async () => {
		const trigger = harness(['factor.created']);
		await trigger.create();
		(sandbox.state as VerifyStateWithEvents).sendServiceEvent(serviceSid, 'factor.created', {
			entity_identity: 'member-42',
			factor_sid: `YF${'2'.repeat(32)}`,
			factor_type: 'totp',
			factor_metadata: '{"os_name":"ios"}',
		});
		const request = asN8nRequest((await receiver.waitFor(1))[0]);
		const [item] = itemsOf((await trigger.receive(request)).result);
		expect(item).toMatchObject({
			eventType: 'factor.created',
			deliveredBy: 'verifyWebhook',
			serviceSid,
			entityIdentity: 'member-42',
			factorType: 'totp',
			factorMetadata: { osName: 'ios' },
		});
		expect(item.eventId).toEqual(expect.any(String));

		const changed = { ...(request.body as IDataObject), entity_identity: 'member-43' };
		expect((await trigger.receive({ ...request, body: changed })).response.status).toBe(403);

		// Signed, but for an event the node does not listen to: answered, nothing started.
		const other = { ...(request.body as IDataObject), type: 'challenge.denied' };
		const signature = twilioSignature(sandbox.authToken, trigger.webhookUrl, other as Record<string, string>);
		const ignored = await trigger.receive({ ...request, body: other, headers: { ...request.headers, 'x-twilio-signature': signature } });
		expect(ignored.response.status).toBeUndefined();
		expect(ignored.result.workflowData).toBeUndefined();
		await trigger.delete();
	});

	test('while the editor listens for a test event, the test URL is registered and its events are accepted', async () => {
		const trigger = harness(['*']);
		await trigger.create(true);
		expect(webhooksOnService().map((webhook) => webhook.webhookUrl)).toEqual([trigger.testWebhookUrl]);
		await fetch(`${sandbox.url}/v2/Services/${serviceSid}/Verifications`, {
			method: 'POST',
			headers: { Authorization: `Basic ${Buffer.from(`${sandbox.accountSid}:${sandbox.authToken}`).toString('base64')}` },
			body: new URLSearchParams({ To: '+447700900124', Channel: 'sms' }),
		});
		const request = asN8nRequest((await receiver.waitFor(1))[0]);
		expect(request.originalUrl.startsWith('/webhook-test/')).toBe(true);
		expect(itemsOf((await trigger.receive(request, true)).result)).toHaveLength(1);
		// The same request on the production endpoint is not what Twilio signed.
		expect((await trigger.receive(request)).response.status).toBe(403);
		await trigger.delete(true);
		expect(webhooksOnService()).toHaveLength(0);
	});

	test('with an API key credential nothing is accepted: Twilio signs with the Auth Token', async () => {
		const trigger = harness(['*'], verifyCredentials(sandbox, { authType: 'apiKey', apiKeySid: `SK${'d'.repeat(32)}`, apiKeySecret: 'x' }));
		const body = { type: 'factor.created', service_sid: serviceSid };
		const signature = twilioSignature(sandbox.authToken, trigger.webhookUrl, body);
		const request = {
			body,
			headers: { 'x-twilio-signature': signature, 'content-type': 'application/x-www-form-urlencoded' },
			rawBody: Buffer.from(new URLSearchParams(body).toString()),
			originalUrl: `/webhook/${trigger.node.webhookId}/webhook`,
		};
		expect((await trigger.receive(request)).response.status).toBe(403);
		// The same request with the Auth Token credential is accepted.
		const withToken = harness(['*']);
		expect(itemsOf((await withToken.receive(request)).result)).toHaveLength(1);
	});
});
