/** The parts every Twilio resource is rendered from: fields in snake_case, dates and URLs (render*.ts use them). */
import { formatTwilioDate } from './values';

/** `serviceSid` → `service_sid`: Twilio's name for a record field. */
type SnakeCase<Name extends string> = Name extends `${infer First}${infer Rest}`
	? `${First extends Lowercase<First> ? First : `_${Lowercase<First>}`}${SnakeCase<Rest>}`
	: Name;

/** Record fields Twilio shows as they are, under their snake_case names, in the order given. */
export function twilioFields<T extends object, Field extends keyof T & string>(
	record: T,
	fields: readonly Field[],
): { [Name in Field as SnakeCase<Name>]: T[Name] } {
	const entries = fields.map((field) => [field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), record[field]]);
	return Object.fromEntries(entries) as { [Name in Field as SnakeCase<Name>]: T[Name] };
}

/** When a record was created and last changed, as every resource shows it. */
export function twilioDates(record: { createdAt: number; updatedAt: number }) {
	return { date_created: formatTwilioDate(record.createdAt), date_updated: formatTwilioDate(record.updatedAt) };
}

/** A resource's URL and its links, each to a sub-resource under that URL (`{ buckets: 'Buckets' }`). */
export function urlAndLinks(url: string, subResources: Record<string, string>) {
	const links = Object.fromEntries(Object.entries(subResources).map(([name, path]) => [name, `${url}/${path}`]));
	return { url, links };
}
