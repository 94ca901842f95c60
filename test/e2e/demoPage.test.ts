/// <reference lib="dom" />
/**
 * The demo page in headless Chromium (Debian's package, driven by playwright-core), against the real n8n backend:
 * register → who am I → log out, passwordless OTP (a wrong code, Start again, then a first login), the phone login of a
 * member with a password sent to the email + password form, password + code login with a cool-down countdown on "Call
 * me instead", the member lifecycle (forgot password, change password and phone, log out everywhere, delete the
 * account) and a locked email. Then the page at phone size (390 × 844): nothing clipped, 16 px text in fields,
 * 44 px touch targets. Screenshots go to test-artifacts/demo-page*.png; with UPDATE_SCREENSHOTS set also to
 * workflows/demo-page/screenshot.png and docs/screenshots/demo-page-phone.png (shown in the README). The page is opened
 * with an `?api=` parameter naming another server, which it must ignore: it calls only its own origin.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { clickAndRead, launchChromium, shownStep as stepOf } from '../support/browser';
import { contrast } from '../support/contrast';
import { BACKEND_START_TIMEOUT, client, startSampleBackend } from '../support/sampleBackend';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const UPDATE_SCREENSHOTS = Boolean(process.env.UPDATE_SCREENSHOTS);

let backend: Awaited<ReturnType<typeof startSampleBackend>>;
let browser: Browser;
let page: Page;
/** Every request the pages made: [resource type, URL]. */
const requested: Array<[string, string]> = [];
/** Where a link would like the page to send passwords and tokens. */
const ELSEWHERE = 'http://127.0.0.1:9/collect';

async function openDemo(target: Page) {
	target.on('request', (request) => requested.push([request.resourceType(), request.url()]));
	await target.goto(`${backend.demoUrl}?api=${encodeURIComponent(ELSEWHERE)}`);
	// The countries dropdown is filled from the countries webhook.
	await target.waitForFunction(() => document.querySelectorAll('#register-country option').length > 200);
}

beforeAll(async () => {
	backend = await startSampleBackend();
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await openDemo(page);
	mkdirSync(ARTIFACTS, { recursive: true });
}, BACKEND_START_TIMEOUT);

afterAll(async () => {
	await browser?.close();
	await backend?.stop();
}, 60_000);

const code = (phone: string) => backend.sandbox.lastCode(phone)!;
const wrongCode = (phone: string) => (code(phone) === '000000' ? '111111' : '000000');

const message = async (section: string) => (await page.textContent(`#${section} .message`))?.trim();
const messageKind = (section: string) => page.getAttribute(`#${section} .message`, 'class');
const shownStep = (section: string) => stepOf(page, section);
const click = (section: string, selector: string) => clickAndRead(page, section, selector);
const submit = (section: string, step: string) => click(section, `#${section} [data-step=${step}] button[type=submit]`);

async function whoAmI() {
	const said = await click('session', '#session [data-me]');
	return { message: said, who: (await page.textContent('[data-who]'))?.trim() };
}

const logOut = () => click('session', '#session [data-logout]');

/** A button's label and whether it is disabled. */
/** Logs in with email, password and the code texted to `phone` (E.164, a US test number), checking each answer. */
async function logInWithCode(email: string, password: string, phone: string) {
	await page.fill('#login-email', email);
	await page.fill('#login-password', password);
	expect(await submit('login', 'details')).toBe(`We sent a code to +1 ••• ••• ${phone.slice(-4)}.`);
	await page.fill('#login-code', code(phone));
	expect(await submit('login', 'code')).toBe(`Logged in as ${email}.`);
}

async function button(selector: string) {
	return { label: (await page.textContent(selector))?.trim(), disabled: await page.isDisabled(selector) };
}

