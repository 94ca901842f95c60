import { clientIpFrom, ipLimitKey, normaliseIp } from '../../nodes/shared/core/clientIp';

describe('the client IP behind trusted proxies', () => {
	it('takes the entry the builder\'s own proxy wrote: the right-most one with one hop', () => {
		expect(clientIpFrom('203.0.113.9', 1)).toBe('203.0.113.9');
		// The caller wrote "1.1.1.1"; the proxy appended the address it really saw.
		expect(clientIpFrom('1.1.1.1, 203.0.113.9', 1)).toBe('203.0.113.9');
		expect(clientIpFrom('1.1.1.1, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
	});

	it('has no trustworthy address without a header, with too few entries, with zero hops or garbage', () => {
		expect(clientIpFrom(undefined, 1)).toBeUndefined();
		expect(clientIpFrom('', 1)).toBeUndefined();
		expect(clientIpFrom('203.0.113.9', 2)).toBeUndefined();
		expect(clientIpFrom('203.0.113.9', 0)).toBeUndefined();
		expect(clientIpFrom('not-an-ip', 1)).toBeUndefined();
		expect(clientIpFrom({ ip: '1.2.3.4' }, 1)).toBeUndefined();
		expect(clientIpFrom('1.2.3.4,'.repeat(1000), 1)).toBeUndefined();
	});

	it('reads ports, brackets, mapped IPv4 and header arrays', () => {
		expect(normaliseIp('203.0.113.9:51234')).toBe('203.0.113.9');
		expect(normaliseIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
		expect(normaliseIp('::ffff:203.0.113.9')).toBe('203.0.113.9');
		expect(clientIpFrom(['1.1.1.1', '203.0.113.9'], 1)).toBe('203.0.113.9');
	});

	it('counts IPv6 callers by their /64 and IPv4 callers by their address', () => {
		expect(ipLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(ipLimitKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
		expect(ipLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(ipLimitKey('203.0.113.9')).toBe('203.0.113.9');
	});
});
