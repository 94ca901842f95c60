/// <reference lib="dom" />
/**
 * The demo page's second factors in headless Chromium against the real n8n backend, as a member meets them: set up an
 * authenticator app (the test reads the key the page shows and computes the code a phone would), save the recovery
 * codes, log in with an app code and "remember this device", log in again without a code, log in on another browser
 * with a recovery code, and remove the app. On a 390 × 844 phone as well; screenshots go to test-artifacts/ (with
 * UPDATE_SCREENSHOTS also docs/screenshots/demo-page-authenticator.png, shown in the README).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { totpCode } from '../../sandbox';
import { clickAndRead as click, launchChromium, shownStep } from '../support/browser';
import { BACKEND_START_TIMEOUT, client, startSampleBackend } from '../support/sampleBackend';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const UPDATE_SCREENSHOTS = Boolean(process.env.UPDATE_SCREENSHOTS);
const EMAIL = 'app-member@example.com';
const PASSWORD = 'correct horse battery';
const PHONE = '+14155553101';

let backend: Awaited<ReturnType<typeof startSampleBackend>>;
let browser: Browser;

beforeAll(async () => {
	backend = await startSampleBackend();
	browser = await launchChromium();
	mkdirSync(ARTIFACTS, { recursive: true });
	const call = client(backend.webhookUrl);
	const sent = await call('POST', 'register/send-code', { email: EMAIL, password: PASSWORD, phone: PHONE });
	expect((await call('POST', 'register', { registrationId: sent.body.registrationId, code: backend.sandbox.lastCode(PHONE) })).status).toBe(201);
}, BACKEND_START_TIMEOUT);

afterAll(async () => {
	await browser?.close();
	await backend?.stop();
}, 60_000);

async function openDemo(viewport = { width: 1280, height: 1000 }): Promise<Page> {
	const page = await browser.newPage({ viewport });
	await page.goto(backend.demoUrl);
	await page.waitForFunction(() => document.querySelectorAll('#register-country option').length > 200);
	return page;
}

const submit = (page: Page, section: string, step: string) => click(page, section, `#${section} [data-step=${step}] button[type=submit]`);
const codeLabel = async (page: Page) => (await page.textContent('#login [data-step=code] label[for=login-code] span:not([hidden])'))?.trim();

async function startLogin(page: Page) {
	await page.fill('#login-email', EMAIL);
	await page.fill('#login-password', PASSWORD);
	return submit(page, 'login', 'details');
}

let secret = '';
let recoveryCodes: string[] = [];
const appCode = () => totpCode(secret, Date.now());

test('set up an authenticator app from the account section: QR code, key, first code, recovery codes shown once', async () => {
	const page = await openDemo();
	try {
		expect(await startLogin(page)).toBe('We sent a code to +1 ••• ••• 3101.');
		await page.fill('#login-code', backend.sandbox.lastCode(PHONE)!);
		expect(await submit(page, 'login', 'code')).toBe(`Logged in as ${EMAIL}.`);

		expect(await click(page, 'session', '#session [data-totp]')).toBe('Scan the QR code, then enter the code the app shows.');
		expect(await shownStep(page, 'session')).toBe('totp-setup');
		const qr = await page.evaluate(() => {
			const image = document.querySelector<HTMLImageElement>('#session [data-qr]')!;
			return { src: image.src.slice(0, 26), width: image.naturalWidth, link: document.querySelector<HTMLAnchorElement>('#session [data-otpauth]')!.href };
		});
		expect(qr.src).toBe('data:image/svg+xml;base64,');
		expect(qr.width).toBeGreaterThan(0);
		expect(qr.link).toMatch(/^otpauth:\/\/totp\//);
		secret = (await page.textContent('#session [data-secret]'))!.trim();
		expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
		await page.screenshot({ path: join(ARTIFACTS, 'demo-page-authenticator-setup.png'), fullPage: true });

		await page.fill('#totp-code', appCode() === '000000' ? '111111' : '000000');
		expect(await submit(page, 'session', 'totp-setup')).toMatch(/^The code is not correct/);
		await page.fill('#totp-code', appCode());
		expect(await submit(page, 'session', 'totp-setup')).toBe('Your authenticator app is set up. Save your recovery codes.');
		expect(await shownStep(page, 'session')).toBe('recovery-codes');
		recoveryCodes = (await page.$$eval('#session [data-recovery-codes] li', (items) => items.map((item) => item.textContent!.trim())));
		expect(recoveryCodes).toHaveLength(10);
		await page.click('#session [data-step=recovery-codes] button[type=submit]');
		// Shown once: gone from the page once saved.
		expect(await page.$$eval('#session [data-recovery-codes] li', (items) => items.length)).toBe(0);
		expect(await shownStep(page, 'session')).toBeNull();
		expect(await click(page, 'session', '#session [data-logout]')).toBe('You are logged out.');

		// The next login asks for the app's code and texts nothing; "remember this device" skips it the time after.
		const sends = backend.sandbox.requests.filter((request) => request.path.endsWith('/Verifications')).length;
		expect(await startLogin(page)).toBe('Enter the code your authenticator app shows.');
		expect(await codeLabel(page)).toBe('Code from your authenticator app');
		expect(await page.textContent('#login [data-resend=sms]')).toBe('Text me a code instead');
		expect(backend.sandbox.requests.filter((request) => request.path.endsWith('/Verifications')).length).toBe(sends);
		await page.fill('#login-code', appCode());
		await page.check('#login-remember');
		expect(await submit(page, 'login', 'code')).toBe(`Logged in as ${EMAIL}.`);
		expect(await click(page, 'session', '#session [data-logout]')).toBe('You are logged out.');
		expect(await startLogin(page)).toBe(`Logged in as ${EMAIL} (this device is remembered, no code needed).`);
		expect(await shownStep(page, 'login')).toBe('details');
	} finally {
		await page.close();
	}
}, 90_000);

test('on another browser, a phone-sized one: a recovery code logs in once, then the app is removed', async () => {
	const page = await openDemo({ width: 390, height: 844 });
	try {
		expect(await startLogin(page)).toBe('Enter the code your authenticator app shows.');
		await page.screenshot({ path: join(ARTIFACTS, 'demo-page-authenticator-login.png'), fullPage: true });
		await page.click('#login [data-use-recovery]');
		expect(await codeLabel(page)).toBe('One of your recovery codes');
		expect(await page.getAttribute('#login-code', 'inputmode')).toBe('text');
		await page.fill('#login-code', recoveryCodes[0].toUpperCase());
		expect(await submit(page, 'login', 'code')).toBe(`Logged in as ${EMAIL}. That recovery code is used up.`);

		// The account section shows the app as set up, with nine codes left; removing it asks for the password.
		await page.click('#session [data-totp]');
		await page.waitForSelector('#session [data-step=totp-manage]:not([hidden])');
		expect((await page.textContent('#session .message'))?.trim()).toBe('');
		expect((await page.textContent('#session [data-codes-left]'))?.trim()).toBe('9 recovery codes left.');
		if (UPDATE_SCREENSHOTS) {
			mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
			await page.locator('#session').screenshot({ path: join(ROOT, 'docs', 'screenshots', 'demo-page-authenticator.png') });
		}
		const controls = await page.evaluate(() =>
			Array.from(document.querySelectorAll('#session [data-step=totp-manage] input, #session [data-step=totp-manage] button'))
				.filter((element) => (element as HTMLElement).offsetParent !== null)
				.map((element) => ({ name: element.id || element.textContent, box: element.getBoundingClientRect().toJSON(), font: getComputedStyle(element).fontSize })),
		);
		for (const control of controls) {
			expect({ name: control.name, tall: control.box.height >= 44, inside: control.box.right <= 390, font: control.font }).toEqual({ name: control.name, tall: true, inside: true, font: '16px' });
		}
		await page.fill('#totp-password', 'not my password');
		expect(await submit(page, 'session', 'totp-manage')).toBe('The password is not correct.');
		expect(await page.inputValue('#totp-password')).toBe('');
		await page.fill('#totp-password', PASSWORD);
		expect(await submit(page, 'session', 'totp-manage')).toBe('The authenticator app is removed; logins text a code again. Remembered devices were forgotten.');
		expect(await click(page, 'session', '#session [data-logout]')).toBe('You are logged out.');
		expect(await startLogin(page)).toBe('We sent a code to +1 ••• ••• 3101.');
		expect(await codeLabel(page)).toBe('Code sent to +1 ••• ••• 3101');
		expect(await page.isHidden('#login [data-use-recovery]')).toBe(true);
	} finally {
		await page.close();
	}
}, 90_000);
