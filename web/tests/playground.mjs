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
import { offlineBrowser } from './browser.mjs';

const STEP_MS = 20_000;

const [base, screenshot] = process.argv.slice(2);
if (!base || !base.startsWith('http://127.0.0.1:')) {
  console.error('usage: node playground.mjs http://127.0.0.1:PORT [screenshot.png]');
  process.exit(2);
}

const browser = await offlineBrowser({ viewport: { width: 1600, height: 900 }, stepMs: STEP_MS });
let failure = null;
try {
  await checkPlayground(browser.page);
} catch (e) {
  failure = e;
} finally {
  await browser.close();
}
browser.report(failure, 'ok: no request left the machine, no console error, every answer 200');

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
