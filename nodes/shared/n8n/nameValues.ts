/** A repeatable list of name/value pairs in the editor (tags, rate-limit values), read back as a plain record. */
import type { INodeProperties } from 'n8n-workflow';

interface NameValueCollection {
	displayName: string;
	name: string;
	description: string;
	/** label of one entry, e.g. "Tag" */
	entry: string;
	/** label and name of the entry's key field */
	key: { displayName: string; name: string };
}

export function nameValueCollection({ displayName, name, description, entry, key }: NameValueCollection): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description,
		options: [
			{
				displayName: entry,
				name: 'values',
				values: [
					{ displayName: key.displayName, name: key.name, type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** The pairs with a name, as a record; undefined when there are none. */
export function readNameValues(collection: unknown): Record<string, string> | undefined {
	const values = typeof collection === 'object' && collection !== null && 'values' in collection ? collection.values : undefined;
	if (!Array.isArray(values)) return undefined;
	const entries = values
		.filter((entry): entry is { name: string; value: unknown } => typeof entry?.name === 'string' && entry.name !== '')
		.map((entry) => [entry.name, String(entry.value ?? '')] as const);
	return entries.length ? Object.fromEntries(entries) : undefined;
}
