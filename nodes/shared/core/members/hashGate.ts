/**
 * A bound on password hashing in this process. Each hash takes tens to hundreds of milliseconds of a core; without a
 * bound, a flood of bogus logins queues hashes without end and every other workflow on the n8n instance slows down
 * with it. At most `slots` hashes run at once (one per core), a short queue waits behind them, and any further
 * request is refused at once with BUSY (503, retry in a second or two) rather than waiting.
 */
import { availableParallelism } from 'node:os';
import { OutcomeError } from '../errors';

export interface HashGateOptions {
	/** hashes running at once */
	slots: number;
	/** hashes waiting for a slot before BUSY */
	queue: number;
}

export class HashGate {
	private running = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly options: HashGateOptions) {}

	async run<T>(work: () => Promise<T>): Promise<T> {
		if (this.running >= this.options.slots) {
			if (this.waiting.length >= this.options.queue) throw busy();
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.running += 1;
		}
		try {
			return await work();
		} finally {
			// Hand the slot straight to the next waiter, so `running` never dips and a newcomer cannot jump the queue.
			const next = this.waiting.shift();
			if (next) next();
			else this.running -= 1;
		}
	}

	/** For benchmarks and tests: hashes running and waiting now. */
	get load(): { running: number; waiting: number } {
		return { running: this.running, waiting: this.waiting.length };
	}
}

function busy(): OutcomeError {
	return new OutcomeError('BUSY', 'The server is busy. Try again in a moment.', { retryAfterSeconds: 2 });
}

/**
 * Hashes at once: one per core by default. TWILIO_VERIFY_HASH_CONCURRENCY lowers it (leave cores to other workflows)
 * or raises it; 0 turns the bound off (for benchmarks comparing with and without it).
 */
function configuredSlots(): number {
	const configured = Number(process.env.TWILIO_VERIFY_HASH_CONCURRENCY);
	if (process.env.TWILIO_VERIFY_HASH_CONCURRENCY === undefined || !Number.isInteger(configured) || configured < 0) {
		return Math.max(1, availableParallelism());
	}
	return configured === 0 ? Number.MAX_SAFE_INTEGER : configured;
}

const slots = configuredSlots();

/** The process's gate: `slots` at once, and a queue of four per slot. */
export const passwordHashGate = new HashGate({ slots, queue: Math.min(slots * 4, Number.MAX_SAFE_INTEGER) });
