import type { IDataObject } from 'n8n-workflow';

import { CheckVerification } from '../../nodes/CheckVerification/CheckVerification.node';
import { SendVerification } from '../../nodes/SendVerification/SendVerification.node';
import { runNode } from '../support/n8nEngine';
import { byId, expectNoSecrets, jsonOf, sandboxWithService, verifyCredentials, type Sandbox } from '../support/nodeHelpers';
import { expectOutcomes, oddItems, oddValues } from '../support/oddInputs';

const PHONE = '+14155552671';
let sandbox: Sandbox;
let serviceSid: string;

beforeEach(async () => {
	({ sandbox, serviceSid } = await sandboxWithService());
});
afterEach(() => sandbox.close());

async function sendCode(to = PHONE) {
	const { outputs } = await runNode({
		nodeType: new SendVerification(),
		parameters: { operation: 'send', serviceSid: byId(serviceSid), recipientType: 'phone', phone: to } as never,
		credentials: verifyCredentials(sandbox),
	});
	return jsonOf(outputs[0])[0];
}

function check(parameters: Record<string, unknown>, items?: IDataObject[], credentials = verifyCredentials(sandbox)) {
	return runNode({
		nodeType: new CheckVerification(),
		parameters: { serviceSid: byId(serviceSid), checkBy: 'recipient', recipientType: 'phone', phone: PHONE, ...parameters } as never,
		items,
		credentials,
	});
}

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('Check Verification', () => {
	it('routes a right code to Approved and the same code again to Not Approved as EXPIRED', async () => {
		await sendCode();
		const code = sandbox.lastCode(PHONE)!;
		const approved = await check({ code });
		expect(approved.outputs[1]).toHaveLength(0);
		expect(jsonOf(approved.outputs[0])[0]).toMatchObject({ ok: true, approved: true, status: 'approved', to: PHONE, toMasked: '+1 ••• ••• 2671' });
		expectNoSecrets(approved.outputs, [code]);

		const reused = await check({ code });
		expect(reused.outputs[0]).toHaveLength(0);
		expect(jsonOf(reused.outputs[1])[0]).toMatchObject({ ok: false, approved: false, error: { code: 'EXPIRED', httpStatus: 410 } });
	});

	it('routes a wrong code to Not Approved as INVALID_CODE, then TOO_MANY_ATTEMPTS after five', async () => {
		await sendCode();
		const code = wrongCode(sandbox.lastCode(PHONE)!);
		for (let attempt = 1; attempt <= 5; attempt++) {
			const { outputs } = await check({ code });
			expect(jsonOf(outputs[1])[0]).toMatchObject({ ok: false, error: { code: 'INVALID_CODE', httpStatus: 401 } });
		}
		const { outputs } = await check({ code: sandbox.lastCode(PHONE)! });
		expect(jsonOf(outputs[1])[0]).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', httpStatus: 429 } });
	});

	it('reports a code checked after the 10-minute expiry as EXPIRED', async () => {
		await sendCode();
		const code = sandbox.lastCode(PHONE)!;
		sandbox.advanceTime(10 * 60 * 1000 + 1000);
		const { outputs } = await check({ code });
		expect(jsonOf(outputs[1])[0]).toMatchObject({ error: { code: 'EXPIRED', httpStatus: 410 } });
	});

	it('reports a check with no verification at all as EXPIRED', async () => {
		const { outputs } = await check({ code: '123456' });
		expect(jsonOf(outputs[1])[0]).toMatchObject({ error: { code: 'EXPIRED' } });
	});

	it('checks by verification SID', async () => {
		const sent = await sendCode();
		const { outputs } = await check({ checkBy: 'verificationSid', verificationSid: sent.sid, code: sandbox.lastCode(PHONE)! });
		expect(jsonOf(outputs[0])[0]).toMatchObject({ approved: true, sid: sent.sid });
	});

	it('sends invalid phones and malformed codes to Not Approved without calling Twilio', async () => {
		const before = sandbox.requests.length;
		const { outputs } = await check({ phone: '={{ $json.phone }}', code: '={{ $json.code }}' }, [
			{ phone: 'nope', code: '123456' },
			{ phone: PHONE, code: "1' OR 1=1" },
			{ phone: PHONE, code: '9'.repeat(500) },
		]);
		expect(outputs[0]).toHaveLength(0);
		expect(jsonOf(outputs[1]).map((item) => (item.error as { code: string }).code)).toEqual(['INVALID_PHONE', 'INVALID_CODE', 'INVALID_CODE']);
		for (const item of jsonOf(outputs[1])) expect(item).toMatchObject({ ok: false, approved: false });
		expect(outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sandbox.requests.length).toBe(before);
	});

	it('splits a mixed batch between the two outputs, keeping pairedItem', async () => {
		await sendCode('+14155552671');
		await sendCode('+14155552672');
		const { outputs } = await check({ phone: '={{ $json.phone }}', code: '={{ $json.code }}' }, [
			{ phone: '+14155552671', code: sandbox.lastCode('+14155552671') },
			{ phone: '+14155552672', code: wrongCode(sandbox.lastCode('+14155552672')!) },
		]);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});

	it('checks test numbers against their fixed code without calling Twilio', async () => {
		const credentials = verifyCredentials(sandbox, { enableTestNumbers: true, testNumbers: `${PHONE}=424242`, allowAnyTestNumber: true });
		const before = sandbox.requests.length;
		const right = await check({ code: '424242' }, undefined, credentials);
		expect(jsonOf(right.outputs[0])[0]).toMatchObject({ approved: true, testNumber: true });
		const wrong = await check({ code: '111111' }, undefined, credentials);
		expect(jsonOf(wrong.outputs[1])[0]).toMatchObject({ approved: false, testNumber: true, error: { code: 'INVALID_CODE' } });
		expect(sandbox.requests.length).toBe(before);
	});

	it('throws on bad credentials, and continues on fail with the error on the first output', async () => {
		const credentials = verifyCredentials(sandbox, { authToken: 'wrong' });
		const stopped = await check({ code: '123456' }, undefined, credentials);
		expect(stopped.error?.message).toBe('Twilio rejected the credentials');

		const continued = await runNode({
			nodeType: new CheckVerification(),
			parameters: { serviceSid: byId(serviceSid), checkBy: 'recipient', phone: PHONE, code: '123456' } as never,
			credentials,
			continueOnFail: true,
		});
		expect(jsonOf(continued.outputs[0])[0]).toEqual({ error: 'Twilio rejected the credentials' });
		expect(continued.outputs[0][0].pairedItem).toEqual({ item: 0 });
	});

	it('retries a 503 during the check', async () => {
		await sendCode();
		sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		const { outputs } = await check({ code: sandbox.lastCode(PHONE)! });
		expect(jsonOf(outputs[0])[0]).toMatchObject({ approved: true });
	});
});

