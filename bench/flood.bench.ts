/**
 * A flood of bogus logins against the sample backend on a real n8n, with the package's bound on password hashing and
 * without it (TWILIO_VERIFY_HASH_CONCURRENCY=0), in alternating rounds: how fast BUSY comes back, how many floods are
 * answered, and what the flood does to an unrelated endpoint (GET countries) and to a real member's login.
 */
import { rawClient, startSampleBackend } from '../test/support/sampleBackend';
import { percentile, printTable, round } from './report';
import { inAlternatingPairs } from './support/timing';

const FLOODERS = 50;
const ROUND_MS = 10_000;
const ROUNDS = 2;

type Backend = Awaited<ReturnType<typeof startSampleBackend>>;

interface RoundFigures {
	answers: number;
	busy: number;
	busyMs: number[];
	countriesMs: number[];
	loginMs: number[];
}

async function floodRound(backend: Backend): Promise<RoundFigures> {
	const send = rawClient(backend.webhookUrl);
	const post = (path: string, body: object, address: string) =>
		send('POST', path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-forwarded-for': address } });
	const figures: RoundFigures = { answers: 0, busy: 0, busyMs: [], countriesMs: [], loginMs: [] };
	const deadline = Date.now() + ROUND_MS;
	const flooder = async (worker: number) => {
		for (let i = 0; Date.now() < deadline; i++) {
			const started = performance.now();
			const answer = await post('login/send-code', { email: `flood-${worker}-${i}-${Date.now()}@example.com`, password: 'whatever' }, `192.0.2.${worker}`);
			figures.answers += 1;
			if (answer.status === 503) {
				figures.busy += 1;
				figures.busyMs.push(performance.now() - started);
			}
		}
	};
	const prober = async () => {
		while (Date.now() < deadline) {
			const started = performance.now();
			await send('GET', 'countries');
			figures.countriesMs.push(performance.now() - started);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	};
	await Promise.all([...Array.from({ length: FLOODERS }, (_, worker) => flooder(worker)), prober()]);
	return figures;
}

function row(name: string, rounds: RoundFigures[]) {
	const all = (pick: (figures: RoundFigures) => number[]) => rounds.flatMap(pick).sort((a, b) => a - b);
	const answers = rounds.reduce((sum, figures) => sum + figures.answers, 0);
	const busy = rounds.reduce((sum, figures) => sum + figures.busy, 0);
	return {
		hashing: name,
		'floods answered /s': round(answers / ((ROUND_MS / 1000) * rounds.length)),
		'BUSY share %': round((busy / Math.max(1, answers)) * 100),
		'BUSY p95 ms': round(percentile(all((figures) => figures.busyMs), 95)),
		'countries p50 ms': round(percentile(all((figures) => figures.countriesMs), 50)),
		'countries p95 ms': round(percentile(all((figures) => figures.countriesMs), 95)),
	};
}

test('a flood of bogus logins with and without the bound on password hashing', async () => {
	const bounded = await startSampleBackend();
	const unbounded = await startSampleBackend(undefined, { n8nEnv: { TWILIO_VERIFY_HASH_CONCURRENCY: '0' } });
	try {
		const [withBound, withoutBound] = await inAlternatingPairs(ROUNDS, () => floodRound(bounded), () => floodRound(unbounded));
		const rows = [row('bounded (one per core)', withBound), row('unbounded', withoutBound)];
		printTable(`Flood: ${FLOODERS} concurrent bogus logins, ${ROUNDS} rounds of ${ROUND_MS / 1000} s each`, rows);
		process.stdout.write(
			`ratio countries p95, unbounded / bounded: ${round(Number(rows[1]['countries p95 ms']) / Number(rows[0]['countries p95 ms']), 2)}\n`,
		);
	} finally {
		await bounded.stop();
		await unbounded.stop();
	}
}, 15 * 60 * 1000);
