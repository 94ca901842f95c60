/** Starts the sample backend (real n8n + packed package + workflows + sandbox) once per test file, and an HTTP client. */
import type { Sandbox } from '../../sandbox';

interface Backend {
	webhookUrl: string;
	demoUrl: string;
	sandbox: Sandbox;
	n8n: { logs(): string; logFile: string };
	userFolder: string;
	stop(): Promise<void>;
}

// Plain-JS launcher shared with `npm run demo`.
const { startBackend } = require('../../scripts/backend') as {
	startBackend(options: { build?: boolean; log?: (line: string) => void; extraWorkflows?: Record<string, object> }): Promise<Backend>;
};

/** Installing n8n the first time takes minutes; later starts take about half a minute. */
export const BACKEND_START_TIMEOUT = 15 * 60 * 1000;

export async function startSampleBackend(extraWorkflows?: Record<string, object>): Promise<Backend> {
	// `npm test` builds dist/ in its pretest step; pack what was built.
	return await startBackend({ build: false, log: () => undefined, extraWorkflows });
}

export interface Answer {
	status: number;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function client(webhookUrl: string) {
	return async function call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
		const headers: Record<string, string> = {};
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (token) headers.authorization = `Bearer ${token}`;
		const response = await fetch(`${webhookUrl}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON (e.g. the demo page): keep the text
		}
		return { status: response.status, body: parsed };
	};
}
