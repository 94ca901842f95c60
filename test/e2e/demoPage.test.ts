/// <reference lib="dom" />
/**
 * The demo page in headless Chromium (Debian's package, driven by playwright-core): register → who am I → log out,
 * passwordless OTP login, then password + code login, against the real n8n backend. Saves a screenshot. The page is
 * opened with an `?api=` parameter naming another server, which it must ignore: it calls only its own origin.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { BACKEND_START_TIMEOUT, startSampleBackend } from '../support/sampleBackend';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

let backend: Awaited<ReturnType<typeof startSampleBackend>>;
let browser: Browser;
let page: Page;
/** Every request the page made: [resource type, URL]. */
const requested: Array<[string, string]> = [];
/** Where a link would like the page to send passwords and tokens. */
const ELSEWHERE = 'http://127.0.0.1:9/collect';

beforeAll(async () => {
	backend = await startSampleBackend();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		// The machine has no internet: keep Chromium from reaching out at start.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	page.on('request', (request) => requested.push([request.resourceType(), request.url()]));
	await page.goto(`${backend.demoUrl}?api=${encodeURIComponent(ELSEWHERE)}`);
	// The countries dropdown is filled from the countries webhook.
	await page.waitForFunction(() => document.querySelectorAll('#register-country option').length > 200);
}, BACKEND_START_TIMEOUT);

afterAll(async () => {
	await browser?.close();
	await backend?.stop();
}, 60_000);

const code = (phone: string) => backend.sandbox.lastCode(phone)!;

/** Clicks, then returns the section's status message once the request behind the click has answered. */
async function click(section: string, selector: string) {
	const status = `#${section} .message`;
	await page.evaluate((target) => (document.querySelector(target)!.textContent = ''), status);
	await page.click(selector);
	await page.waitForFunction((target) => {
		const text = document.querySelector(target)?.textContent ?? '';
		return text !== '' && text !== 'Working…';
	}, status);
	return (await page.textContent(status))?.trim();
}

async function whoAmI() {
	const message = await click('session', '#session [data-me]');
	return { message, who: (await page.textContent('[data-who]'))?.trim() };
}

const logOut = () => click('session', '#session [data-logout]');

test('register, who am I, log out, OTP login, then password + code login', async () => {
	const started = Date.now();

	// Register with a national number and the country dropdown.
	await page.fill('#register-email', 'browser@example.com');
	await page.fill('#register-password', 'correct horse battery');
	await page.selectOption('#register-country', 'US');
	await page.fill('#register-phone', '(415) 555-3001');
	expect(await click('register', '#register [data-step=details] button[type=submit]')).toBe('We sent a code to +1 ••• ••• 3001.');
	await page.fill('#register-code', code('+14155553001') === '000000' ? '111111' : '000000');
	expect(await click('register', '#register [data-step=code] button[type=submit]')).toBe('The code is not correct. 4 attempts left.');
	await page.fill('#register-code', code('+14155553001'));
	expect(await click('register', '#register [data-step=code] button[type=submit]')).toBe('Welcome, browser@example.com! You are logged in.');

	expect(await whoAmI()).toEqual({ message: 'Your session is valid.', who: 'Logged in as browser@example.com (+1 ••• ••• 3001, active)' });
	expect(await logOut()).toBe('You are logged out.');

	// Passwordless: the first login creates the member.
	await page.selectOption('#otp-country', 'US');
	await page.fill('#otp-phone', '4155553002');
	expect(await click('otp', '#otp [data-step=details] button[type=submit]')).toBe('We sent a code to +1 ••• ••• 3002.');
	await page.fill('#otp-code', code('+14155553002'));
	expect(await click('otp', '#otp [data-step=code] button[type=submit]')).toBe('Welcome! We created your account (14155553002@members.example.com).');
	expect((await whoAmI()).who).toBe('Logged in as 14155553002@members.example.com (+1 ••• ••• 3002, active)');
	expect(await logOut()).toBe('You are logged out.');

	// Password + code: wait out the resend cool-down of the registration's phone first.
	const coolDownLeft = started + 31_000 - Date.now();
	if (coolDownLeft > 0) await page.waitForTimeout(coolDownLeft);
	await page.fill('#login-email', 'browser@example.com');
	await page.fill('#login-password', 'wrong password');
	expect(await click('login', '#login [data-step=details] button[type=submit]')).toBe('The email address or password is not correct.');
	await page.fill('#login-password', 'correct horse battery');
	expect(await click('login', '#login [data-step=details] button[type=submit]')).toBe('We sent a code to +1 ••• ••• 3001.');
	await page.fill('#login-code', code('+14155553001'));
	expect(await click('login', '#login [data-step=code] button[type=submit]')).toBe('Logged in as browser@example.com.');
	expect((await whoAmI()).who).toBe('Logged in as browser@example.com (+1 ••• ••• 3001, active)');

	mkdirSync(ARTIFACTS, { recursive: true });
	await page.screenshot({ path: join(ARTIFACTS, 'demo-page.png'), fullPage: true });

	expect(await logOut()).toBe('You are logged out.');
	expect(await whoAmI()).toEqual({ message: 'The session is not valid. Log in again.', who: 'Not logged in.' });

	// Every call went to the page's own webhooks, whatever ?api= said.
	const calls = requested.filter(([type]) => type === 'fetch').map(([, url]) => url);
	expect(calls.length).toBeGreaterThanOrEqual(12);
	expect(calls.filter((url) => !url.startsWith(backend.webhookUrl))).toEqual([]);
	expect(requested.filter(([, url]) => new URL(url).origin !== new URL(backend.webhookUrl).origin)).toEqual([]);
}, 120_000);
