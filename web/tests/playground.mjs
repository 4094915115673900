// The playground in a real browser, offline: Debian's Chromium, driven by
// playwright-core, loads a running Vitae's `/` with every request to a host
// other than 127.0.0.1 blocked and recorded, runs the ready query, reads the
// result, opens the docs explorer on `Query` and the history. It fails if
// anything tried to leave the machine, on any console error or uncaught
// exception, and on any non-200 answer from the server. With a second
// argument it saves a screenshot there (result and docs explorer open).
//
//   node web/tests/playground.mjs http://127.0.0.1:PORT [screenshot.png]
//
// Run by `tests/api/playground.rs` against a seeded server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium reaches out to Google's
// hosts at start (updates, sync, field trials), which this test would see
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
const STEP_MS = 20_000;

const [base, screenshot] = process.argv.slice(2);
if (!base || !base.startsWith('http://127.0.0.1:')) {
  console.error('usage: node playground.mjs http://127.0.0.1:PORT [screenshot.png]');
  process.exit(2);
}

const blocked = [];
const consoleErrors = [];
const badResponses = [];
const failedRequests = [];

const profile = mkdtempSync(join(tmpdir(), 'vitae-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ARGS,
  viewport: { width: 1600, height: 900 },
});
let failure = null;
try {
  await watch(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_MS);
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  await checkPlayground(page);
} catch (e) {
  failure = e;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
report(failure);

// Routes every request of the browser: 127.0.0.1 passes, anything else is
// aborted and recorded; failed requests and non-200 answers are recorded.
async function watch(ctx) {
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  ctx.on('requestfailed', (r) => {
    if (new URL(r.url()).hostname === '127.0.0.1') {
      failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`);
    }
  });
  ctx.on('response', (r) => {
    if (r.status() !== 200) badResponses.push(`${r.status()} ${r.url()}`);
  });
}

async function checkPlayground(page) {
  await page.goto(`${base}/`);
  const title = await page.title();
  if (title !== 'Vitae — GraphiQL') throw new Error(`the title is ${JSON.stringify(title)}`);
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  const query = await page.locator('.graphiql-query-editor').innerText();
  if (!query.includes('person(slug: "qi-lei")')) throw new Error(`the editor holds: ${query}`);
  console.log('ok: GraphiQL loaded with the ready query');

  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.graphiql-response');
  await result.filter({ hasText: '"Qi Lei"' }).waitFor();
  const text = await result.innerText();
  if (!text.includes('"appointments"') || text.includes('"errors"')) {
    throw new Error(`the result pane shows: ${text.slice(0, 500)}`);
  }
  console.log('ok: the result pane shows the server\'s answer ("Qi Lei", appointments)');

  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.locator('a.graphiql-doc-explorer-type-name', { hasText: /^Query$/ }).click();
  const fields = docs.locator('a.graphiql-doc-explorer-field-name');
  await fields.filter({ hasText: /^person$/ }).waitFor();
  const names = await fields.allInnerTexts();
  for (const f of ['person', 'search', 'node']) {
    if (!names.includes(f)) throw new Error(`Query's fields in the docs: ${names.join(', ')}`);
  }
  console.log(`ok: the docs explorer lists Query's ${names.length} fields (${names.join(', ')})`);
  if (screenshot) {
    await page.screenshot({ path: screenshot });
    console.log(`ok: screenshot saved to ${screenshot}`);
  }

  await page.getByRole('button', { name: 'Show History' }).click();
  await page.locator('.graphiql-history-item', { hasText: 'Profile' }).waitFor();
  console.log('ok: the history holds the run query (Profile)');
}

function report(failure) {
  const problems = [];
  if (failure) problems.push(`step failed: ${failure.message}`);
  for (const u of blocked) problems.push(`request leaving the machine (blocked): ${u}`);
  for (const e of consoleErrors) problems.push(`console error: ${e}`);
  for (const r of badResponses) problems.push(`non-200 answer: ${r}`);
  for (const r of failedRequests) problems.push(`request failed: ${r}`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`FAIL: ${p}`);
    process.exit(1);
  }
  console.log('ok: no request left the machine, no console error, every answer 200');
}