test('register, who am I, log out, OTP login, then password + code login, with the ways back and the waits', async () => {
	// Register with a national number and the country dropdown; a wrong code first.
	await page.fill('#register-email', 'browser@example.com');
	await page.fill('#register-password', 'correct horse battery');
	await page.selectOption('#register-country', 'US');
	await page.fill('#register-phone', '(415) 555-3001');
	expect(await submit('register', 'details')).toBe('We sent a code to +1 ••• ••• 3001.');
	expect(await page.inputValue('#register-password')).toBe('');
	expect(await shownStep('register')).toBe('code');
	await page.fill('#register-code', wrongCode('+14155553001'));
	expect(await submit('register', 'code')).toBe('The code is not correct. 4 attempts left.');
	expect(await messageKind('register')).toContain('error');
	await page.fill('#register-code', code('+14155553001'));
	expect(await submit('register', 'code')).toBe('Welcome, browser@example.com! You are logged in.');
	expect(await messageKind('register')).toContain('ok');
	expect(await shownStep('register')).toBe('details');

	expect(await whoAmI()).toEqual({ message: 'Your session is valid.', who: 'Logged in as browser@example.com (+1 ••• ••• 3001, active)' });
	expect(await logOut()).toBe('You are logged out.');

	// Passwordless: a wrong code, then Start again goes back to the form with nothing left of the code step.
	await page.selectOption('#otp-country', 'US');
	await page.fill('#otp-phone', '4155553002');
	expect(await submit('otp', 'details')).toBe('We sent a code to +1 ••• ••• 3002.');
	await page.fill('#otp-code', wrongCode('+14155553002'));
	expect(await submit('otp', 'code')).toBe('The code is not correct. 4 attempts left.');
	await page.click('#otp [data-restart]');
	expect(await shownStep('otp')).toBe('details');
	expect(await message('otp')).toBe('');
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('otp-phone');

	// Another phone: the first login creates the member.
	await page.fill('#otp-phone', '4155553003');
	expect(await submit('otp', 'details')).toBe('We sent a code to +1 ••• ••• 3003.');
	expect(await page.inputValue('#otp-code')).toBe('');
	await page.fill('#otp-code', code('+14155553003'));
	expect(await submit('otp', 'code')).toBe('Welcome! We created your account (14155553003@members.example.com).');
	expect((await whoAmI()).who).toBe('Logged in as 14155553003@members.example.com (+1 ••• ••• 3003, active)');
	expect(await logOut()).toBe('You are logged out.');

	// The phone of a member with a password: after the right code, the page turns to the email + password form.
	await page.fill('#otp-phone', '4155553001');
	expect(await submit('otp', 'details')).toBe('We sent a code to +1 ••• ••• 3001.');
	await page.fill('#otp-code', code('+14155553001'));
	expect(await submit('otp', 'code')).toBe('This phone belongs to an account with a password: use the Log in form.');
	expect(await shownStep('otp')).toBe('details');
	expect(await shownStep('login')).toBe('details');
	expect(await message('login')).toBe('This account has a password. Log in with your email address and password instead.');
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-email');

	// Password + code. A wrong password first: its red message goes when the code is sent, and so does the password.
	await page.fill('#login-email', 'browser@example.com');
	await page.fill('#login-password', 'wrong password');
	expect(await submit('login', 'details')).toBe('The email address or password is not correct.');
	expect(await messageKind('login')).toContain('error');
	expect(await page.inputValue('#login-password')).toBe('');
	await page.fill('#login-password', 'correct horse battery');
	expect(await submit('login', 'details')).toBe('We sent a code to +1 ••• ••• 3001.');
	expect(await messageKind('login')).toContain('ok');
	expect(await page.inputValue('#login-password')).toBe('');

	// "Call me instead" sends login/send-code again with the email and password the page holds: the right password
	// reaches the phone's cool-down (a wrong one would be INVALID_CREDENTIALS), which counts down live.
	const countdown = /^Too many codes were requested\. Try again in (\d+) seconds\.$/;
	const said = await click('login', '#login [data-resend=call]');
	expect(said).toMatch(countdown);
	expect(await messageKind('login')).toContain('error');
	const first = Number(countdown.exec(said!)![1]);
	expect(first).toBeGreaterThan(5);
	expect(first).toBeLessThanOrEqual(30);
	for (const selector of ['#login [data-resend=call]', '#login [data-resend=sms]']) {
		expect(await button(selector)).toEqual({ label: expect.stringMatching(/ \(\d+ s\)$/), disabled: true });
	}
	await page.waitForFunction(
		([selector, start]) => Number(/(\d+) seconds/.exec(document.querySelector(selector)!.textContent!)?.[1]) < start,
		['#login .message', first] as const,
		{ timeout: 5000 },
	);
	mkdirSync(ARTIFACTS, { recursive: true });
	await page.screenshot({ path: join(ARTIFACTS, 'demo-page-countdown.png'), fullPage: true });
	// The code sent first still works; logging in ends the step and its cool-down.
	await page.fill('#login-code', code('+14155553001'));
	expect(await submit('login', 'code')).toBe('Logged in as browser@example.com.');
	// What the other sections said was about the session before: no old red error next to the new success.
	expect(await message('otp')).toBe('');
	expect(await message('register')).toBe('');
	expect(await button('#login [data-resend=call]')).toEqual({ label: 'Call me instead', disabled: false });
	expect((await whoAmI()).who).toBe('Logged in as browser@example.com (+1 ••• ••• 3001, active)');

	await page.screenshot({ path: join(ARTIFACTS, 'demo-page.png'), fullPage: true });
	if (UPDATE_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'workflows', 'demo-page', 'screenshot.png'), fullPage: true });

	expect(await logOut()).toBe('You are logged out.');
	expect(await whoAmI()).toEqual({ message: 'The session is not valid. Log in again.', who: 'Not logged in.' });
}, 120_000);

