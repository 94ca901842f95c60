/**
 * Runs the Verify sandbox as a standalone process, for manual testing and for anything driving n8n in another
 * process. `npm run sandbox -- [options]` runs it through scripts/lib/sandbox.js, which bundles this file.
 *
 * Every code "sent" is printed as:
 *   [verify-sandbox] code 123456 for +15551234567 via sms (service VA...)
 */
import { inspect } from 'node:util';

import { DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, startSandbox, type Sandbox } from './index';

const DEFAULT_PORT = 3999;
/** Fixed so a demo can be configured once; override with SANDBOX_SERVICE_SID. */
const DEFAULT_SERVICE_SID = 'VA' + 'a'.repeat(32);
const DEFAULT_SERVICE_NAME = 'Sandbox Verify';

const USAGE = `Usage: npm run sandbox -- [options]

Options:
  --port <n>       port to listen on (default: $SANDBOX_PORT or ${DEFAULT_PORT}; 0 = random)
  --host <addr>    address to bind (default: 127.0.0.1)
  --latency <ms>   delay every API answer by this many milliseconds
  --no-service     do not seed a Verify service at start
  --help           show this help

Environment:
  SANDBOX_PORT, SANDBOX_ACCOUNT_SID, SANDBOX_AUTH_TOKEN, SANDBOX_SERVICE_SID`;

/** Output goes straight to stdout (the package's lint forbids console). */
function print(line: string): void {
	process.stdout.write(`${line}\n`);
}

interface CliArguments {
	port?: number;
	host?: string;
	latencyMs?: number;
	seedService: boolean;
	help?: boolean;
}

function parseArguments(argv: string[]): CliArguments {
	const options: CliArguments = { seedService: true };
	for (let i = 0; i < argv.length; i += 1) {
		const argument = argv[i];
		const [flag, inlineValue] = argument.split(/=(.*)/s);
		const takeValue = (): string | undefined => (inlineValue !== undefined ? inlineValue : argv[++i]);
		switch (flag) {
			case '--port':
				options.port = toNumber(flag, takeValue());
				break;
			case '--host':
				options.host = takeValue();
				break;
			case '--latency':
				options.latencyMs = toNumber(flag, takeValue());
				break;
			case '--no-service':
				options.seedService = false;
				break;
			case '--help':
			case '-h':
				options.help = true;
				break;
			default:
				throw new Error(`Unknown option ${argument}\n\n${USAGE}`);
		}
	}
	return options;
}

function toNumber(flag: string, value: string | undefined): number {
	const number = Number(value);
	if (value === undefined || value === '' || !Number.isInteger(number) || number < 0) {
		throw new Error(`${flag} expects a non-negative integer, got ${value}`);
	}
	return number;
}

async function main(argv: string[]): Promise<void> {
	const args = parseArguments(argv);
	if (args.help) {
		print(USAGE);
		return;
	}

	const env = process.env;
	const accountSid = env.SANDBOX_ACCOUNT_SID || DEFAULT_ACCOUNT_SID;
	const authToken = env.SANDBOX_AUTH_TOKEN || DEFAULT_AUTH_TOKEN;
	const port =
		args.port !== undefined ? args.port : env.SANDBOX_PORT ? toNumber('SANDBOX_PORT', env.SANDBOX_PORT) : DEFAULT_PORT;
	const serviceSid = env.SANDBOX_SERVICE_SID || DEFAULT_SERVICE_SID;

	const shutdown = installShutdown();
	const sandbox = await startSandbox({
		port,
		host: args.host,
		accounts: { [accountSid]: authToken },
		logCodes: true,
		faults: args.latencyMs ? { latencyMs: args.latencyMs } : undefined,
		services: args.seedService ? [{ sid: serviceSid, FriendlyName: DEFAULT_SERVICE_NAME }] : [],
	});

	const lines = [
		`Twilio Verify v2 sandbox listening on ${sandbox.url}`,
		`account SID  ${sandbox.accountSid}`,
		`auth token   ${sandbox.authToken}`,
		args.seedService ? `service SID  ${serviceSid} (${DEFAULT_SERVICE_NAME})` : 'no service seeded',
		args.latencyMs ? `latency      ${args.latencyMs} ms per API request` : undefined,
		`latest code  GET ${sandbox.url}/__sandbox/codes?to=%2B15551234567`,
		`app code     GET ${sandbox.url}/__sandbox/totp-codes?factor_sid=YF…`,
		`controls     POST /__sandbox/faults | /__sandbox/advance | /__sandbox/reset`,
	];
	for (const line of lines.filter(Boolean)) print(`[verify-sandbox] ${line}`);

	shutdown.attach(sandbox);
}

/**
 * Close the server on SIGINT/SIGTERM; a second signal exits at once. Installed
 * before the server starts so an early signal is not lost (background processes
 * may inherit an ignored SIGINT until a handler exists).
 */
function installShutdown(): { attach(startedSandbox: Sandbox): void } {
	let sandbox: Sandbox | undefined;
	let closing = false;
	const shutdown = (signal: string): void => {
		if (closing || !sandbox) process.exit(closing ? 1 : 0);
		closing = true;
		print(`[verify-sandbox] ${signal} received, shutting down`);
		sandbox.close().then(
			() => process.exit(0),
			(error: unknown) => {
				process.stderr.write(`${inspect(error)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	return {
		attach(startedSandbox) {
			sandbox = startedSandbox;
		},
	};
}

/** Runs the CLI with these arguments (without `node` and the script); exits the process on a startup error. */
export function runCli(argv: string[]): void {
	main(argv).catch((error: unknown) => {
		process.stderr.write(`[verify-sandbox] ${(error as Error).message}\n`);
		process.exit(1);
	});
}
