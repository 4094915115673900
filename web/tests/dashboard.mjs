// The dashboard in a real browser, offline: Debian's Chromium, driven by
// playwright-core, against a running Vitae with the seeds, every request to
// a host other than 127.0.0.1 blocked and counted. It checks what the pages
// draw against what the API answers (fetched here, over HTTP):
// - /people: typing in the search and choosing a person (a click on
//   desktop, Enter on a phone) opens that person's page;
// - the Gantt timeline has one bar per `timeline` entry, in its order, each
//   in its `lane`, open ones running to the "today" line;
// - the works-per-year bars add up to the works' `totalCount`, also after a
//   filter, and a filter (kind, then a year range) makes the list the API's;
// - a person with little data and an unknown slug render without error;
// - axe-core finds no serious or critical violation on either page, at
//   1280×900 and at 390×844, where nothing is wider than the screen.
// It fails on any console error, uncaught exception or unexpected non-200
// answer. With a second argument it saves docs/dashboard-people.png and
// docs/dashboard-profile.png into that directory.
//
//   node web/tests/dashboard.mjs http://127.0.0.1:PORT [screenshot-dir]
//
// Run by `tests/api/dashboard.rs` against a seeded server.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { offlineBrowser } from './browser.mjs';

const STEP_MS = 15_000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const SLUG = 'qi-lei';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const [base, shots] = process.argv.slice(2);
if (!base || !base.startsWith('http://127.0.0.1:')) {
  console.error('usage: node dashboard.mjs http://127.0.0.1:PORT [screenshot-dir]');
  process.exit(2);
}

const expected404 = new Set([`${base}/people/nobody-has-this-slug`]);

const browser = await offlineBrowser({ viewport: DESKTOP, stepMs: STEP_MS, expected404 });
let failure = null;
try {
  const { page } = browser;
  await searchAndOpen(page, 'click');
  await checkTimeline(page);
  await checkYearChart(page, null);
  if (shots) await screenshotProfile(page);
  await checkPagingAndDownloads(page);
  await checkFilters(page);
  await noAxeViolations(page, 'the profile (desktop)');
  await checkSparsePerson(page);
  await checkUnknownSlug(page);
  await page.setViewportSize(PHONE);
  await searchAndOpen(page, 'Enter');
  await page.locator('[data-testid=gantt]').waitFor();
  await noAxeViolations(page, 'the profile (phone)');
  await fitsTheScreen(page, 'the profile');
} catch (e) {
  failure = e;
} finally {
  await browser.close();
}
browser.report(failure, `ok: ${browser.blocked.length} requests left the machine, no console error, every answer as expected`);

