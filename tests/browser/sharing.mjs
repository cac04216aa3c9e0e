#!/usr/bin/env node
// Links that work anywhere, and the search, in one headless Chromium.
//
//   node sharing.mjs SITE_DIR OFFLINE_DIR [BILINGUAL_DIR]
//
// SITE_DIR is the example site built as usual, OFFLINE_DIR the same built
// with --offline. SITE_DIR is served on 127.0.0.1 under two path prefixes
// that are not base_url's (/a/ and /hai/ba/), and OFFLINE_DIR is opened
// from file://. In each of the three:
//   - every link of the home page and of a unit page is followed: no failed
//     request, no page without its stylesheet;
//   - the search page finds, typed from the keyboard, "tan loi" → the Tân
//     Lợi unit first, "7.2.5" → the criterion first, "thu dien tu cong vu"
//     → the note about it; "Tân Lợi" ranks it first too;
//   - axe-core finds no violation on the search results.
// BILINGUAL_DIR, the bilingual fixture built, is served under /a/: every
// link of its English home page is followed, and each language's search
// finds "tan loi" → the Tân Lợi unit of its own language, the English one
// also by its English name ("reform plan issued" → criterion 1.1).
// Exits 1 with the problems found.

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { AXE_TAGS, CHROMIUM, CHROMIUM_ARGS as ARGS, startServer } from './check.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

const UNIT_PAGE = 'don-vi/tan-loi/';

const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

