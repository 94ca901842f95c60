/** The estimate of Verify's answer time that decoy password resets wait for. */
import { LatencyEstimate } from '../../nodes/shared/core/members/verifyTiming';

describe('LatencyEstimate', () => {
	test('follows recent durations, bounded, ignoring nonsense', () => {
		const estimate = new LatencyEstimate(200, 0.5, 1_000);
		estimate.record(100);
		expect(estimate.ms).toBe(150);
		estimate.record(100);
		expect(estimate.ms).toBe(125);
		estimate.record(60_000);
		expect(estimate.ms).toBe(562.5);
		for (const nonsense of [Number.NaN, -5, Number.POSITIVE_INFINITY]) estimate.record(nonsense);
		expect(estimate.ms).toBe(562.5);
	});

	test('learns from calls that succeed, not from failures', async () => {
		const estimate = new LatencyEstimate(0, 1);
		await estimate.time(() => new Promise((resolve) => setTimeout(resolve, 30)));
		expect(estimate.ms).toBeGreaterThanOrEqual(25);
		const learned = estimate.ms;
		await expect(estimate.time(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
		expect(estimate.ms).toBe(learned);
	});

	test('waits about as long as the estimate', async () => {
		const estimate = new LatencyEstimate(40);
		const started = performance.now();
		await estimate.wait();
		expect(performance.now() - started).toBeGreaterThanOrEqual(35);
	});
});
