/**
 * The sandbox's RFC 6238 codes (Appendix B test vectors), and the TOTP flow over HTTP: a factor verified by its
 * first right code, challenges approved by a right code and left pending by a wrong one.
 */
import { base32Decode, base32Encode, otpauthUri, totpCode, totpMatches, type TotpAlgorithm } from '../../sandbox';
import { api, control, createService, expectTwilioError, sandbox, useSandbox, wrongCodeFor } from '../support/sandboxClient';

/** The RFC's ASCII seeds: 20, 32 and 64 bytes for SHA1, SHA256 and SHA512. */
const SEEDS: Record<TotpAlgorithm, string> = {
	sha1: '12345678901234567890',
	sha256: '12345678901234567890123456789012',
	sha512: '1234567890123456789012345678901234567890123456789012345678901234',
};

/** RFC 6238 Appendix B: [time in seconds, SHA1, SHA256, SHA512], 8 digits, 30-second steps. */
const VECTORS: Array<[number, string, string, string]> = [
	[59, '94287082', '46119246', '90693936'],
	[1111111109, '07081804', '68084774', '25091201'],
	[1111111111, '14050471', '67062674', '99943326'],
	[1234567890, '89005924', '91819424', '93441116'],
	[2000000000, '69279037', '90698825', '38618901'],
	[20000000000, '65353130', '77737706', '47863826'],
];

describe('RFC 6238 codes', () => {
	const cases = VECTORS.flatMap(([seconds, sha1, sha256, sha512]) =>
		(
			[
				['sha1', sha1],
				['sha256', sha256],
				['sha512', sha512],
			] as Array<[TotpAlgorithm, string]>
		).map(([alg, expected]) => [alg, seconds, expected] as const),
	);

	it.each(cases)('%s at T=%i s is %s', (alg, seconds, expected) => {
		const secret = base32Encode(Buffer.from(SEEDS[alg], 'ascii'));
		expect(totpCode(secret, seconds * 1000, { alg, digits: 8, step: 30 })).toBe(expected);
	});

	it('round-trips base32 and ignores case, spaces and padding', () => {
		const bytes = Buffer.from(SEEDS.sha1, 'ascii');
		const encoded = base32Encode(bytes);
		expect(encoded).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
		expect(base32Decode(encoded.toLowerCase().replace(/(.{4})/g, '$1 ') + '====')).toEqual(bytes);
		expect(() => base32Decode('ABC1')).toThrow(RangeError);
	});

	it('accepts the codes of one step before and after with skew 1, not two steps away, and none with skew 0', () => {
		const secret = base32Encode(Buffer.from(SEEDS.sha1, 'ascii'));
		const now = 1_700_000_000_000;
		const at = (offsetSteps: number) => totpCode(secret, now + offsetSteps * 30_000);
		expect([-1, 0, 1].map((offset) => totpMatches(secret, at(offset), now))).toEqual([true, true, true]);
		expect([-2, 2].map((offset) => totpMatches(secret, at(offset), now))).toEqual([false, false]);
		expect(totpMatches(secret, at(1), now, { skew: 0 })).toBe(false);
		expect(totpMatches(secret, '12345', now)).toBe(false);
		expect(totpMatches(secret, 'abcdef', now)).toBe(false);
	});

	it('builds the otpauth URI apps scan', () => {
		expect(otpauthUri({ issuer: 'Acme Inc', account: 'Ann’s phone', secret: 'ABC' }, { alg: 'sha256', digits: 8, step: 60 })).toBe(
			'otpauth://totp/Acme%20Inc:Ann%E2%80%99s%20phone?secret=ABC&issuer=Acme%20Inc&algorithm=SHA256&digits=8&period=60',
		);
	});
});

useSandbox();

const IDENTITY = 'member-0001-abcd';

describe('TOTP flow over HTTP', () => {
	it('create -> wrong code keeps unverified -> right code verifies -> challenges -> delete -> 404', async () => {
		const service = await createService({ FriendlyName: 'Acme' });
		const entityPath = `/v2/Services/${service.sid}/Entities/${IDENTITY}`;

		const created = await api('POST', `${entityPath}/Factors`, { FriendlyName: 'Ann phone', FactorType: 'totp' });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ status: 'unverified', factor_type: 'totp', identity: IDENTITY });
		const { secret, uri } = created.body.binding;
		expect(secret).toMatch(/^[A-Z2-7]{32}$/);
		expect(uri).toBe(`otpauth://totp/Acme:Ann%20phone?secret=${secret}&issuer=Acme&algorithm=SHA1&digits=6&period=30`);
		const factorPath = `${entityPath}/Factors/${created.body.sid}`;

		// The app's code, computed from the secret like an authenticator app would, agrees with the control route.
		const appCode = totpCode(secret, sandbox.state.currentTime());
		const fromControl = await control('GET', `/__sandbox/totp-codes?factor_sid=${created.body.sid}`);
		expect(fromControl.body).toMatchObject({ code: appCode, factor_sid: created.body.sid, status: 'unverified' });
		expect(sandbox.totpCode(created.body.sid)).toBe(appCode);

		const wrong = await api('POST', factorPath, { AuthPayload: wrongCodeFor(appCode) });
		expect(wrong.status).toBe(200);
		expect(wrong.body.status).toBe('unverified');
		expect(wrong.body).not.toHaveProperty('binding');

		const right = await api('POST', factorPath, { AuthPayload: appCode });
		expect(right.body.status).toBe('verified');

		const challenges = `${entityPath}/Challenges`;
		const approved = await api('POST', challenges, { FactorSid: created.body.sid, AuthPayload: appCode });
		expect(approved.status).toBe(201);
		expect(approved.body).toMatchObject({ status: 'approved', factor_type: 'totp', factor_sid: created.body.sid });
		expect(approved.body.date_responded).toEqual(expect.any(String));

		const refused = await api('POST', challenges, { FactorSid: created.body.sid, AuthPayload: wrongCodeFor(appCode) });
		expect(refused.status).toBe(201);
		expect(refused.body).toMatchObject({ status: 'pending', date_responded: null });

		expect((await api('DELETE', factorPath)).status).toBe(204);
		expectTwilioError(await api('GET', factorPath), 404, 20404);
		expectTwilioError(await api('POST', challenges, { FactorSid: created.body.sid, AuthPayload: appCode }), 404, 20404);
	});

	it('follows the sandbox clock: a code from two steps ago no longer verifies', async () => {
		const service = await createService();
		const created = await api('POST', `/v2/Services/${service.sid}/Entities/${IDENTITY}/Factors`, {
			FriendlyName: 'phone',
			FactorType: 'totp',
		});
		const oldCode = sandbox.totpCode(created.body.sid) as string;
		sandbox.advanceTime(65_000);
		const factorPath = `/v2/Services/${service.sid}/Entities/${IDENTITY}/Factors/${created.body.sid}`;
		expect(sandbox.totpCode(created.body.sid)).not.toBe(oldCode);
		expect((await api('POST', factorPath, { AuthPayload: oldCode })).body.status).toBe('unverified');
		expect((await api('POST', factorPath, { AuthPayload: sandbox.totpCode(created.body.sid) as string })).body.status).toBe('verified');
	});
});
