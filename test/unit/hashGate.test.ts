import { OutcomeError } from '../../nodes/shared/core/errors';
import { HashGate } from '../../nodes/shared/core/members/hashGate';

function deferred() {
	let release!: () => void;
	const promise = new Promise<void>((resolve) => (release = resolve));
	return { promise, release };
}

describe('the password hash gate', () => {
	it('runs at most `slots` at once, queues `queue` more, and refuses the rest at once with BUSY', async () => {
		const gate = new HashGate({ slots: 2, queue: 3 });
		const blockers = Array.from({ length: 5 }, deferred);
		let concurrent = 0;
		let most = 0;
		const runs = blockers.map((blocker, index) =>
			gate.run(async () => {
				concurrent += 1;
				most = Math.max(most, concurrent);
				await blocker.promise;
				concurrent -= 1;
				return index;
			}),
		);
		await Promise.resolve();
		expect(gate.load).toEqual({ running: 2, waiting: 3 });

		const refused = await gate.run(async () => 'never').catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(OutcomeError);
		expect(refused).toMatchObject({ code: 'BUSY', httpStatus: 503, retryAfterSeconds: 2 });

		for (const blocker of blockers) blocker.release();
		await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3, 4]);
		expect(most).toBe(2);
		expect(gate.load).toEqual({ running: 0, waiting: 0 });
	});

	it('frees its slot when the work fails', async () => {
		const gate = new HashGate({ slots: 1, queue: 0 });
		await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(gate.run(async () => 'ok')).resolves.toBe('ok');
	});
});
