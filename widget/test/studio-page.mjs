// The style studio as the tests drive it: open it on a style, paste a text as a student would,
// wait until the preview has drawn a given number of valid versions, read what "Télécharger" gives.
import { readFileSync } from 'node:fs';
import { baseUrl, openPage } from './browser.mjs';

/** Opens /studio/{address} and waits until its preview has drawn the forked style. */
export async function openStudio(browser, address, { width = 1280, height = 800 } = {}) {
  const opened = await openPage(browser, { width, height });
  await opened.page.goto(`${baseUrl}/studio/${address}`);
  await drawn(opened.page, 1);
  return opened;
}

/** Waits until the preview has applied `count` valid versions and drawn the last one. */
export async function drawn(page, count) {
  try {
    await page.waitForFunction((n) => Number(document.body.dataset.applied) === n && document.body.dataset.mapIdle === 'true',
      count, { timeout: 120_000 });
  } catch (e) {
    const state = await page.evaluate(() => ({ ...document.body.dataset, status: document.getElementById('status').textContent }));
    throw new Error(`the preview did not draw version ${count}: ${JSON.stringify(state)}`, { cause: e });
  }
}

/** Replaces the editor's whole text, as a student pasting a style would. */
export async function paste(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Scrolls the editor so that `line` (from 1) is near its top: it draws only the lines in view. */
export async function scrollTo(page, line) {
  await page.locator('.cm-scroller').evaluate((el, n) => {
    const height = el.querySelector('.cm-line')?.getBoundingClientRect().height ?? 19;
    el.scrollTop = Math.max(0, (n - 4) * height);
  }, line);
}

/** The text "Télécharger" gives: what the editor holds. */
export async function downloaded(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  return readFileSync(await download.path(), 'utf8');
}

/** A style as the studio shows it: indented, one property a line. */
export const pretty = (style) => JSON.stringify(style, null, 2);
