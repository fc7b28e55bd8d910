#!/usr/bin/env node
// Drives a Palisade HTML report in headless Chromium and checks that it is self-contained, safe
// and interactive. Usage: node check.mjs REPORT.html SCREENSHOT.png
// Env: CHROMIUM (default /usr/bin/chromium), COLOR_SCHEME (light|dark), SEARCH (search term).
// Prints a JSON summary on stdout; exits 1 on any console error or warning, page error, request
// that is not file:/data:, XSS marker, screenshot under 10 KB, or failed interaction check.
import { chromium } from 'playwright-core';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportArg, shotArg] = process.argv.slice(2);
if (!reportArg || !shotArg) {
  console.error('usage: node check.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}
const reportPath = resolve(reportArg);
const shotPath = resolve(shotArg);

const summary = {
  consoleErrors: [],
  pageErrors: [],
  externalRequests: [],
  staticIssues: [],
  failures: [],
  screenshotBytes: 0,
  rows: 0,
  visibleInitial: 0,
  visibleAfterSearch: null,
  visibleAll: null,
  search: null,
  countText: null,
  sort: null,
  xss: false,
};
const fail = (msg) => summary.failures.push(msg);

// Static checks on the file itself: nothing that could load from elsewhere.
const source = readFileSync(reportPath, 'utf8');
const head = source.slice(0, source.search(/<style|<script|<\/head/i) + 1);
if (!/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">/.test(head)) {
  summary.staticIssues.push('CSP meta tag missing or not before the first style/script');
}
for (const [re, what] of [
  [/<link\b/i, '<link> element'],
  [/@import/i, '@import'],
  [/url\(\s*['"]?(?!data:)/i, 'url() that is not data:'],
  [/\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i, 'attribute loading a network URL'],
  [/<(?:iframe|object|embed|base)\b/i, 'iframe/object/embed/base element'],
]) {
  if (re.test(source)) summary.staticIssues.push(what);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let exitCode = 0;
try {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    colorScheme: process.env.COLOR_SCHEME === 'dark' ? 'dark' : 'light',
    offline: true,
  });
  const isLocal = (url) => url.startsWith('file:') || url.startsWith('data:');
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    summary.externalRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('request', (req) => {
    const url = req.url();
    if (!isLocal(url) && !summary.externalRequests.includes(url)) summary.externalRequests.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      summary.consoleErrors.push(`${msg.type()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => summary.pageErrors.push(String(err && err.stack || err)));

  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load' });

  await page.screenshot({ path: shotPath, fullPage: true });
  summary.screenshotBytes = statSync(shotPath).size;

  const visibleRows = () => page.$$eval('#findings-table tbody tr',
    (trs) => trs.filter((tr) => !tr.hidden && tr.offsetParent !== null).map((tr) => ({
      rank: Number(tr.getAttribute('data-rank')),
      text: tr.textContent.toLowerCase(),
      policy: (tr.querySelector('code') || tr).textContent.trim(),
    })));
  const countText = () => page.$eval('#f-count', (el) => el.textContent.trim()).catch(() => null);
  const parseCount = (text) => {
    const m = /showing\s+(\d+)\s+of\s+(\d+)/i.exec(text || '');
    return m ? { shown: Number(m[1]), total: Number(m[2]) } : null;
  };

  const hasTable = (await page.$('#findings-table')) !== null;
  summary.rows = hasTable ? await page.$$eval('#findings-table tbody tr', (t) => t.length) : 0;
  const initial = hasTable ? await visibleRows() : [];
  summary.visibleInitial = initial.length;
  if (hasTable) {
    const c = parseCount(await countText());
    if (!c || c.shown !== initial.length || c.total !== summary.rows) {
      fail(`initial count text does not match: ${await countText()} vs ${initial.length}/${summary.rows}`);
    }
    const failing = await page.$$eval('#findings-table tbody tr[data-status="fail"]', (t) => t.length);
    if (initial.length !== failing) fail(`initially ${initial.length} rows shown, ${failing} failing`);
  }

  // Sorting by severity: first click descending, second ascending, Enter works like a click.
  const severityButton = page.locator('#findings-table thead th', { hasText: 'Severity' }).locator('button');
  if (hasTable && initial.length >= 2) {
    const ranks = async () => (await visibleRows()).map((r) => r.rank);
    const isSorted = (xs, desc) => xs.every((x, i) => i === 0 || (desc ? xs[i - 1] >= x : xs[i - 1] <= x));
    await severityButton.click();
    const desc = await ranks();
    await severityButton.click();
    const asc = await ranks();
    await severityButton.focus();
    await page.keyboard.press('Enter');
    const keyboard = await ranks();
    summary.sort = { desc: desc.join(''), asc: asc.join(''), keyboard: keyboard.join('') };
    if (!(desc[0] >= desc[1]) || !isSorted(desc, true)) fail('first Severity click did not sort descending');
    if (!(asc[0] <= asc[1]) || !isSorted(asc, false)) fail('second Severity click did not sort ascending');
    if (!isSorted(keyboard, true)) fail('Enter on the Severity header did not sort');
    if (desc[0] === desc[desc.length - 1]) fail('all visible rows have one rank: sort not exercised');
  }

  // Search: pick a term that matches some but not all visible rows (or use $SEARCH).
  if (hasTable && initial.length >= 1 && (await page.$('#f-search'))) {
    const before = await visibleRows();
    let term = process.env.SEARCH;
    if (!term) {
      for (const r of before) {
        const n = before.filter((x) => x.text.includes(r.policy.toLowerCase())).length;
        if (n < before.length) { term = r.policy; break; }
      }
      term = term || before[0].policy;
    }
    summary.search = term;
    const expected = before.filter((r) => term.toLowerCase().split(/\s+/).every((t) => r.text.includes(t))).length;
    await page.fill('#f-search', term);
    const after = await visibleRows();
    summary.visibleAfterSearch = after.length;
    summary.countText = await countText();
    const c = parseCount(summary.countText);
    if (after.length !== expected) fail(`search "${term}" shows ${after.length} rows, expected ${expected}`);
    if (after.length === before.length && before.length > 1) fail('search did not change the visible count');
    if (!c || c.shown !== after.length || c.total !== summary.rows) fail(`count text not updated: ${summary.countText}`);
    await page.fill('#f-search', '');
    if ((await visibleRows()).length !== before.length) fail('clearing the search did not restore the rows');
  }

  // Status "all" shows every row, passes too.
  if (hasTable && (await page.$('#f-status'))) {
    await page.selectOption('#f-status', 'all');
    const all = await visibleRows();
    summary.visibleAll = all.length;
    if (all.length !== summary.rows) fail(`status "all" shows ${all.length} of ${summary.rows} rows`);
    if (summary.rows > summary.visibleInitial && !(all.length > summary.visibleInitial)) fail('status "all" did not show more rows');
    const c = parseCount(await countText());
    if (!c || c.shown !== all.length) fail(`count text after "all": ${await countText()}`);
  }

  // Every other filter select can be driven without errors.
  for (const id of ['#f-severity', '#f-service', '#f-framework', '#f-baseline']) {
    if (!(await page.$(id))) continue;
    const values = await page.$$eval(`${id} option`, (os) => os.map((o) => o.value));
    for (const v of values) await page.selectOption(id, v);
    await page.selectOption(id, 'all');
  }
  for (const table of await page.$$('table.sortable:not(#findings-table)')) {
    for (const b of await table.$$('thead button')) await b.click();
  }

  summary.xss = await page.evaluate(() => typeof window.__xss !== 'undefined');
  await context.close();
} catch (err) {
  fail(`check crashed: ${err && err.stack || err}`);
} finally {
  await browser.close();
}

if (summary.consoleErrors.length || summary.pageErrors.length || summary.externalRequests.length ||
    summary.staticIssues.length || summary.failures.length || summary.xss ||
    summary.screenshotBytes < 10 * 1024) {
  exitCode = 1;
}
console.log(JSON.stringify(summary, null, 2));
process.exit(exitCode);
