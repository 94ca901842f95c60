/**
 * A bulk send of 1,000 items through a real n8n, against the Verify sandbox with 50 ms added to every answer: our
 * Send Verification node at its default concurrency (10) and at 100, next to n8n's HTTP Request node calling Verify
 * directly, with its Batching option at 10 items per batch and without it, and the ideal that 10 requests at a time
 * allow (10 / 50 ms = 200 items a second). The HTTP Request node starts every item's request at once (its batches are
 * spaced by the interval, 0 here, not by the answers), so it is bounded only by n8n's own work per item. Each workflow is Webhook → Code (makes the items) →
 * the sender → Code (counts) → Respond; the rounds alternate in one run.
 */

import { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN } from '../sandbox/constants';
import { client, startSampleBackend } from '../test/support/sampleBackend';
import { printTable, round } from './report';
import { SANDBOX_SERVICE_SID, freePort, parts } from './support/n8nWorkflows';

const ITEMS = 1000;
const LATENCY_MS = 50;
const CONCURRENCY = 10;
const ROUNDS = 2;
/** Bulk Options → Concurrency raised as far as a Twilio account's concurrent requests allow by default. */
const WIDE = 100;

const code = (name: string, jsCode: string, position: number[]) => ({
	id: `b0b0b0b0-0000-4000-8000-${String(position[0]).padStart(12, '0')}`,
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position,
	parameters: { jsCode },
});

/** Webhook → 1,000 items (numbers from the body's `first`) → sender → one item with the count → Respond. */
function bulkWorkflow(name: string, path: string, sender: { name: string; [field: string]: unknown }): object {
	const chain = [
		parts.webhook(name, 'POST', path, [0, 0]),
		code('Make Items', `const first = Number($json.body.first);\nreturn Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { phone: '+1202' + String(first + i).padStart(7, '0') } }));`, [200, 0]),
		sender,
		code('Count', 'return [{ json: { sent: $input.all().length } }];', [600, 0]),
		parts.respond(name, 'Respond', 200, '={{ JSON.stringify({ sent: $json.sent }) }}', [800, 0]),
	];
	const connections = Object.fromEntries(
		chain.slice(0, -1).map((node, index) => [node.name, { main: [[{ node: chain[index + 1].name, type: 'main', index: 0 }]] }]),
	);
	return { ...parts.assemble(name, [], []), nodes: chain, connections };
}

function ourSend(concurrency: number): object {
	const name = `Bench: bulk send with Send Verification, concurrency ${concurrency}`;
	const node = parts.ourNode(
		name,
		'Send Verification',
		'sendVerification',
		{
			operation: 'send',
			serviceSid: { __rl: true, mode: 'id', value: SANDBOX_SERVICE_SID },
			phone: '={{ $json.phone }}',
			options: { concurrency },
		},
		['twilioVerifyApi'],
		[400, 0],
	);
	return bulkWorkflow(name, `bulk/ours-${concurrency}`, node);
}

function httpRequestSend(sandboxUrl: string, batching: boolean): object {
	const basic = Buffer.from(`${DEFAULT_ACCOUNT_SID}:${DEFAULT_AUTH_TOKEN}`).toString('base64');
	const name = `Bench: bulk send with the HTTP Request node${batching ? ', batching' : ''}`;
	return bulkWorkflow(name, batching ? 'bulk/http-batched' : 'bulk/http', {
		id: batching ? 'b1b1b1b1-0000-4000-8000-000000000001' : 'b1b1b1b1-0000-4000-8000-000000000002',
		name: 'Send with HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [400, 0],
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/v2/Services/${SANDBOX_SERVICE_SID}/Verifications`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Basic ${basic}` }] },
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: { parameters: [{ name: 'To', value: '={{ $json.phone }}' }, { name: 'Channel', value: 'sms' }] },
			options: batching ? { batching: { batch: { batchSize: CONCURRENCY, batchInterval: 0 } } } : {},
		},
	});
}

test('a bulk send of 1,000 items through n8n: our node next to the HTTP Request node', async () => {
	const sandboxPort = await freePort();
	const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
	const backend = await startSampleBackend(
		{
			'bulk-ours.json': ourSend(CONCURRENCY),
			'bulk-ours-wide.json': ourSend(WIDE),
			'bulk-http-batched.json': httpRequestSend(sandboxUrl, true),
			'bulk-http.json': httpRequestSend(sandboxUrl, false),
		},
		{ sandboxPort },
	);
	const call = client(backend.webhookUrl);
	const senders = [
		[`Send Verification, concurrency ${CONCURRENCY}`, `bulk/ours-${CONCURRENCY}`],
		[`Send Verification, concurrency ${WIDE}`, `bulk/ours-${WIDE}`],
		[`HTTP Request, batches of ${CONCURRENCY}`, 'bulk/http-batched'],
		['HTTP Request, no batching', 'bulk/http'],
	] as const;
	const seconds = new Map<string, number[]>();
	// 202-200-0000 onwards: valid numbers (an exchange may not start with 0 or 1), a new one for every item of every run.
	let first = 2_000_000;
	try {
		for (let round_ = 0; round_ < ROUNDS; round_++) {
			for (const [name, path] of round_ % 2 === 0 ? senders : [...senders].reverse()) {
				backend.sandbox.reset();
				backend.sandbox.setFaults({ latencyMs: LATENCY_MS });
				const started = performance.now();
				const answer = await call('POST', path, { first });
				first += ITEMS;
				if (answer.status !== 200 || answer.body?.sent !== ITEMS) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
				// Every item reached Verify as its own request, and each was answered a verification.
				const sends = backend.sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/Verifications'));
				if (sends.length !== ITEMS || sends.some((request) => request.status !== 201)) {
					throw new Error(`${path}: ${sends.length} sends reached the sandbox, statuses ${[...new Set(sends.map((request) => request.status))].join(', ')}; faults ${JSON.stringify(backend.sandbox.getFaults())}`);
				}
				seconds.set(name, [...(seconds.get(name) ?? []), (performance.now() - started) / 1000]);
			}
		}
		const ideal = CONCURRENCY / (LATENCY_MS / 1000);
		const ours = (ITEMS * ROUNDS) / (seconds.get(senders[0][0]) ?? []).reduce((sum, value) => sum + value, 0);
		const rows = [...seconds].map(([sender, runs]) => {
			const perSecond = (ITEMS * runs.length) / runs.reduce((sum, value) => sum + value, 0);
			return { sender, 'items/s': round(perSecond), 'vs ideal': round(perSecond / ideal, 2), 'vs our node': round(perSecond / ours, 2) };
		});
		rows.push({ sender: `ideal (${CONCURRENCY} at a time, ${LATENCY_MS} ms each)`, 'items/s': round(ideal), 'vs ideal': 1, 'vs our node': round(ideal / ours, 2) });
		printTable(`bulk send through n8n (${ITEMS} items × ${ROUNDS} rounds, sandbox +${LATENCY_MS} ms)`, rows);
	} finally {
		await backend.stop();
	}
}, 30 * 60 * 1000);