test('forgot password, change password and phone, log out everywhere, delete the account', async () => {
	// A member of its own (the phones of the first test are in their resend cool-downs).
	const api = client(backend.webhookUrl);
	const sent = await api('POST', 'register/send-code', { email: 'forgetful@example.com', password: 'first long passphrase', phone: '+14155553010' });
	expect((await api('POST', 'register', { registrationId: sent.body.registrationId, code: code('+14155553010') })).status).toBe(201);

	// Forgot password? → email → code + new password (a wrong code first) → back to the login form.
	await page.click('#login [data-forgot]');
	expect(await shownStep('login')).toBe('reset');
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('reset-email');
	await page.fill('#reset-email', 'forgetful@example.com');
	expect(await submit('login', 'reset')).toBe('If forgetful@example.com belongs to an account with a password, we sent a code to its phone.');
	expect(await shownStep('login')).toBe('reset-code');
	expect(await page.isVisible('#login [data-step=reset-code] [data-restart]')).toBe(true);
	await page.fill('#reset-code', wrongCode('+14155553010'));
	await page.fill('#reset-password', 'second long passphrase');
	expect(await submit('login', 'reset-code')).toBe('The code is not correct. 4 attempts left.');
	expect(await page.inputValue('#reset-password')).toBe('');
	await page.fill('#reset-code', code('+14155553010'));
	await page.fill('#reset-password', 'second long passphrase');
	expect(await submit('login', 'reset-code')).toBe('Your password is changed and every session of the account ended. Log in with the new password.');
	expect(await shownStep('login')).toBe('details');
	expect(await page.inputValue('#login-email')).toBe('forgetful@example.com');
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');

	// The old password no longer works; the new one does.
	await page.fill('#login-password', 'first long passphrase');
	expect(await submit('login', 'details')).toBe('The email address or password is not correct.');
	await logInWithCode('forgetful@example.com', 'second long passphrase', '+14155553010');
	expect(await page.isVisible('#session [data-account]')).toBe(true);

	// Change password.
	await page.click('#session [data-open=password]');
	expect(await shownStep('session')).toBe('password');
	await page.fill('#account-current-password', 'second long passphrase');
	await page.fill('#account-new-password', 'third long passphrase');
	expect(await submit('session', 'password')).toBe('Your password is changed. Your other sessions ended.');
	expect(await shownStep('session')).toBeNull();
	expect(await page.inputValue('#account-new-password')).toBe('');

	// Change phone: a phone that is another member's is refused; then a code to the new phone.
	await page.click('#session [data-open=phone]');
	expect(await shownStep('session')).toBe('phone');
	await page.selectOption('#account-country', 'US');
	await page.fill('#account-phone', '4155553003');
	await page.fill('#account-password', 'third long passphrase');
	expect(await submit('session', 'phone')).toBe('An account with this email address or phone number already exists.');
	expect(await page.inputValue('#account-password')).toBe('');
	await page.fill('#account-phone', '4155553011');
	await page.fill('#account-password', 'third long passphrase');
	expect(await submit('session', 'phone')).toBe('We sent a code to +1 ••• ••• 3011.');
	expect(await shownStep('session')).toBe('phone-code');
	expect(await page.isVisible('#session [data-step=phone-code] [data-restart]')).toBe(true);
	await page.fill('#account-code', code('+14155553011'));
	expect(await submit('session', 'phone-code')).toBe('Your phone number is now +1 ••• ••• 3011. Your other sessions ended.');
	expect((await page.textContent('[data-who]'))?.trim()).toBe('Logged in as forgetful@example.com (+1 ••• ••• 3011, active)');
	expect((await whoAmI()).who).toBe('Logged in as forgetful@example.com (+1 ••• ••• 3011, active)');

	// The account section at phone size, with its actions and the phone form open.
	await page.setViewportSize({ width: 390, height: 844 });
	try {
		await page.click('#session [data-open=phone]');
		const layout = await page.evaluate(() => {
			const area = document.querySelector('#session')!;
			const controls = Array.from(area.querySelectorAll('input, select, button')).filter((element) => (element as HTMLElement).offsetParent !== null);
			return {
				pageWidth: document.documentElement.scrollWidth,
				clipped: controls.filter((control) => control.getBoundingClientRect().right > area.getBoundingClientRect().right).map((control) => control.id || control.textContent),
				smallText: controls.filter((control) => parseFloat(getComputedStyle(control).fontSize) < 16).map((control) => control.id || control.textContent),
				smallTargets: controls
					.filter((control) => control.getBoundingClientRect().height < 44 || control.getBoundingClientRect().width < 44)
					.map((control) => control.id || control.textContent),
			};
		});
		expect(layout.pageWidth).toBeLessThanOrEqual(390);
		expect(layout).toEqual({ pageWidth: layout.pageWidth, clipped: [], smallText: [], smallTargets: [] });
		await page.click('#session [data-step=phone] [data-cancel]');
		await page.evaluate(() => document.querySelector('#session')!.scrollIntoView({ block: 'start' }));
		await page.screenshot({ path: join(ARTIFACTS, 'demo-page-account.png') });
		if (UPDATE_SCREENSHOTS) await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'demo-page-account.png') });
	} finally {
		await page.setViewportSize({ width: 1280, height: 900 });
	}

	// Log out everywhere ends this session too.
	expect(await click('session', '#session [data-logout-all]')).toBe('You are logged out everywhere (1 session ended).');
	expect((await page.textContent('[data-who]'))?.trim()).toBe('Not logged in.');
	expect(await page.isVisible('#session [data-account]')).toBe(false);

	// Delete: log in again, confirm, then the password; the page goes back to the start.
	await logInWithCode('forgetful@example.com', 'third long passphrase', '+14155553011');
	await page.click('#session [data-open=delete]');
	expect((await page.textContent('#session [data-step=delete] .hint'))?.trim()).toContain('Delete forgetful@example.com?');
	await page.click('#session [data-step=delete] button[type=submit]');
	expect(await shownStep('session')).toBe('delete-proof');
	await page.fill('#delete-password', 'not the password');
	expect(await submit('session', 'delete-proof')).toBe('The password is not correct.');
	await page.fill('#delete-password', 'third long passphrase');
	expect(await submit('session', 'delete-proof')).toBe('Your account is deleted.');
	expect((await page.textContent('[data-who]'))?.trim()).toBe('Not logged in.');
	expect(await message('register')).toBe('Your account is deleted. You may register again.');
	expect(await page.evaluate(() => document.activeElement?.id)).toBe('register-email');
	expect(await api('POST', 'login/send-code', { email: 'forgetful@example.com', password: 'third long passphrase' })).toMatchObject({ status: 401 });
}, 120_000);

