/** Reading Twilio request parameters: form fields, always strings on the wire. */
import * as net from 'node:net';

import { twilioErrors } from './errors';

/** 8-64 characters of dash-separated letters and digits (Twilio's rule for an Entity identity). */
const IDENTITY_PATTERN = /^(?=.{8,64}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/** An Entity identity, from a form field or a path; a malformed one answers 60306. */
export function readIdentity(identity: string): string {
	if (!IDENTITY_PATTERN.test(identity)) throw twilioErrors.invalidRequest('Identity');
	return identity;
}

/** Parameters named as Twilio's form fields, given directly (no HTTP); other values are stringified as a form would. */
export type TwilioParams = Record<string, string | number | boolean | object | null | undefined>;

/**
 * Typed reader over Twilio request parameters. Reading a parameter validates
 * it and throws the TwilioError real Twilio would answer for a bad value.
 * Accepts URLSearchParams (HTTP) or a plain object (direct helpers).
 */
export class RequestParams {
	private readonly values = new Map<string, string>();

	constructor(source?: URLSearchParams | TwilioParams) {
		if (source instanceof URLSearchParams) {
			for (const [name, value] of source) this.values.set(name, value);
			return;
		}
		for (const [name, value] of Object.entries(source || {})) {
			if (value === undefined || value === null) continue;
			this.values.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
		}
	}

	has(name: string): boolean {
		return this.values.has(name);
	}

	string(name: string): string | undefined {
		return this.values.get(name);
	}

	requiredString(name: string): string {
		const value = this.values.get(name);
		if (value === undefined || value === '') throw twilioErrors.missingParameter(name);
		return value;
	}

	boolean(name: string): boolean | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		const lower = value.toLowerCase();
		if (lower === 'true') return true;
		if (lower === 'false') return false;
		throw twilioErrors.invalidParameter(name);
	}

	integer(name: string, { min = -Infinity, max = Infinity }: { min?: number; max?: number } = {}): number | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!/^-?\d+$/.test(value.trim())) throw twilioErrors.invalidParameter(name);
		const number = Number(value);
		if (number < min || number > max) throw twilioErrors.invalidParameter(name);
		return number;
	}

	sid(name: string, prefix: string): string | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value)) throw twilioErrors.invalidParameter(name);
		return value;
	}

	oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (!(allowed as readonly string[]).includes(value)) throw twilioErrors.invalidParameter(name);
		return value as T;
	}

	/** A parameter carrying a JSON object (RateLimits, ChannelConfiguration, Tags, ...). */
	jsonObject(name: string): Record<string, unknown> | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch {
			throw twilioErrors.invalidParameter(name);
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw twilioErrors.invalidParameter(name);
		}
		return parsed as Record<string, unknown>;
	}

	ipAddress(name: string): string | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		if (net.isIP(value) === 0) throw twilioErrors.invalidParameter(name);
		return value;
	}

	/** Comma-separated list, e.g. Passkeys.RelyingParty.Origins. */
	list(name: string): string[] | undefined {
		const value = this.string(name);
		if (value === undefined) return undefined;
		return value
			.split(',')
			.map((item) => item.trim())
			.filter(Boolean);
	}
}
