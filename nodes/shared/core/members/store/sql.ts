/**
 * The small SQL surface both backends offer. Queries are written once, in the subset of SQL that SQLite and PostgreSQL
 * share (upserts, RETURNING), with `$1` placeholders; values are always bound, never spliced into the text.
 */

export type SqlValue = string | number | Date | null;
export type Row = Record<string, unknown>;

export interface SqlRunner {
	/** Rows of a SELECT, or of a statement with RETURNING. */
	query(sql: string, params?: SqlValue[]): Promise<Row[]>;
	/** Runs a statement and says how many rows it changed. */
	execute(sql: string, params?: SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlRunner {
	readonly dialect: 'sqlite' | 'postgres';
	/** Commits when `work` resolves, rolls back when it throws. */
	transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** SQLite stores times as ISO-8601 text (sorts like time); PostgreSQL hands back Date objects. */
export function toDate(value: unknown): Date {
	if (value instanceof Date) return value;
	if (typeof value === 'string' || typeof value === 'number') return new Date(value);
	throw new Error(`Expected a time from the member store, got ${typeof value}.`);
}

export function toDateOrNull(value: unknown): Date | null {
	return value === null || value === undefined ? null : toDate(value);
}

export function toStringOrNull(value: unknown): string | null {
	return value === null || value === undefined ? null : String(value);
}

/** How to read one column of a row into a record's field. */
type ColumnReader<V> = (value: unknown) => V;

/**
 * Reads rows into records: each field of the record from the column of the same name in snake_case
 * (`memberId` ← `member_id`), through the reader given for it.
 */
export function rowReader<T>(fields: { [K in keyof T]: ColumnReader<T[K]> }): (row: Row) => T {
	const columns = Object.entries(fields as Record<string, ColumnReader<unknown>>).map(
		([field, read]) => [field, field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), read] as const,
	);
	return (row) => Object.fromEntries(columns.map(([field, column, read]) => [field, read(row[column])])) as T;
}
