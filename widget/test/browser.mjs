// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, against the
// server that ./atlas test started (ATLAS_URL). Records console errors, page errors and any
// request that leaves the server, and keeps screenshots as test artifacts.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export const baseUrl = process.env.ATLAS_URL;
if (!baseUrl) {
  throw new Error('ATLAS_URL is not set: run the widget tests with ./atlas test, which starts a server for them');
}
const artifacts = process.env.ATLAS_ARTIFACTS ?? join(process.cwd(), '..', 'test-artifacts');

export async function launch() {
  // playwright starts Chromium with a fresh, temporary --user-data-dir of its own
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      // WebGL without a GPU: software rendering through SwiftShader
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      // partner pages are simulated on a second loopback origin (localhost vs 127.0.0.1);
      // Chromium's local-network checks would otherwise ask the user's permission
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessPermissionPrompt'],
  });
  return { browser, close: () => browser.close() };
}

/**
 * Opens a page in a context of its own (its own window: a background tab would get no
 * animation frames, and MapLibre would never render) that records what went wrong on it.
 */
export async function openPage(browser, { width = 1024, height = 768 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = { errors: [], outside: [] };
  page.on('console', (msg) => { if (msg.type() === 'error') problems.errors.push(msg.text()); });
  page.on('pageerror', (err) => problems.errors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.outside.push(url);
  });
  return { page, problems };
}

/** Saves a screenshot under test-artifacts/ and returns it decoded. */
export async function screenshot(page, name) {
  const bytes = await page.screenshot();
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, `${name}.png`), bytes);
  return PNG.sync.read(bytes);
}

/** Share of pixels within `tolerance` of the colour [r, g, b]. */
export function colourShare(png, [r, g, b], tolerance = 24) {
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - r) <= tolerance && Math.abs(png.data[i + 1] - g) <= tolerance
      && Math.abs(png.data[i + 2] - b) <= tolerance) hits++;
  }
  return hits / (png.width * png.height);
}
