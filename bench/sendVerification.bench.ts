/**
 * Bulk send: items per second of the Send Verification node over 1,000 items against the sandbox with 50 ms added to
 * every answer, at the default concurrency and at 1, next to the ideal that concurrency allows (concurrency / latency).
 */
import { SendVerification } from '../nodes/SendVerification/SendVerification.node';
import { DEFAULT_CONCURRENCY } from '../nodes/shared/n8n/runItems';
import { runNode } from '../test/support/n8nEngine';
import { byId, verifyCredentials } from '../test/support/nodeHelpers';
import { startSandbox } from '../sandbox';
import { printTable, round } from './report';

const ITEMS = 1000;
const LATENCY_MS = 50;

test('bulk send throughput', async () => {
	const sandbox = await startSandbox({ port: 0, faults: { latencyMs: LATENCY_MS } });
	const service = sandbox.createService({ FriendlyName: 'Bench' });
	const items = Array.from({ length: ITEMS }, (_, i) => ({ phone: `+1415${String(2000000 + i)}` }));
	const rows = [];
	try {
		for (const concurrency of [DEFAULT_CONCURRENCY, 1]) {
			sandbox.reset();
			sandbox.createService({ FriendlyName: 'Bench', sid: service.sid });
			sandbox.setFaults({ latencyMs: LATENCY_MS });
			const started = process.hrtime.bigint();
			const { outputs, error } = await runNode({
				nodeType: new SendVerification(),
				parameters: { operation: 'send', serviceSid: byId(service.sid), phone: '={{ $json.phone }}', options: { concurrency } } as never,
				items,
				credentials: verifyCredentials(sandbox),
			});
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			if (error) throw error;
			const sent = outputs[0].filter((item) => item.json.ok === true).length;
			const ideal = concurrency / (LATENCY_MS / 1000);
			rows.push({
				concurrency,
				items: ITEMS,
				sent,
				seconds: round(seconds, 2),
				'items/s': round(ITEMS / seconds),
				'ideal items/s': round(ideal),
				'% of ideal': round((ITEMS / seconds / ideal) * 100),
			});
		}
	} finally {
		await sandbox.close();
	}
	printTable(`Send Verification, ${ITEMS} items, sandbox latency ${LATENCY_MS} ms`, rows);
});