test('a locked email says for how long, in minutes, and another email may be tried at once', async () => {
	// Wrong passwords for one email until it locks (20 an hour from anywhere by default).
	const call = client(backend.webhookUrl);
	let answer;
	for (let guess = 0; guess < 30; guess++) {
		answer = await call('POST', 'login/send-code', { email: 'locked@example.com', password: `wrong password ${guess}` });
		if (answer.status !== 401) break;
	}
	expect(answer).toEqual({ status: 423, body: { error: expect.objectContaining({ code: 'LOCKED', retryAfterSeconds: expect.any(Number) }) } });

	await page.fill('#login-email', 'locked@example.com');
	await page.fill('#login-password', 'one more guess');
	const said = await submit('login', 'details');
	// The page counts from its own answer, a moment after ours.
	const minutes = Math.ceil(answer!.body.error.retryAfterSeconds / 60);
	const inMinutes = (count: number) => `Too many wrong passwords. Try again in ${count} ${count === 1 ? 'minute' : 'minutes'}.`;
	expect([inMinutes(minutes), inMinutes(minutes - 1)]).toContain(said);
	expect(await button('#login [data-step=details] button[type=submit]')).toEqual({ label: expect.stringMatching(/^Continue \(\d+:\d\d\)$/), disabled: true });
	await page.screenshot({ path: join(ARTIFACTS, 'demo-page-locked.png'), fullPage: true });

	// The lock is that email's: typing another one ends the wait.
	await page.fill('#login-email', 'someone.else@example.com');
	expect(await button('#login [data-step=details] button[type=submit]')).toEqual({ label: 'Continue', disabled: false });
	expect(await message('login')).toBe('');
}, 60_000);

