/**
 * Login round trip through n8n webhooks: POST login/send-code + POST login, 200 logins against the real n8n backend
 * (packed package, sample workflows, SQLite store, Verify sandbox in this process). Printed next to what the two
 * unavoidable parts cost alone (the password hash check and the Verify round trips), so what n8n and the package add
 * is visible.
 */
import { hashPassword, openStore, verifyPassword, closeAllStores } from '../nodes/shared/core/members';
import { getVerifyClient } from '../nodes/shared/core/verify/client';
import { client, startSampleBackend } from '../test/support/sampleBackend';
import { percentile, printTable, round } from './report';

// The Verify Service the sample backend's sandbox is seeded with.
const { SANDBOX_SERVICE_SID } = require('../scripts/backend') as { SANDBOX_SERVICE_SID: string };
const LOGINS = 200;
const PASSWORD = 'correct horse battery';

const elapsedMs = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

function summary(name: string, samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	return { step: name, n: samples.length, 'median ms': round(percentile(sorted, 50)), 'p95 ms': round(percentile(sorted, 95)) };
}

test('login round trip through n8n webhooks', async () => {
	const backend = await startSampleBackend();
	const call = client(backend.webhookUrl);
	try {
		// Members are seeded straight into the demo's SQLite store with one real hash: the benchmark measures logins.
		const store = await openStore({ backend: 'sqlite', path: `${backend.userFolder}/members.sqlite` });
		const passwordHash = await hashPassword(PASSWORD);
		const members = Array.from({ length: LOGINS }, (_, i) => ({ email: `bench${i}@example.com`, phone: `+1415555${String(4000 + i)}` }));
		await store.transaction(async (tx) => {
			for (const member of members) {
				await tx.insertMember({ id: crypto.randomUUID(), ...member, passwordHash, status: 'active', createdAt: new Date() });
			}
		});

		const sendCode: number[] = [];
		const complete: number[] = [];
		const total: number[] = [];
		for (const member of members) {
			const started = process.hrtime.bigint();
			const sent = await call('POST', 'login/send-code', { email: member.email, password: PASSWORD });
			sendCode.push(elapsedMs(started));
			if (sent.status !== 200) throw new Error(`login/send-code answered ${sent.status}: ${JSON.stringify(sent.body)}`);
			const completeStarted = process.hrtime.bigint();
			const done = await call('POST', 'login', { loginId: sent.body.loginId, code: backend.sandbox.lastCode(member.phone) });
			complete.push(elapsedMs(completeStarted));
			total.push(elapsedMs(started));
			if (done.status !== 200) throw new Error(`login answered ${done.status}: ${JSON.stringify(done.body)}`);
		}

		// The parts that cost the same whatever runs them.
		const hash: number[] = [];
		for (let i = 0; i < 20; i++) {
			const started = process.hrtime.bigint();
			await verifyPassword(PASSWORD, passwordHash);
			hash.push(elapsedMs(started));
		}
		const verify = await getVerifyClient({
			accountSid: backend.sandbox.accountSid,
			authType: 'authToken',
			authToken: backend.sandbox.authToken,
			baseUrl: backend.sandbox.url,
		});
		const verifyRoundTrip: number[] = [];
		for (let i = 0; i < LOGINS; i++) {
			const to = `+1415555${String(6000 + i)}`;
			const started = process.hrtime.bigint();
			await verify.send({ serviceSid: SANDBOX_SERVICE_SID, to, channel: 'sms' });
			await verify.check({ serviceSid: SANDBOX_SERVICE_SID, to, code: backend.sandbox.lastCode(to)! });
			verifyRoundTrip.push(elapsedMs(started));
		}

		const median = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 50);
		const added = median(total) - median(hash) - median(verifyRoundTrip);
		printTable(`Login through n8n webhooks, ${LOGINS} logins (sequential)`, [
			summary('send-code + login (total)', total),
			summary('  POST login/send-code', sendCode),
			summary('  POST login', complete),
			summary('password hash check alone', hash),
			summary('Verify send + check alone (sandbox)', verifyRoundTrip),
			{ step: 'n8n + package add (median total - hash - Verify)', n: LOGINS, 'median ms': round(added), 'p95 ms': '' },
		]);
	} finally {
		await closeAllStores();
		await backend.stop();
	}
}, 20 * 60 * 1000);
