// Chromium, offline, for the browser tests (playground.mjs, dashboard.mjs):
// Debian's Chromium driven by playwright-core with a fresh profile, every
// request routed so that 127.0.0.1 passes and anything else is aborted and
// recorded, and one report of everything that went wrong: a request that
// tried to leave the machine, a console error or uncaught exception, an
// unexpected answer, a failed request. One place, so both tests hold the
// pages to the same rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium reaches out to Google's
// hosts at start (updates, sync, field trials), which the tests would see
// as requests leaving the machine.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/// Launches the browser at `viewport`. `expected404` holds the addresses a
/// test asks for on purpose to get a 404 (their answer and console message
/// are no failure). Returns `{ page, blocked, close, report }`.
export async function offlineBrowser({ viewport, stepMs, expected404 = new Set() }) {
  const problems = { blocked: [], consoleErrors: [], badResponses: [], failedRequests: [] };
  const profile = mkdtempSync(join(tmpdir(), 'vitae-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  await watch(context, problems, expected404);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(stepMs);
  page.on('console', (m) => {
    const expected = m.text().includes('404 (Not Found)') && expected404.has(m.location().url);
    if (m.type() === 'error' && !expected) problems.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => problems.consoleErrors.push(`uncaught: ${e.message}`));
  return {
    page,
    blocked: problems.blocked,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
    report: (failure, ok) => report(problems, failure, ok),
  };
}

// Routes every request of the browser: 127.0.0.1 passes, anything else is
// aborted and recorded; failed requests and unexpected answers are recorded.
async function watch(ctx, problems, expected404) {
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    problems.blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  // A navigation aborts the previous page's fetches still in flight
  // (ERR_ABORTED): the server did not fail them.
  ctx.on('requestfailed', (r) => {
    const aborted = r.failure()?.errorText === 'net::ERR_ABORTED';
    if (new URL(r.url()).hostname === '127.0.0.1' && !aborted) {
      problems.failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`);
    }
  });
  ctx.on('response', (r) => {
    if (r.status() !== 200 && !(r.status() === 404 && expected404.has(r.url()))) {
      problems.badResponses.push(`${r.status()} ${r.url()}`);
    }
  });
}

// Prints every problem and exits 1, or prints `ok`.
function report(problems, failure, ok) {
  const lines = [];
  if (failure) lines.push(`step failed: ${failure.message}`);
  for (const u of problems.blocked) lines.push(`request leaving the machine (blocked): ${u}`);
  for (const e of problems.consoleErrors) lines.push(`console error: ${e}`);
  for (const r of problems.badResponses) lines.push(`unexpected answer: ${r}`);
  for (const r of problems.failedRequests) lines.push(`request failed: ${r}`);
  if (lines.length > 0) {
    for (const p of lines) console.error(`FAIL: ${p}`);
    process.exit(1);
  }
  console.log(ok);
}
