/**
 * Twilio resources as plain JSON for node output. The SDK's toJSON gives top-level fields in camelCase but leaves
 * nested objects as Twilio sent them (`totp.time_step`); every key is camelCase here, so outputs read one way.
 */

/** A Twilio resource as plain JSON, camelCase field names throughout. */
export type PlainResource = Record<string, string | number | boolean | object | null | undefined>;

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

function camelizeKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(camelizeKeys);
	if (value === null || typeof value !== 'object' || value instanceof Date) return value;
	return Object.fromEntries(Object.entries(value).map(([key, child]) => [camel(key), camelizeKeys(child)]));
}

/** Plain JSON of an SDK resource instance (its toJSON drops the client back-references). */
export function plain<T extends { toJSON(): object }>(instance: T): PlainResource {
	return camelizeKeys(instance.toJSON()) as PlainResource;
}