/** Opens `url`, records failed requests and errors; returns the page. */
async function open(context, url, where) {
  const page = await context.newPage();
  page.on('requestfailed', (r) => fail(where, `failed request ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) fail(where, `${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => fail(where, `page error ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') fail(where, `console error ${m.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** The page's stylesheet is loaded and applies. */
async function hasCss(page) {
  return page.evaluate(() => {
    const sheets = [...document.styleSheets].filter((s) => s.href && s.href.endsWith('assets/style.css'));
    let rules = 0;
    try {
      rules = sheets.reduce((n, s) => n + s.cssRules.length, 0);
    } catch {
      rules = sheets.length; // file:// sheets may hide their rules; the style below still tells
    }
    const skip = document.querySelector('.skip');
    const styled = skip && getComputedStyle(skip).position === 'absolute';
    return rules > 0 && styled;
  });
}

/** Whether a file that is not a page (data, feed) is served, or on disk. */
async function exists(context, url) {
  if (url.startsWith('file:')) {
    return fs.stat(fileURLToPath(url)).then((st) => st.isFile(), () => false);
  }
  const res = await context.request.get(url);
  return res.ok();
}

/** Follows every link of `start` (a URL) that stays on the site. */
async function followLinks(context, start, siteRoot, where) {
  const page = await open(context, start, where);
  if (!(await hasCss(page))) fail(where, `${start} has no stylesheet`);
  const links = await page.$$eval('a[href], link[href]', (els) => els.map((e) => e.href));
  await page.close();
  const targets = [...new Set(links.map((l) => l.split('#')[0]))].filter((l) => l.startsWith(siteRoot));
  if (targets.length < 10) fail(where, `only ${targets.length} links on ${start}`);
  for (const url of targets) {
    if (!/\/$|\.html$/.test(url)) {
      // A data file, the feed or the stylesheet: it must be there.
      if (!(await exists(context, url))) fail(where, `missing ${url}`);
      continue;
    }
    const p = await open(context, url, where);
    // A portal's frame (nhung/) carries its few rules itself.
    if (!url.includes('/nhung/') && !(await hasCss(p))) fail(where, `${url} has no stylesheet`);
    await p.close();
  }
  return targets.length;
}

/** Types `query` in the search field from the keyboard; returns the results. */
async function search(page, query) {
  await page.fill('#q', '');
  await page.focus('#q');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (q) => {
      const s = document.getElementById('search-status').textContent;
      return s.includes(q) && document.getElementById('search-results').children.length > 0;
    },
    query,
    { timeout: 10_000 },
  ).catch(() => {});
  return page.$$eval('#search-results a', (as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
}

/** With accents, the exact accents first: on an index of two units, Tấn
 * Lợi (first by id) and Tân Lợi, handed to the page's script as the index
 * files would. */
async function checkAccents(context, searchUrl, where) {
  const page = await open(context, searchUrl, where);
  await page.evaluate(() => {
    window.tiendoSearch('index', { docs: 2, chunk: 32, kinds: [['unit', 0]], keys: [''] });
    window.tiendoSearch('t0', { xa: { 'xã': '0,1' }, tan: { 'tấn': '0', 'tân': '1' }, loi: { 'lợi': '0,1' } });
    window.tiendoSearch('d0', [['Xã Tấn Lợi', 'don-vi/tan-loi-2/', ''], ['Xã Tân Lợi', 'don-vi/tan-loi/', '']]);
  });
  const cases = [
    ['Tân Lợi', ['Xã Tân Lợi', 'Xã Tấn Lợi']],
    ['Tấn Lợi', ['Xã Tấn Lợi', 'Xã Tân Lợi']],
    ['tan loi', ['Xã Tấn Lợi', 'Xã Tân Lợi']],
    ['xa tân lo', ['Xã Tân Lợi', 'Xã Tấn Lợi']],
  ];
  for (const [query, want] of cases) {
    const got = (await search(page, query)).map((r) => r.text);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      fail(where, `"${query}" ranks ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
    }
  }
  await page.close();
}

async function checkSearch(context, searchUrl, where) {
  const page = await open(context, searchUrl, where);
  // Keyboard only: Tab from the start of the page reaches the field.
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'q');
  }
  if (!reached) fail(where, 'the search field cannot be reached with Tab');
  const label = await page.$eval('label[for=q]', (l) => l.textContent.trim()).catch(() => '');
  if (!label) fail(where, 'the search field has no label');
  const live = await page.$eval('#search-status', (s) => s.getAttribute('aria-live'));
  if (live !== 'polite') fail(where, 'the results are not announced (aria-live)');

  const expect = [
    ['tan loi', (r) => /don-vi\/tan-loi\/(index\.html)?$/.test(r[0]?.href || ''), 'the Tân Lợi unit first'],
    ['Tân Lợi', (r) => /don-vi\/tan-loi\/(index\.html)?$/.test(r[0]?.href || ''), 'the Tân Lợi unit first'],
    ['7.2.5', (r) => /tieu-chi\/[^/]+\/7\.2\.5\/(index\.html)?$/.test(r[0]?.href || ''), 'the criterion 7.2.5 first'],
    ['thu dien tu cong vu', (r) => r.some((x) => /ghi-chu\/[^/]*thu-dien-tu-cong-vu/.test(x.href)), 'the note about it'],
  ];
  for (const [query, ok, what] of expect) {
    const results = await search(page, query);
    if (!ok(results)) {
      fail(where, `"${query}" does not list ${what}: ${JSON.stringify(results.slice(0, 3))}`);
    }
  }
  await checkAccents(context, searchUrl, where);
  // axe on the results shown (axe's own requests are not the site's).
  for (const e of ['requestfailed', 'console', 'response']) page.removeAllListeners(e);
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  for (const v of result.violations) fail(where, `axe ${v.id}: ${v.help} (${v.nodes.length})`);
  // A result is a link that works.
  const first = await page.$('#search-results a');
  if (first) {
    await first.focus();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    if (!(await hasCss(page))) fail(where, `the first result ${page.url()} has no stylesheet`);
  }
  await page.close();
}

/** The search of each language of the bilingual fixture, under `root`. */
async function checkBilingual(context, root, where) {
  const cases = [
    ['', 'tan loi', /^(\.\.\/)+don-vi\/xa-tan-loi\/$/],
    ['en/', 'tan loi', /^(\.\.\/)+en\/don-vi\/xa-tan-loi\/$/],
    ['en/', 'reform plan issued', /^(\.\.\/)+en\/tieu-chi\/xa\/1\.1\/$/],
  ];
  for (const [lang, query, want] of cases) {
    const page = await open(context, `${root}${lang}tim-kiem/`, where);
    const results = await search(page, query);
    if (!want.test(results[0]?.href || '')) {
      fail(where, `${lang}tim-kiem/: "${query}" gives ${JSON.stringify(results.slice(0, 2))}`);
    }
    const first = await page.$('#search-results a');
    if (first) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), first.click()]);
      if (!(await hasCss(page))) fail(where, `the first result ${page.url()} has no stylesheet`);
    }
    await page.close();
  }
}

async function main() {
  const [siteDir, offlineDir, bilingualDir] = process.argv.slice(2);
  if (!siteDir || !offlineDir) {
    console.error('usage: node sharing.mjs SITE_DIR OFFLINE_DIR');
    process.exit(2);
  }
  const servers = [];
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-chromium-profile-'));
  let context;
  try {
    const places = [];
    for (const prefix of ['/a/', '/hai/ba/']) {
      const server = await startServer(siteDir, prefix);
      servers.push(server);
      places.push({ where: `served under ${prefix}`, root: `http://127.0.0.1:${server.address().port}${prefix}`, index: '' });
    }
    places.push({ where: 'file:// (--offline)', root: pathToFileURL(path.resolve(offlineDir)).href + '/', index: 'index.html' });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      locale: 'vi-VN',
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(30_000);
    // Nothing may leave the site: another host is a failure.
    await context.route(
      (url) => url.protocol !== 'file:' && url.hostname !== '127.0.0.1' && !['data:', 'about:'].includes(url.protocol),
      (route) => route.abort('blockedbyclient'),
    );
    for (const p of places) {
      let followed = 0;
      followed += await followLinks(context, p.root + p.index, p.root, p.where);
      followed += await followLinks(context, p.root + UNIT_PAGE + p.index, p.root, p.where);
      await checkSearch(context, `${p.root}tim-kiem/${p.index}`, p.where);
      console.log(`${p.where}: ${followed} links followed, search checked`);
    }
    if (bilingualDir) {
      const server = await startServer(bilingualDir, '/a/');
      servers.push(server);
      const root = `http://127.0.0.1:${server.address().port}/a/`;
      const where = 'bilingual, served under /a/';
      const followed = await followLinks(context, `${root}en/`, root, where);
      await checkBilingual(context, root, where);
      console.log(`${where}: ${followed} links followed, search in both languages checked`);
    }
  } finally {
    if (context) await context.close().catch(() => {});
    for (const s of servers) s.close();
    await fs.rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  if (problems.length) {
    console.log([...new Set(problems)].join('\n'));
    console.log(`sharing check: ${problems.length} problems — FAILED`);
    process.exitCode = 1;
  } else {
    console.log('sharing check: links, stylesheets and search ok');
  }
}

main().catch((err) => {
  console.error(`sharing check: crashed: ${err.stack || err}`);
  process.exit(1);
});
