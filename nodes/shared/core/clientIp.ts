/**
 * The caller's IP address, as far as it can be trusted. A webhook sees the caller only through X-Forwarded-For, where
 * every proxy appends the address it received the request from: the entries on the right were written by the
 * builder's own proxies, everything further left by the caller, who can write anything there.
 */
import { isIP } from 'node:net';

/** Longest header read; a real chain of proxies is far shorter. */
const MAX_HEADER_LENGTH = 2_048;

/**
 * The address `trustedHops` entries from the right of X-Forwarded-For: with one reverse proxy (the usual set-up, and the
 * default) the last entry, which that proxy wrote. Undefined when there is no trustworthy address: no header, fewer
 * entries than hops, a malformed entry, or `trustedHops` 0 (n8n faces the internet directly).
 */
export function clientIpFrom(forwardedFor: unknown, trustedHops: number): string | undefined {
	if (!Number.isInteger(trustedHops) || trustedHops < 1) return undefined;
	const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
	if (typeof header !== 'string' || header.length === 0 || header.length > MAX_HEADER_LENGTH) return undefined;
	const entries = header.split(',').map((entry) => entry.trim());
	if (entries.length < trustedHops) return undefined;
	return normaliseIp(entries[entries.length - trustedHops]);
}

/** An address without port or brackets, IPv6 in lower case; undefined when it is not an IP address. */
export function normaliseIp(entry: string): string | undefined {
	let address = entry.trim();
	const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
	if (bracketed) address = bracketed[1];
	else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
	address = address.toLowerCase();
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
	if (mapped) address = mapped[1];
	return isIP(address) ? address : undefined;
}

/**
 * What a per-IP limit counts under: an IPv4 address as is, an IPv6 address by its /64, since one subscriber usually
 * holds a whole /64 and could otherwise change address at every request.
 */
export function ipLimitKey(ip: string): string {
	if (isIP(ip) !== 6) return ip;
	return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
	const [head, tail = ''] = ip.split('::');
	const left = head ? head.split(':') : [];
	const right = ip.includes('::') && tail ? tail.split(':') : [];
	const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
	return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}