async function api(query, variables = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`the API refused ${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

function same(actual, wanted, what) {
  const [a, w] = [JSON.stringify(actual), JSON.stringify(wanted)];
  check(a === w, `${what}: the page shows ${a}, the API says ${w}`);
}

// /people: type a name, see the person listed, open them by `how`.
async function searchAndOpen(page, how) {
  await page.goto(`${base}/people`);
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  const everyone = (await api('{ people { totalCount } }')).people.totalCount;
  await page.getByText(`${everyone} people`, { exact: true }).waitFor();
  if (how === 'click') await noAxeViolations(page, 'the people index (desktop)');
  else {
    await noAxeViolations(page, 'the people index (phone)');
    await fitsTheScreen(page, 'the people index');
  }
  if (shots && how === 'click') {
    await page.screenshot({ path: join(shots, 'dashboard-people.png') });
    console.log(`ok: screenshot saved to ${join(shots, 'dashboard-people.png')}`);
  }
  if (how === 'click') await checkPeoplePaging(page);
  const box = page.getByLabel('Search people by name');
  await box.click();
  await box.pressSequentially('qi le', { delay: 40 });
  const found = (await api('{ people(search: "qi le") { totalCount edges { node { name } } } }')).people;
  await page.getByText(`${found.totalCount} ${found.totalCount === 1 ? 'person' : 'people'} match “qi le”`).waitFor();
  const names = await page.getByRole('list', { name: 'People' }).getByRole('link').allInnerTexts();
  same(names, found.edges.map((e) => e.node.name), 'the people found for "qi le"');
  if (how === 'click') await page.getByRole('link', { name: 'Qi Lei', exact: true }).click();
  else await box.press('Enter');
  await page.waitForURL(`${base}/people/${SLUG}`);
  await page.getByRole('heading', { level: 1, name: 'Qi Lei' }).waitFor();
  console.log(`ok: typing "qi le" in /people lists ${JSON.stringify(names)}; ${how} opens /people/${SLUG} headed "Qi Lei"`);
}

// The people index's Next shows the API's second page of people.
async function checkPeoplePaging(page) {
  const q = 'query($after: String) { people(first: 20, after: $after) { pageInfo { endCursor } edges { node { name } } } }';
  const first = (await api(q)).people;
  const second = (await api(q, { after: first.pageInfo.endCursor })).people;
  const list = page.getByRole('list', { name: 'People' });
  await page.getByRole('navigation', { name: 'Pages of people' }).getByRole('button', { name: 'Next' }).click();
  const wanted = second.edges.map((e) => e.node.name);
  await list.getByRole('link').first().getByText(wanted[0], { exact: true }).waitFor();
  same(await list.getByRole('link').allInnerTexts(), wanted, 'the second page of people');
  await page.getByRole('navigation', { name: 'Pages of people' }).getByRole('button', { name: 'Previous' }).click();
  await list.getByRole('link').first().getByText(first.edges[0].node.name, { exact: true }).waitFor();
  console.log(`ok: Next and Previous page the people as the API does (${wanted[0]} opens page 2)`);
}

async function checkTimeline(page) {
  const { person } = await api(
    'query($slug: String!) { person(slug: $slug) { timeline { kind title lane startDate endDate current } } }',
    { slug: SLUG },
  );
  const wanted = person.timeline;
  const gantt = page.locator('[data-testid=gantt]');
  await gantt.waitFor();
  const bars = await gantt.locator('g.bar').evaluateAll((gs) => gs.map((g) => {
    const r = g.querySelector('rect');
    return {
      kind: g.dataset.kind, lane: Number(g.dataset.lane), start: g.dataset.start,
      title: r.querySelector('title').textContent,
      x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), end: Number(r.getAttribute('x')) + Number(r.getAttribute('width')),
    };
  }));
  const kinds = new Set(wanted.map((e) => e.kind));
  check(kinds.has('APPOINTMENT') && kinds.has('EDUCATION'), `the seeds' timeline has kinds ${[...kinds]}`);
  same(bars.map((b) => [b.kind, b.lane, b.start]), wanted.map((e) => [e.kind, e.lane, e.startDate]),
    'the timeline bars (kind, lane, start), in order');
  for (const [i, b] of bars.entries()) {
    check(b.title.includes(wanted[i].title), `bar ${i} is titled ${b.title}, the API says ${wanted[i].title}`);
    if (i > 0) check(b.x >= bars[i - 1].x, `bar ${i} starts left of bar ${i - 1}: not in start order`);
  }
  // Each lane is one row: one y per lane, lower lanes higher up.
  const yOfLane = new Map();
  for (const b of bars) {
    check(!yOfLane.has(b.lane) || yOfLane.get(b.lane) === b.y, `lane ${b.lane} is drawn at two heights`);
    yOfLane.set(b.lane, b.y);
  }
  const lanes = [...yOfLane.keys()].sort((a, b) => a - b);
  for (let i = 1; i < lanes.length; i++) check(yOfLane.get(lanes[i]) > yOfLane.get(lanes[i - 1]), 'lanes out of order');
  const today = Number(await gantt.locator('g.today line').getAttribute('x1'));
  const open = bars.filter((b, i) => wanted[i].current);
  check(open.length > 0, 'the seeds have an open appointment');
  for (const b of open) check(Math.abs(b.end - today) < 0.5, `an open bar ends at ${b.end}, today is at ${today}`);
  console.log(`ok: the timeline draws ${bars.length} bars (${[...kinds].join(', ')}) in the API's order and lanes (${lanes.length} lanes); ${open.length} open ones run to today`);
}

// The works-per-year bars: their counts add up to the list's totalCount and
// are the API's facets, for the works `filter` selects.
async function checkYearChart(page, filter) {
  const { person } = await api(
    'query($slug: String!, $f: WorkFilter) { person(slug: $slug) { works(relation: AUTHOR, filter: $f) { totalCount facets { years { value count } } } } }',
    { slug: SLUG, f: filter },
  );
  const { totalCount, facets } = person.works;
  const chart = page.locator('[data-testid=year-chart]');
  await page.getByText(`${totalCount} in all`).first().waitFor();
  const bars = await chart.locator('g[data-mark="bar"] rect title').allTextContents();
  const counts = bars.map((t) => Number(t.split(': ')[1]));
  const sum = counts.reduce((a, b) => a + b, 0);
  check(sum === totalCount, `the year bars add up to ${sum}, totalCount is ${totalCount}`);
  same(bars, facets.years.map((y) => `${y.value ?? 'n.d.'}: ${y.count}`), 'the year bars');
  console.log(`ok: ${bars.length} works-per-year bars add up to totalCount ${totalCount}${filter ? ` with ${JSON.stringify(filter)}` : ''}`);
}

