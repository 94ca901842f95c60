/**
 * The Twilio Verify Trigger on a real n8n with the packed package and the sandbox: publishing the workflow registers a
 * Verify webhook on the service; a verification sent and approved through the sandbox reaches n8n as signed events
 * and runs the workflow once per event (an HTTP Request node passes each item to a local receiver); an unsigned post
 * is refused; unpublishing through n8n's REST API removes the webhook.
 */
import { startEventReceiver, type EventReceiver } from '../support/eventReceiver';
import { BACKEND_START_TIMEOUT, startSampleBackend } from '../support/sampleBackend';

const { ourNode } = require('../../scripts/workflows/parts') as {
	ourNode(workflow: string, name: string, type: string, parameters: object, credentials: string[], position: number[]): object;
};
const { SANDBOX_SERVICE_SID } = require('../../scripts/backend') as { SANDBOX_SERVICE_SID: string };

const WORKFLOW_ID = 'VerifyTriggerE2E';
const WEBHOOK_ID = '5e7a11e0-0000-4000-8000-00000000e2e1';
const OWNER = { email: 'trigger@example.com', firstName: 'Tia', lastName: 'Trigger', password: 'Trigger-Test-2041' };
const BROWSER_ID = 'verify-trigger-e2e';
const PHONE = '+14155559001';

let backend: Awaited<ReturnType<typeof startSampleBackend>>;
let receiver: EventReceiver;

function triggerWorkflow(receiverUrl: string) {
	const name = 'E2E: Verify events to a receiver';
	const trigger = {
		...ourNode(name, 'Verify Events', 'twilioVerifyTrigger', { serviceSid: { __rl: true, mode: 'list', value: '' }, events: ['*'] }, ['twilioVerifyApi'], [0, 0]),
		webhookId: WEBHOOK_ID,
	};
	const forward = {
		id: 'a9d1c0de-0000-4000-8000-00000000e2e2',
		name: 'Pass the Event On',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [300, 0],
		parameters: {
			method: 'POST',
			url: `${receiverUrl}/from-n8n`,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json) }}',
			options: {},
		},
	};
	return {
		id: WORKFLOW_ID,
		name,
		nodes: [trigger, forward],
		connections: { 'Verify Events': { main: [[{ node: 'Pass the Event On', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

function webhooksOnService() {
	return backend.sandbox.state.listWebhooks(backend.sandbox.accountSid, SANDBOX_SERVICE_SID);
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

function sandboxApi(path: string, params: Record<string, string>) {
	const { url, accountSid, authToken } = backend.sandbox;
	return fetch(`${url}${path}`, {
		method: 'POST',
		headers: { Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
		body: new URLSearchParams(params),
	});
}

beforeAll(async () => {
	receiver = await startEventReceiver();
	backend = await startSampleBackend({ 'verify-trigger-e2e.json': triggerWorkflow(receiver.url) });
}, BACKEND_START_TIMEOUT);

afterAll(async () => {
	await backend?.stop();
	await receiver?.close();
}, 60_000);

const triggerUrl = () => `${backend.webhookUrl}${WEBHOOK_ID}/webhook`;

test('publishing registers a Verify webhook for the trigger on the credential\'s default service', async () => {
	const webhook = await until(() => webhooksOnService().find((hook) => hook.webhookUrl === triggerUrl()), 'the webhook');
	expect(webhook).toMatchObject({ eventTypes: ['*'], status: 'enabled', version: 'v2' });
});

test('a verification sent and approved runs the workflow once per signed event, without the code', async () => {
	const sent = await sandboxApi(`/v2/Services/${SANDBOX_SERVICE_SID}/Verifications`, { To: PHONE, Channel: 'sms' });
	expect(sent.status).toBe(201);
	const code = backend.sandbox.lastCode(PHONE, SANDBOX_SERVICE_SID) as string;
	const checked = await sandboxApi(`/v2/Services/${SANDBOX_SERVICE_SID}/VerificationCheck`, { To: PHONE, Code: code });
	expect(((await checked.json()) as { status: string }).status).toBe('approved');

	// The sandbox posts the events in the background; a busy machine can take a while to run both executions.
	const received = await receiver.waitFor(2, 50_000);
	const items = received.map((request) => JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>);
	expect(items.map((item) => item.eventType).sort()).toEqual(['verification.approved', 'verification.pending']);
	for (const item of items) {
		expect(item).toMatchObject({ deliveredBy: 'eventStreams', serviceSid: SANDBOX_SERVICE_SID, to: PHONE, country: 'US' });
		expect(JSON.stringify(item)).not.toContain(code);
	}
}, 60_000);

test('a post without Twilio\'s signature is answered 403 and runs nothing', async () => {
	const before = receiver.received.length;
	const forged = await fetch(triggerUrl(), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' },
		body: new URLSearchParams({ type: 'challenge.approved', service_sid: SANDBOX_SERVICE_SID }),
	});
	expect(forged.status).toBe(403);
	await new Promise((resolve) => setTimeout(resolve, 1_500));
	expect(receiver.received.length).toBe(before);
});

test('unpublishing removes the webhook from the service', async () => {
	const editorUrl = new URL('..', backend.webhookUrl).href;
	const setup = await fetch(`${editorUrl}rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify(OWNER),
	});
	expect(setup.status).toBe(200);
	const cookie = setup.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
	const unpublished = await fetch(`${editorUrl}rest/workflows/${WORKFLOW_ID}/deactivate`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
		body: '{}',
	});
	expect(unpublished.status).toBe(200);
	await until(() => (webhooksOnService().some((hook) => hook.webhookUrl === triggerUrl()) ? undefined : true), 'the webhook to go');
});
