import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from './spawn-parley.js';

/** Debian's Chromium (STYLE §10): the browser tests never download one. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'tests', 'artifacts', 'screenshots');

export interface TestBrowser {
  context: BrowserContext;
  /** A fresh tab with no cookies, recording CSP violations and uncaught page errors. */
  newPage(): Promise<TestPage>;
  close(): Promise<void>;
}

export interface TestPage {
  page: Page;
  /** Console messages about the Content-Security-Policy and uncaught exceptions: both mean the app is broken. */
  problems: string[];
}

/** Headless Chromium on a fresh profile folder, removed again by close(). */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  return {
    context,
    async newPage() {
      await context.clearCookies();
      const page = await context.newPage();
      // Every step of a journey takes well under a second; fail fast instead of Playwright's 30 s.
      page.setDefaultTimeout(10_000);
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) problems.push(`CSP: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      return { page, problems };
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot to tests/artifacts/screenshots/<name>.png (not committed). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page and returns its serious and critical violations as readable lines (empty: none).
 * axe's source is evaluated through the DevTools protocol: an inline <script> (page.addScriptTag) is blocked by the
 * server's CSP, and turning CSP off for the browser (bypassCSP) would hide the app's own CSP mistakes.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] }).then((result) => result.violations)')) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
      return `${violation.impact} ${violation.id}: ${violation.help} [${nodes.join('; ')}]`;
    });
}