describe('Check Verification: every input shape goes to Not Approved, never a crash', () => {
	const invalidPhone = { code: 'INVALID_PHONE', httpStatus: 400 };
	const invalidInput = { code: 'INVALID_INPUT', httpStatus: 400 };

	function expectNotApproved(run: Awaited<ReturnType<typeof check>>, values: Record<string, unknown>, error: { code: string; httpStatus: number }) {
		expect(run.error).toBeUndefined();
		expect(run.outputs[0]).toHaveLength(0);
		expectOutcomes(run.outputs[1], values, error);
		for (const item of jsonOf(run.outputs[1])) expect(item.approved).toBe(false);
		expect(sandbox.requests).toHaveLength(0);
	}

	it('phone', async () => {
		const phones = oddValues(PHONE, { bidi: `${PHONE}\u202E`, loneSurrogate: '\uD800' });
		expectNotApproved(await check({ phone: '={{ $json.phone }}', code: '123456' }, oddItems('phone', phones)), phones, invalidPhone);
	});

	it('country (this was the 500)', async () => {
		const countries = oddValues('US', { fullwidth: '\uFF35\uFF33', unknown: 'ZZZ' });
		const run = await check({ phone: '4155552671', country: '={{ $json.country }}', code: '123456' }, oddItems('country', countries));
		expectNotApproved(run, countries, invalidPhone);
	});

	it('email', async () => {
		const emails = oddValues('alice@example.com', { bidi: 'a\u202E@example.com' });
		const run = await check({ recipientType: 'email', email: '={{ $json.email }}', code: '123456' }, oddItems('email', emails));
		expectNotApproved(run, emails, invalidInput);
	});

	it('"Send To"', async () => {
		const types = oddValues('email', { fax: 'fax' }, { nullMeansDefault: true });
		const run = await check(
			{ recipientType: '={{ $json.recipientType }}', email: 'alice@example.com', code: '123456' },
			oddItems('recipientType', types),
		);
		expectNotApproved(run, types, invalidInput);
	});

	it('code: any malformed code is INVALID_CODE, as a wrong one is', async () => {
		const codes = oddValues('123456', { short: 12, fullwidth: '\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16', nul: '1234\u000056' });
		const run = await check({ code: '={{ $json.code }}' }, oddItems('code', codes));
		expectNotApproved(run, codes, { code: 'INVALID_CODE', httpStatus: 401 });
	});

	it('verification SID', async () => {
		const sid = `VE${'a'.repeat(32)}`;
		const sids = oddValues(sid, { path: `${sid}/../../../Services` });
		const run = await check({ checkBy: 'verificationSid', verificationSid: '={{ $json.sid }}', code: '123456' }, oddItems('sid', sids));
		expectNotApproved(run, sids, invalidInput);
	});
});

describe('Check Verification: no repeated check', () => {
	it('sends a POST VerificationCheck whose connection dropped once, and stops with a service-unavailable NodeApiError', async () => {
		await sendCode();
		const before = sandbox.requests.length;
		sandbox.setFaults({ dropNext: 1 });
		const { outputs, error } = await check({ code: sandbox.lastCode(PHONE)! });
		expect(outputs).toEqual([]);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '504' });
		expect(sandbox.requests.slice(before)).toEqual([{ method: 'POST', path: `/v2/Services/${serviceSid}/VerificationCheck`, status: 0 }]);
	});
});
