/** A local HTTP server that records the webhook requests it receives, for the event-delivery tests. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	/** path and query, as the request line had them */
	path: string;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
}

export interface EventReceiver {
	/** http://127.0.0.1:<port> */
	url: string;
	received: ReceivedRequest[];
	/** Resolves once `count` requests have arrived (in total), or rejects after `timeoutMs`. */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
	/** What the receiver answers; 204 unless changed. */
	answer: { status: number; delayMs: number };
	close(): Promise<void>;
}

export async function startEventReceiver(): Promise<EventReceiver> {
	const received: ReceivedRequest[] = [];
	const waiters: Array<() => void> = [];
	const answer = { status: 204, delayMs: 0 };
	const answerTimers = new Set<NodeJS.Timeout>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ path: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks) });
			for (const wake of waiters.splice(0)) wake();
			const timer = setTimeout(() => {
				answerTimers.delete(timer);
				res.writeHead(answer.status).end();
			}, answer.delayMs);
			answerTimers.add(timer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		answer,
		async waitFor(count, timeoutMs = 5_000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`expected ${count} webhook requests, got ${received.length}`);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			return received.slice(0, count);
		},
		close() {
			for (const timer of answerTimers) clearTimeout(timer);
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}
