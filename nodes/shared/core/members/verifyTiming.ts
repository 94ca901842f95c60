/**
 * How long Twilio Verify takes to answer, as this process sees it. A flow that must not reveal whether it asked Verify
 * (a password reset for an email that is no member's) waits about as long instead, so its answer comes after the same
 * time. An estimate, not state: each process learns its own from the sends and checks it makes.
 */

/** A running average of the latest durations (exponentially weighted), bounded so an outage cannot stretch it. */
export class LatencyEstimate {
	private averageMs: number;

	constructor(
		initialMs: number,
		private readonly weight = 0.2,
		private readonly maxMs = 5_000,
	) {
		this.averageMs = initialMs;
	}

	get ms(): number {
		return this.averageMs;
	}

	record(durationMs: number): void {
		if (!Number.isFinite(durationMs) || durationMs < 0) return;
		this.averageMs += this.weight * (Math.min(durationMs, this.maxMs) - this.averageMs);
	}

	/** Runs `work` and learns from its duration when it succeeds (a failure's time says little about the next call). */
	async time<T>(work: () => Promise<T>): Promise<T> {
		const started = performance.now();
		const result = await work();
		this.record(performance.now() - started);
		return result;
	}

	/** Waits about as long as the call would have taken. */
	wait(): Promise<void> {
		return new Promise((resolve) => setTimeout(resolve, Math.round(this.averageMs)));
	}
}

/** Until the first call is measured: a typical round trip to Twilio from a server. */
const TYPICAL_VERIFY_MS = 200;

export const verifyLatency = {
	send: new LatencyEstimate(TYPICAL_VERIFY_MS),
	check: new LatencyEstimate(TYPICAL_VERIFY_MS),
};
