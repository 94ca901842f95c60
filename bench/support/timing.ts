/** Timing helpers for benchmarks: per-call samples in milliseconds plus the wall time of the whole run. */
import { percentile, round } from '../report';

export interface OpTimes {
	wallSeconds: number;
	samplesMs: number[];
}

/** Runs `work` once per item, at most `concurrency` at a time, timing every call and the run as a whole. */
export async function timeOps<T>(
	items: readonly T[],
	concurrency: number,
	work: (item: T) => Promise<unknown>,
): Promise<OpTimes> {
	const samplesMs: number[] = [];
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const item = items[next++];
			const started = performance.now();
			await work(item);
			samplesMs.push(performance.now() - started);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return { wallSeconds: (performance.now() - started) / 1000, samplesMs };
}

export async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

export function mean(values: readonly number[]): number {
	return values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The p-th percentile of unsorted samples. */
export function percentileOf(values: readonly number[], p: number): number {
	return percentile([...values].sort((a, b) => a - b), p);
}

/**
 * Runs `a` and `b` once a round for `rounds` rounds, alternating which goes first (`a` in even rounds, `b` in odd
 * ones) so that neither always meets the machine as the other left it (warm caches, a fresh commit). `round` is the
 * round's index; the answer holds each side's results in round order.
 */
export async function inAlternatingPairs<A, B>(
	rounds: number,
	a: (round: number) => Promise<A>,
	b: (round: number) => Promise<B>,
): Promise<[A[], B[]]> {
	const fromA: A[] = [];
	const fromB: B[] = [];
	for (let round = 0; round < rounds; round++) {
		if (round % 2 === 0) fromA.push(await a(round));
		fromB.push(await b(round));
		if (round % 2 === 1) fromA.push(await a(round));
	}
	return [fromA, fromB];
}

/** Throughput and latency columns for a table row. */
export function summarise(times: OpTimes): Record<string, number> {
	return {
		'ops/s': round(times.samplesMs.length / times.wallSeconds),
		'mean ms': round(mean(times.samplesMs), 2),
		'p95 ms': round(percentileOf(times.samplesMs, 95), 2),
	};
}

/**
 * Splits runs of several steps into named parts: `start()` begins a run, `lap(name)` books the time since the
 * previous lap under `name` (a name may come back within a run). `means()` is each part's time per run.
 */
export class Laps {
	private readonly totals = new Map<string, number>();
	private runs = 0;
	private last = 0;

	start(): void {
		this.runs++;
		this.last = performance.now();
	}

	lap(name: string): void {
		const now = performance.now();
		this.totals.set(name, (this.totals.get(name) ?? 0) + (now - this.last));
		this.last = now;
	}

	means(): Map<string, number> {
		return new Map([...this.totals].map(([name, total]) => [name, total / this.runs]));
	}
}