async function checkFilters(page) {
  const list = page.getByTestId('works-list');
  await list.waitFor();
  for (const [filter, set] of [
    [{ kinds: ['PREPRINT'] }, async () => page.getByLabel('Kind').selectOption('PREPRINT')],
    [{ yearFrom: 2021, yearTo: 2022 }, async () => {
      await page.getByLabel('Kind').selectOption({ label: 'Any kind' });
      await page.getByLabel('From year').fill('2021');
      await page.getByLabel('From year').press('Tab');
      await page.getByLabel('To year').fill('2022');
      await page.getByLabel('To year').press('Tab');
    }],
  ]) {
    const { person } = await api(
      'query($slug: String!, $f: WorkFilter) { person(slug: $slug) { all: works(relation: AUTHOR) { totalCount } works(relation: AUTHOR, filter: $f, first: 20) { totalCount edges { node { title } } } } }',
      { slug: SLUG, f: filter },
    );
    const n = person.works.totalCount;
    check(n > 0 && n < person.all.totalCount, `the filter ${JSON.stringify(filter)} keeps ${n} of ${person.all.totalCount}: not a test`);
    await set();
    await showsText(page.getByTestId('works-count'), `${n} ${n === 1 ? 'work' : 'works'} match`);
    const titles = await list.locator('.work-title').allInnerTexts();
    same(titles, person.works.edges.map((e) => e.node.title), `the works listed with ${JSON.stringify(filter)}`);
    await checkYearChart(page, filter);
    console.log(`ok: the filter ${JSON.stringify(filter)} lists the API's ${n} works (${titles.length} on the first page)`);
  }
}

// The works' Next button shows the API's second page; every download
// button links an export the server answers.
async function checkPagingAndDownloads(page) {
  const q = 'query($slug: String!, $after: String) { person(slug: $slug) { works(relation: AUTHOR, first: 20, after: $after) { pageInfo { endCursor } edges { node { title } } } } }';
  const first = (await api(q, { slug: SLUG })).person.works;
  const second = (await api(q, { slug: SLUG, after: first.pageInfo.endCursor })).person.works;
  const list = page.getByTestId('works-list');
  await page.getByRole('navigation', { name: 'Pages of works' }).getByRole('button', { name: 'Next' }).click();
  const wanted = second.edges.map((e) => e.node.title);
  await list.locator('.work-title').first().getByText(wanted[0], { exact: true }).waitFor();
  same(await list.locator('.work-title').allInnerTexts(), wanted, 'the second page of works');
  await page.getByRole('navigation', { name: 'Pages of works' }).getByRole('button', { name: 'Previous' }).click();
  await list.locator('.work-title').first().getByText(first.edges[0].node.title, { exact: true }).waitFor();
  const links = await page.locator('section[aria-labelledby=downloads] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check(links.length === 7, `${links.length} download buttons`);
  for (const href of links) {
    const res = await fetch(`${base}${href}`);
    check(res.status === 200 && (await res.text()).length > 0, `${href} answers ${res.status}`);
  }
  console.log(`ok: Next and Previous page the works as the API does; the ${links.length} downloads answer 200 (${links.map((l) => l.split('.').slice(1).join('.')).join(', ')})`);
}

// Waits for `locator` to read `text`; a timeout says what it read instead.
async function showsText(locator, text) {
  try {
    await locator.getByText(text, { exact: true }).waitFor();
  } catch (e) {
    throw new Error(`waited for "${text}", the page shows "${await locator.innerText()}"`);
  }
}

async function screenshotProfile(page) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const path = join(shots, 'dashboard-profile.png');
  // The top of the page (header, downloads, career, chart, the first
  // works): the whole page is several screens and a megabyte.
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: DESKTOP.width, height: 2000 } });
  console.log(`ok: screenshot saved to ${path}`);
}

// A co-author with few facts of their own: every section renders, the
// empty ones say so.
async function checkSparsePerson(page) {
  const { person } = await api(
    'query($slug: String!) { person(slug: $slug) { coauthors(last: 1) { edges { node { slug name talks { title } } } } } }',
    { slug: SLUG },
  );
  const other = person.coauthors.edges[0].node;
  check(other.talks.length === 0, `${other.name} has talks: not a sparse person`);
  await page.goto(`${base}/people/${other.slug}`);
  await page.getByRole('heading', { level: 1, name: other.name }).waitFor();
  await page.locator('#talks').waitFor();
  const talks = await page.locator('section[aria-labelledby=talks]').innerText();
  check(talks.includes('None recorded.'), `the empty talks section of ${other.name} shows: ${talks}`);
  console.log(`ok: ${other.name}'s sparse profile renders; empty sections say "None recorded."`);
}

async function checkUnknownSlug(page) {
  const res = await page.goto(`${base}/people/nobody-has-this-slug`);
  check(res.status() === 404, `an unknown slug answers ${res.status()}`);
  await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  console.log('ok: an unknown slug is a 404 page that says "Not found"');
}

async function noAxeViolations(page, what) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(serious.length === 0, `axe on ${what}: ${JSON.stringify(serious, null, 1)}`);
  const minor = violations.map((v) => `${v.id} (${v.impact})`);
  console.log(`ok: axe finds no serious or critical violation on ${what}${minor.length ? `; lesser: ${minor.join(', ')}` : ''}`);
}

async function fitsTheScreen(page, what) {
  const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  check(scroll <= inner, `${what} is ${scroll}px wide on a ${inner}px screen`);
  console.log(`ok: ${what} fits a ${inner}px screen`);
}
