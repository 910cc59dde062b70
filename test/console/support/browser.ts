import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { repoRoot } from '@calchain/platform/testing';
import { en } from '../../../apps/console/src/i18n/en';
import { zhCN } from '../../../apps/console/src/i18n/zh-CN';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(repoRoot, 'dist', 'console-screenshots');
export type Language = 'zh-CN' | 'en';
export const texts = { 'zh-CN': zhCN, en } as const;

/** Builds the console with Vite as CI does (the gateway serves apps/console/dist). */
export function buildConsole(): void {
  // NODE_ENV=test (Jest's) would make Vite bundle React's development build.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(repoRoot, 'apps', 'console'), stdio: 'inherit', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production' } });
  if (!existsSync(join(repoRoot, 'apps', 'console', 'dist', 'index.html'))) throw new Error('the console build wrote no index.html');
}

/** Debian's chromium, installed by deploy/local/system-packages.sh when missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) execFileSync('bash', [join(repoRoot, 'deploy', 'local', 'system-packages.sh')], { stdio: 'inherit', timeout: 600_000 });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/** A fresh browser profile in the given language; desktop unless a phone is asked for. */
export async function newContext(browser: Browser, gateway: string, language: Language, phone = false): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: gateway,
    locale: language,
    ...(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1366, height: 900 } }),
  });
  context.setDefaultTimeout(60_000);
  // The console starts in zh-CN; English is the user's switch, kept in the browser.
  if (language === 'en') await context.addInitScript({ content: "localStorage.setItem('calchain.language', 'en')" });
  return context;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined); // a picture of the page, not of its spinners
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the development login page by picking the seeded user. */
export async function login(page: Page, subject: string): Promise<void> {
  await page.goto('/login');
  await page.locator(`button[data-subject="${subject}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Reloads until `ready` holds: the services work through Kafka, so a page can be a moment early.
 * Each load is given time to fetch its data (network idle, then a short grace) before it is judged,
 * or a page that needs a few requests on a busy machine would be reloaded before it ever shows them.
 */
export async function reloadUntil(page: Page, ready: () => Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    for (const grace of [0, 1000, 2000]) {
      if (grace) await page.waitForTimeout(grace);
      if (await ready()) return;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.reload();
  }
}

/** What a phone's camera reads from the QR code on page 1 of a PDF (poppler's pdftoppm, then jsQR). */
export function scanPdfQr(pdf: Buffer): string | null {
  const png = PNG.sync.read(execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', '-'], { input: pdf, maxBuffer: 256 * 1024 * 1024 }));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}
