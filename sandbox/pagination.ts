/** List pages with Twilio's `meta` block; the SDKs follow next_page_url. */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './constants';

function readPageSize(query: URLSearchParams): number {
	const requested = Number.parseInt(query.get('PageSize') || '', 10);
	if (!Number.isFinite(requested) || requested < 1) return DEFAULT_PAGE_SIZE;
	return Math.min(requested, MAX_PAGE_SIZE);
}

function readPageNumber(query: URLSearchParams): number {
	const requested = Number.parseInt(query.get('Page') || '', 10);
	return Number.isFinite(requested) && requested >= 0 ? requested : 0;
}

/**
 * Page tokens work like Twilio's: `PA<sid>` starts after that record, `PB<sid>`
 * ends before it. They survive deletions better than plain offsets; without a
 * token (or with a stale one) the page number gives the offset.
 */
function resolvePageStart(
	items: ReadonlyArray<{ sid: string }>,
	token: string | undefined,
	pageNumber: number,
	pageSize: number,
): number {
	const offsetStart = pageNumber * pageSize;
	if (!token || token.length < 3) return offsetStart;
	const anchor = items.findIndex((item) => item.sid === token.slice(2));
	if (anchor === -1) return offsetStart;
	if (token.startsWith('PA')) return anchor + 1;
	if (token.startsWith('PB')) return Math.max(0, anchor - pageSize);
	return offsetStart;
}

export interface PageOptions<T> {
	/** The sandbox's base URL, for absolute page URLs. */
	baseUrl: string;
	/** The list's path, e.g. /v2/Services. */
	path: string;
	/** Name of the records' array in the page, e.g. `services`; also `meta.key`. */
	key: string;
	render: (record: T) => unknown;
	/** Filters of the list (e.g. Status=converted), repeated in every page URL so later pages stay filtered. */
	filters?: string[];
}

export function paginate<T extends { sid: string }>(
	records: readonly T[],
	query: URLSearchParams,
	{ baseUrl, path, key, render, filters = [] }: PageOptions<T>,
): Record<string, unknown> {
	const pageSize = readPageSize(query);
	const pageNumber = readPageNumber(query);
	const token = query.get('PageToken') || undefined;
	const start = resolvePageStart(records, token, pageNumber, pageSize);
	const pageRecords = records.slice(start, start + pageSize);

	const pageUrl = (page: number, pageToken?: string): string => {
		const search = new URLSearchParams();
		for (const name of filters) for (const value of query.getAll(name)) search.append(name, value);
		search.set('PageSize', String(pageSize));
		search.set('Page', String(page));
		if (pageToken) search.set('PageToken', pageToken);
		return `${baseUrl}${path}?${search}`;
	};
	const hasNext = start + pageSize < records.length;
	const hasPrevious = start > 0 && pageNumber > 0;
	const firstOnPage = pageRecords[0];
	const lastOnPage = pageRecords[pageRecords.length - 1];

	return {
		[key]: pageRecords.map(render),
		meta: {
			page: pageNumber,
			page_size: pageSize,
			first_page_url: pageUrl(0),
			previous_page_url: hasPrevious ? pageUrl(pageNumber - 1, firstOnPage ? `PB${firstOnPage.sid}` : undefined) : null,
			url: pageUrl(pageNumber, token),
			next_page_url: hasNext ? pageUrl(pageNumber + 1, `PA${lastOnPage.sid}`) : null,
			key,
		},
	};
}