test('on a 390 × 844 phone: nothing clipped, 16 px text in fields, 44 px touch targets, AA contrast', async () => {
	const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
	try {
		await openDemo(phone);
		const layout = await phone.evaluate(() => {
			const shown = (element: Element) => (element as HTMLElement).offsetParent !== null;
			const controls = Array.from(document.querySelectorAll('input, select, button')).filter(shown);
			return {
				pageWidth: document.documentElement.scrollWidth,
				clipped: controls
					.filter((control) => {
						const box = control.getBoundingClientRect();
						const section = control.closest('section')!.getBoundingClientRect();
						return box.left < section.left || box.right > section.right || box.right > window.innerWidth;
					})
					.map((control) => control.id || control.textContent),
				smallText: controls.filter((control) => parseFloat(getComputedStyle(control).fontSize) < 16).map((control) => control.id || control.textContent),
				smallTargets: controls
					.filter((control) => control.getBoundingClientRect().height < 44 || control.getBoundingClientRect().width < 44)
					.map((control) => control.id || control.textContent),
				countrySelect: document.querySelector('#register-country')!.getBoundingClientRect().right,
			};
		});
		expect(layout.pageWidth).toBeLessThanOrEqual(390);
		expect(layout.clipped).toEqual([]);
		expect(layout.smallText).toEqual([]);
		expect(layout.smallTargets).toEqual([]);
		expect(layout.countrySelect).toBeLessThanOrEqual(390);

		// Text on the page's own colours (buttons, labels, messages) reaches WCAG AA, 4.5:1.
		const colours = await phone.evaluate(() => {
			const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
			const say = (kind: string) => {
				const probe = document.createElement('p');
				probe.className = `message ${kind}`;
				document.querySelector('#register')!.append(probe);
				const color = getComputedStyle(probe).color;
				probe.remove();
				return color;
			};
			const white = style('#register').backgroundColor;
			return [
				['button', style('#register button[type=submit]').color, style('#register button[type=submit]').backgroundColor],
				['secondary button', style('#register [data-restart]').color, style('#register [data-restart]').backgroundColor],
				['label', style('label[for=register-email]').color, white],
				['ok message', say('ok'), white],
				['error message', say('error'), white],
			];
		});
		const ratios = colours.map(([what, foreground, background]) => ({ what, ratio: Math.round(contrast(foreground, background) * 100) / 100 }));
		expect(ratios.filter(({ ratio }) => ratio < 4.5)).toEqual([]);

		await phone.screenshot({ path: join(ARTIFACTS, 'demo-page-phone.png') });
		if (UPDATE_SCREENSHOTS) {
			mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
			await phone.screenshot({ path: join(ROOT, 'docs', 'screenshots', 'demo-page-phone.png') });
		}
	} finally {
		await phone.close();
	}
}, 60_000);

test('every call went to the page\'s own webhooks, whatever ?api= said', () => {
	const calls = requested.filter(([type]) => type === 'fetch').map(([, url]) => url);
	expect(calls.length).toBeGreaterThanOrEqual(20);
	expect(calls.filter((url) => !url.startsWith(backend.webhookUrl))).toEqual([]);
	expect(requested.filter(([, url]) => new URL(url).origin !== new URL(backend.webhookUrl).origin)).toEqual([]);
});
