/** Prints benchmark figures as an aligned table, straight to stdout (jest's console would decorate them). */
export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
	const columns = Object.keys(rows[0] ?? {});
	const width = (column: string) => Math.max(column.length, ...rows.map((row) => String(row[column]).length));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(width(columns[i]))).join('  ');
	process.stdout.write(`\n${title}\n${line(columns)}\n${rows.map((row) => line(columns.map((c) => String(row[c])))).join('\n')}\n`);
}

export function percentile(sortedMs: number[], p: number): number {
	if (sortedMs.length === 0) return NaN;
	const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
	return sortedMs[Math.max(0, index)];
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
