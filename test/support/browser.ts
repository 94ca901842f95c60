/// <reference lib="dom" />
/** Headless Chromium for the browser tests (Debian's package, driven by playwright-core), and the demo page's ways. */
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		// The machine has no internet: keep Chromium from reaching out at start.
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

/** Clicks in a demo-page section, then returns its message once the request behind the click has answered. */
export async function clickAndRead(page: Page, section: string, selector: string): Promise<string | undefined> {
	const status = `#${section} .message`;
	await page.evaluate((target) => (document.querySelector(target)!.textContent = ''), status);
	await page.click(selector);
	await page.waitForFunction((target) => {
		const text = document.querySelector(target)?.textContent ?? '';
		return text !== '' && text !== 'Working…';
	}, status);
	return (await page.textContent(status))?.trim();
}

/** The section's shown step, or null when none is (the account forms are all closed). */
export function shownStep(page: Page, section: string): Promise<string | null> {
	return page.evaluate((target) => document.querySelector(`#${target} form[data-step]:not([hidden])`)?.getAttribute('data-step') ?? null, section);
}
