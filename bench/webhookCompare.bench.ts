/**
 * The sample `verify/send` next to what a builder would build instead, on one real n8n with the Verify sandbox at zero
 * latency: the same endpoint made with n8n's HTTP Request node calling Verify directly, and a bare Webhook → Respond
 * workflow (n8n's own floor). Sequential and at concurrency 20, in alternating rounds in one run.
 */
import { client, startSampleBackend } from '../test/support/sampleBackend';

import { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN } from '../sandbox/constants';
import { percentile, printTable, round } from './report';
import { SANDBOX_SERVICE_SID, freePort, parts } from './support/n8nWorkflows';

const REQUESTS = 200;
const ROUNDS = 2;

/** Webhook → (optional middle node) → Respond, as a builder would wire it. */
function workflow(name: string, path: string, middle?: { name: string; [field: string]: unknown }): object {
	const hook = parts.webhook(name, 'POST', path, [0, 0]);
	const answer = parts.respond(name, 'Respond', 200, '={{ JSON.stringify({ status: $json.status ?? "ok" }) }}', [600, 0]);
	const chain = middle ? [hook, middle, answer] : [hook, answer];
	const connections = Object.fromEntries(
		chain.slice(0, -1).map((node, index) => [node.name, { main: [[{ node: chain[index + 1].name, type: 'main', index: 0 }]] }]),
	);
	return { ...parts.assemble(name, [], []), nodes: chain, connections };
}

function httpRequestSend(sandbox: { url: string; accountSid: string; authToken: string }): object {
	const basic = Buffer.from(`${sandbox.accountSid}:${sandbox.authToken}`).toString('base64');
	return workflow('Bench: verify/send with the HTTP Request node', 'compare/http/verify/send', {
		id: 'f0f0f0f0-0000-4000-8000-000000000001',
		name: 'Send with HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [300, 0],
		parameters: {
			method: 'POST',
			url: `${sandbox.url}/v2/Services/${SANDBOX_SERVICE_SID}/Verifications`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Basic ${basic}` }] },
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: {
				parameters: [
					{ name: 'To', value: '={{ $json.body.phone }}' },
					{ name: 'Channel', value: 'sms' },
				],
			},
			options: {},
		},
	});
}

type Call = ReturnType<typeof client>;

async function measure(call: Call, path: string, concurrency: number, nextPhone: () => string) {
	const latencies: number[] = [];
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < REQUESTS) {
			next += 1;
			const sentAt = performance.now();
			const answer = await call('POST', path, { phone: nextPhone() });
			if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
			latencies.push(performance.now() - sentAt);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { seconds: (performance.now() - started) / 1000, latencies };
}

test('verify/send next to the HTTP Request node and a bare webhook', async () => {
	// The HTTP Request workflow calls the sandbox by address: give the sandbox a port known in advance.
	const sandboxPort = await freePort();
	const sandbox = { url: `http://127.0.0.1:${sandboxPort}`, accountSid: DEFAULT_ACCOUNT_SID, authToken: DEFAULT_AUTH_TOKEN };
	const backend = await startSampleBackend(
		{
			'compare-bare.json': workflow('Bench: bare webhook', 'compare/bare', undefined),
			'compare-http.json': httpRequestSend(sandbox),
		},
		{ sandboxPort },
	);
	const call = client(backend.webhookUrl);
	let phone = 1000;
	const nextPhone = () => `+1202555${String(phone++ % 10000).padStart(4, '0')}`;
	try {
		const endpoints = [
			['our verify/send', 'verify/send'],
			['HTTP Request node', 'compare/http/verify/send'],
			['bare webhook', 'compare/bare'],
		] as const;
		const results = new Map<string, { seconds: number; latencies: number[] }[]>();
		for (let round_ = 0; round_ < ROUNDS; round_++) {
			for (const concurrency of [1, 20]) {
				const order = round_ % 2 === 0 ? endpoints : [...endpoints].reverse();
				for (const [name, path] of order) {
					backend.sandbox.reset();
					const key = `${name} @${concurrency}`;
					results.set(key, [...(results.get(key) ?? []), await measure(call, path, concurrency, nextPhone)]);
				}
			}
		}
		const rows = [...results].map(([key, runs]) => {
			const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
			const perSecond = (REQUESTS * runs.length) / runs.reduce((sum, run) => sum + run.seconds, 0);
			return { endpoint: key, 'req/s': round(perSecond), 'p50 ms': round(percentile(latencies, 50)), 'p95 ms': round(percentile(latencies, 95)) };
		});
		const rate = (key: string) => Number(rows.find((row) => row.endpoint === key)?.['req/s']);
		const withRatios = rows.map((row) => {
			const concurrency = row.endpoint.split('@')[1];
			return { ...row, 'vs bare': round(Number(row['req/s']) / rate(`bare webhook @${concurrency}`), 2), 'vs HTTP Request': round(Number(row['req/s']) / rate(`HTTP Request node @${concurrency}`), 2) };
		});
		printTable(`verify/send compared (${REQUESTS} requests × ${ROUNDS} rounds, sandbox at zero latency)`, withRatios);
	} finally {
		await backend.stop();
	}
}, 20 * 60 * 1000);
