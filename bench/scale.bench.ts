/**
 * Proof at scale, in two tables: password + code logins per second through the sample backend on n8n's queue mode
 * with one worker and with two (Redis, n8n's database and the member store in PostgreSQL), and n8n's start-up time
 * with and without this package installed as a community package, in paired runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { client, startSampleBackend } from '../test/support/sampleBackend';
import { percentile, printTable, round } from './report';
import { inAlternatingPairs } from './support/timing';

const runtime = require('../scripts/n8n-runtime') as {
	createUserFolder(prefix: string): string;
	installPackageTarball(options: { userFolder: string; tarball: string }): Promise<void>;
	startN8n(options: { userFolder: string; waitForWebhook?: unknown; timeoutMs?: number }): Promise<{ stop(): Promise<void> }>;
};

const LOGINS = 60;
const CONCURRENCY = 10;
const STARTS = 2;
const PASSWORD = 'a long and unusual passphrase';

async function loginsPerSecond(workers: number): Promise<{ perSecond: number; p95: number }> {
	const backend = await startSampleBackend(undefined, { queueMode: { workers } });
	const call = client(backend.webhookUrl);
	try {
		// One member per login (a phone gets at most five codes in ten minutes), registered through the workflows first.
		const members: Array<{ email: string; phone: string }> = [];
		for (let i = 0; i < LOGINS; i++) {
			const phone = `+1202555${String(100 + i).padStart(4, '0')}`;
			const sent = await call('POST', 'register/send-code', { email: `scale${i}@example.com`, password: PASSWORD, phone });
			await call('POST', 'register', { registrationId: sent.body.registrationId, code: backend.sandbox.lastCode(phone) });
			members.push({ email: `scale${i}@example.com`, phone });
		}
		const latencies: number[] = [];
		let next = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < members.length) {
					const member = members[next++];
					const at = performance.now();
					const sent = await call('POST', 'login/send-code', { email: member.email, password: PASSWORD });
					if (sent.status !== 200) throw new Error(`login/send-code answered ${sent.status}`);
					const done = await call('POST', 'login', { loginId: sent.body.loginId, code: backend.sandbox.lastCode(member.phone) });
					if (done.status !== 200) throw new Error(`login answered ${done.status}`);
					latencies.push(performance.now() - at);
				}
			}),
		);
		const seconds = (performance.now() - started) / 1000;
		return { perSecond: LOGINS / seconds, p95: percentile(latencies.sort((a, b) => a - b), 95) };
	} finally {
		await backend.stop();
	}
}

async function startupSeconds(tarball: string | undefined): Promise<number> {
	const userFolder = runtime.createUserFolder('tvm-bench-start-');
	try {
		if (tarball) await runtime.installPackageTarball({ userFolder, tarball });
		const started = performance.now();
		const n8n = await runtime.startN8n({ userFolder, timeoutMs: 180_000 });
		const seconds = (performance.now() - started) / 1000;
		await n8n.stop();
		return seconds;
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

test('logins per second on queue mode with one and two workers', async () => {
	const one = await loginsPerSecond(1);
	const two = await loginsPerSecond(2);
	printTable(`Queue mode: ${LOGINS} password + code logins, ${CONCURRENCY} at a time`, [
		{ workers: 1, 'logins/s': round(one.perSecond), 'p95 ms': round(one.p95), ratio: 1 },
		{ workers: 2, 'logins/s': round(two.perSecond), 'p95 ms': round(two.p95), ratio: round(two.perSecond / one.perSecond, 2) },
	]);
}, 20 * 60 * 1000);

test("n8n's start-up time with and without the package", async () => {
	const folder = mkdtempSync(join(tmpdir(), 'tvm-bench-pack-'));
	try {
		const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', folder], { encoding: 'utf8' });
		const tarball = join(folder, packed.stdout.trim().split('\n').pop() ?? '');
		// Paired and alternating, so neither always meets a warm disk cache.
		const [without, withPackage] = await inAlternatingPairs(STARTS, () => startupSeconds(undefined), () => startupSeconds(tarball));
		const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
		printTable(`n8n start-up until it answers, ${STARTS} paired runs`, [
			{ n8n: 'without the package', 'median s': round(median(without), 2), ratio: 1 },
			{ n8n: 'with the package', 'median s': round(median(withPackage), 2), ratio: round(median(withPackage) / median(without), 2) },
		]);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}, 20 * 60 * 1000);
