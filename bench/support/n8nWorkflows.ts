/** What the benchmarks that build their own workflows on a real n8n share: a free port, and the samples' parts. */
import { createServer } from 'node:net';

/** A port nothing listens on now, for a sandbox whose URL a workflow must know before it starts. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** The sample workflows' building blocks (scripts/workflows/parts.js), typed as the benchmarks use them. */
export const parts = require('../../scripts/workflows/parts') as {
	webhook(workflow: string, method: string, path: string, position: number[]): { name: string };
	respond(workflow: string, name: string, code: string | number, body: string, position: number[]): { name: string };
	ourNode(workflow: string, name: string, type: string, parameters: object, credentials: string[], position: number[]): { name: string };
	assemble(name: string, notes: object[], endpoints: object[]): object;
};

export const { SANDBOX_SERVICE_SID } = require('../../scripts/backend') as { SANDBOX_SERVICE_SID: string };
