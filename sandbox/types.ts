/** The sandbox's public shapes: what startSandbox takes and hands back. */
import type { Faults } from './faults';
import type { ServiceResource } from './render';
import type { ServiceParams } from './serviceSettings';
import type { VerifyState } from './state';

/** A service to create directly (no HTTP). FriendlyName defaults to 'Sandbox Service'. */
export type ServiceSeed = ServiceParams & {
	/** Fixed SID (VA + 32 hex), e.g. for a demo configuration. Random when omitted. */
	sid?: string;
	/** Owning account; the sandbox's first account when omitted. */
	accountSid?: string;
};

export interface SandboxOptions {
	/** 0 or omitted: a random free port. */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** AccountSid -> AuthToken. Default: { ACaaaa…(32 a): 'sandbox-auth-token' }. The first entry is `sandbox.accountSid`. */
	accounts?: Record<string, string>;
	/** API key SID (SK…) -> its secret and the account it belongs to. */
	apiKeys?: Record<string, { secret: string; accountSid: string }>;
	/** Print every code "sent": `[verify-sandbox] code 123456 for +15551234567 via sms (service VA…)`. Default false. */
	logCodes?: boolean;
	/** Where log lines go. Default: stdout, one line each. */
	logger?: (line: string) => void;
	/** Injectable clock (ms since epoch). Default Date.now. `advanceTime` adds to it. */
	now?: () => number;
	/** Faults active from the start. */
	faults?: Faults;
	/** Services created at start and re-created after every reset(). */
	services?: ServiceSeed[];
}

export interface RequestLogEntry {
	method: string;
	/** URL path without the query string, e.g. /v2/Services/VA…/Verifications */
	path: string;
	/** HTTP status answered; 0 when the request was dropped or left hanging by a fault. */
	status: number;
}

export interface Sandbox {
	/** e.g. http://127.0.0.1:39123 — use as the Verify base URL instead of https://verify.twilio.com */
	url: string;
	port: number;
	/** The first configured account. */
	accountSid: string;
	authToken: string;
	/** The engine behind the HTTP API, for direct inspection. */
	state: VerifyState;
	/** Every API request answered (or dropped) since start/reset; control routes excluded. Live array. */
	requests: RequestLogEntry[];
	close(): Promise<void>;
	/** Forgets all resources, faults, the request log and the clock offset; re-creates `options.services`. */
	reset(): void;
	/** Replaces the active faults (pass {} to clear). */
	setFaults(faults: Faults): void;
	getFaults(): Faults;
	/** Moves the sandbox clock forward, e.g. past the 10-minute expiry. */
	advanceTime(ms: number): void;
	/** Code of the latest verification sent to `to` (any status), optionally within one service. */
	lastCode(to: string, serviceSid?: string): string | undefined;
	/** The code an authenticator app shows now (sandbox clock) for a TOTP factor (YF…), or undefined for an unknown one. */
	totpCode(factorSid: string): string | undefined;
	/** Creates a service without HTTP and returns it as the API would render it. */
	createService(params?: ServiceSeed): ServiceResource;
}
