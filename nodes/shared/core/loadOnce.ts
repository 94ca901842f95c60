/**
 * Bundled libraries are loaded the first time they are needed, not when n8n starts; every caller after that shares
 * the one load.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
	let loaded: Promise<T> | undefined;
	return () => (loaded ??= load());
}
