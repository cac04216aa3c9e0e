#!/usr/bin/env node
// Browser check of built tiendo sites, in one headless Chromium (Debian's).
//
//   node check.mjs SITE_DIR BASE_PATH PAGE... [-- SITE_DIR BASE_PATH PAGE...]...
//
// Serves each SITE_DIR on 127.0.0.1 (a random free port) under BASE_PATH (the
// path of the site's base_url, e.g. /cchc/) and opens each PAGE (a route under
// BASE_PATH: "" for the home page, "don-vi/hon-quan/", "thoi-han/", ...).
// At 320, 375 and 1280 px viewport width, for each page:
//   - runs axe-core (WCAG 2.0/2.1 A and AA rules), at 375 px also in the
//     emulated dark scheme (prefers-color-scheme: dark);
//   - fails when the page scrolls sideways (wide tables scroll in their own
//     box, which does not count);
//   - records console errors, page errors, failed requests (4xx/5xx, or a
//     request that did not complete, or one to another host than ours) and
//     JavaScript dialogs;
//   - checks that the page has no <script> element but the search's own;
//   - takes a full-page screenshot at 375 and 1280 px, e.g. home-375.png;
//   - fails when a word of a table or a list is broken inside its letters
//     (its letters on two lines: "Ph / ối"), at 320, 375 and 1280 px and
//     also at 414 px (a large phone; only this check there), unless the
//     text around it has no blank and is wider than its room (a long
//     address: the break is forced).
// A PAGE written "print:ROUTE" is also printed: in print media at the width
// of an A4 page's content, no element may be wider than the page, the
// navigation must be hidden and the page's address and as-of date shown;
// then it is printed to PDF (A4), e.g. don-vi-hon-quan.pdf.
// Screenshots, PDFs and report.json go to $SCREENSHOT_DIR/<site folder name>
// (default: a new temp dir), whose path is printed. Exits 1 with a report if
// anything went wrong, 2 on bad usage.

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

// Debian's Chromium and the flags every browser check starts it with (no
// network of its own: this machine has none), shared by the other scripts.
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const WIDTHS = [320, 375, 1280];
// Phone widths where words must stay whole: those of WIDTHS and these.
const WORD_WIDTHS = [414];
const SCREENSHOT_WIDTHS = [375, 1280];
const DARK_WIDTH = 375;
// The content width of an A4 page with the theme's @page margins (12 mm on
// each side): 186 mm at 96 CSS px per inch.
const PRINT_WIDTH = Math.floor((186 / 25.4) * 96);
const HEIGHT = 800;
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TIMEOUT_MS = 30_000;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};

function usage(message) {
  if (message) console.error(`check.mjs: ${message}`);
  console.error('usage: node check.mjs SITE_DIR BASE_PATH PAGE... [-- SITE_DIR BASE_PATH PAGE...]...');
  console.error('  e.g. node check.mjs /tmp/site /cchc/ "" don-vi/hon-quan/ thoi-han/');
  console.error('  a PAGE written print:ROUTE is also printed to PDF (A4) and checked');
  process.exit(2);
}

/** "/cchc" or "cchc/" → "/cchc/"; "" or "/" → "/". */
function normalizeBase(base) {
  let b = base.trim();
  if (!b.startsWith('/')) b = `/${b}`;
  if (!b.endsWith('/')) b = `${b}/`;
  return b.replace(/\/{2,}/g, '/');
}

/** "" / "/" / "." → "" (home); "/thoi-han/" → "thoi-han/". */
function normalizeRoute(route) {
  let r = route.trim().replace(/^\/+/, '');
  if (r === '.' || r === 'home') r = '';
  return r;
}

/** "" → "home"; "don-vi/hon-quan/" → "don-vi-hon-quan". */
function pageName(route) {
  const name = route
    .replace(/\/index\.html$/, '')
    .split('/')
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return name || 'home';
}

// ---------------------------------------------------------------- server

async function isFile(p) {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export function startServer(siteDir, basePath) {
  const root = path.resolve(siteDir);
  const notFoundPage = path.join(root, '404.html');

  async function send(req, res, status, file, extraHeaders = {}) {
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    const { size } = await fs.stat(file);
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  }

  async function notFound(req, res) {
    if (await isFile(notFoundPage)) return send(req, res, 404, notFoundPage);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 not found (and no 404.html in the site)\n');
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
      return res.end('method not allowed\n');
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    let urlPath;
    try {
      urlPath = decodeURIComponent(url.pathname);
    } catch {
      return notFound(req, res);
    }
    // The base path without its trailing slash: redirect, as web servers do.
    if (basePath !== '/' && urlPath === basePath.slice(0, -1)) {
      res.writeHead(301, { Location: basePath + url.search });
      return res.end();
    }
    if (!urlPath.startsWith(basePath) || urlPath.includes('\0')) return notFound(req, res);
    const rel = urlPath.slice(basePath.length);
    const file = path.resolve(root, `.${path.posix.sep}${rel}`);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(req, res);

    if (await isDir(file)) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      const index = path.join(file, 'index.html');
      if (await isFile(index)) return send(req, res, 200, index);
      return notFound(req, res);
    }
    if (!urlPath.endsWith('/') && (await isFile(file))) return send(req, res, 200, file);
    return notFound(req, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`500 ${err}\n`);
    });
  });
  // Node closes a connection after 5 s without a request; a client that
  // sends one on it at that moment gets a reset (a CI run's sharing check
  // failed so, fetching a data file after pages had been opened for a
  // while). The checks pause longer than that between requests: keep idle
  // connections open for the life of the server.
  server.keepAliveTimeout = 10 * 60 * 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- browser

/** Records `text` seen at `width` (or a label such as "375px dark") in `list`. */
function note(list, width, text) {
  const widths = list.get(text);
  if (!widths) list.set(text, [width]);
  else if (!widths.includes(width)) widths.push(width);
}

function widthsLabel(widths) {
  if (widths.length === WIDTHS.length && WIDTHS.every((w) => widths.includes(w))) return 'all widths';
  return widths.map((w) => (typeof w === 'number' ? `${w}px` : w)).join(', ');
}

function describeNode(node) {
  const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ');
  let html = node.html.replace(/\s+/g, ' ');
  if (html.length > 200) html = `${html.slice(0, 197)}...`;
  const summary = (node.failureSummary || '').replace(/\s*\n\s*/g, ' ').trim();
  return { target, html, summary };
}

/** The command line as sites: [{ dir, base, pages: [{ route, print }] }]. */
async function parseSites(args) {
  const groups = [[]];
  for (const a of args) {
    if (a === '--') groups.push([]);
    else groups[groups.length - 1].push(a);
  }
  const sites = [];
  for (const [dir, base, ...pages] of groups) {
    if (!dir || base === undefined) usage();
    if (pages.length === 0) usage(`no PAGE given for ${dir} (use "" for the home page)`);
    if (!(await isDir(dir))) usage(`SITE_DIR ${dir} is not a folder`);
    const parsed = pages.map((p) => {
      const print = p.startsWith('print:');
      return { route: normalizeRoute(print ? p.slice(6) : p), print };
    });
    const names = parsed.map((p) => pageName(p.route));
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) usage(`two pages of ${dir} would share the screenshot name ${dup}`);
    const name = path.basename(path.resolve(dir));
    if (sites.some((s) => s.name === name)) usage(`two sites are named ${name}`);
    sites.push({ dir, name, base: normalizeBase(base), pages: parsed });
  }
  return sites;
}

async function main() {
  const sites = await parseSites(process.argv.slice(2));
  const shotRoot = process.env.SCREENSHOT_DIR
    ? path.resolve(process.env.SCREENSHOT_DIR)
    : await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-screenshots-'));
  const servers = [];
  for (const site of sites) {
    const server = await startServer(site.dir, site.base);
    servers.push(server);
    site.origin = `http://127.0.0.1:${server.address().port}`;
    site.shotDir = sites.length === 1 && !process.env.SCREENSHOT_DIR ? shotRoot : path.join(shotRoot, site.name);
    await fs.mkdir(site.shotDir, { recursive: true });
  }
  const origins = new Set(sites.map((s) => s.origin));
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-chromium-profile-'));

  let context;
  let failed = false;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: WIDTHS[0], height: HEIGHT },
      deviceScaleFactor: 1,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      reducedMotion: 'reduce',
      // The site may forbid scripts by CSP; axe must still be injectable.
      bypassCSP: true,
      serviceWorkers: 'block',
      timeout: TIMEOUT_MS,
    });
    context.setDefaultTimeout(TIMEOUT_MS);
    context.setDefaultNavigationTimeout(TIMEOUT_MS);
    // The sites must be self-contained: no request may leave our servers.
    await context.route(
      (url) => !origins.has(url.origin) && !['data:', 'blob:', 'about:'].includes(url.protocol),
      (route) => route.abort('blockedbyclient'),
    );
    for (const site of sites) {
      const results = [];
      for (const { route, print } of site.pages) {
        const result = newResult(site, route);
        results.push(result);
        for (const width of WIDTHS) await checkPage(context, result, width, site.shotDir);
        for (const width of WORD_WIDTHS) await checkWords(context, result, width);
        if (print) await checkPrint(context, result, site.shotDir);
      }
      if (sites.length > 1) console.log(`== ${site.name} (${site.dir}, served under ${site.base})`);
      failed = (await report(results, site.shotDir, site.dir, site.base)) || failed;
    }
  } finally {
    if (context) await context.close().catch(() => {});
    for (const server of servers) server.close();
    await fs.rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  process.exitCode = failed ? 1 : 0;
}

function newResult(site, route) {
  return {
    page: route === '' ? '(home)' : route,
    url: `${site.origin}${site.base}${route}`,
    site: `${site.origin}${site.base}`,
    name: pageName(route),
    violations: new Map(), // rule id → { rule, impact, help, helpUrl, nodes: Map(target → node+widths) }
    needsReview: new Set(),
    consoleErrors: new Map(),
    pageErrors: new Map(),
    failedRequests: new Map(),
    dialogs: new Map(),
    scripts: new Map(),
    overflow: new Map(),
    brokenWords: new Map(),
    print: new Map(),
    screenshots: [],
  };
}

/** Listens to what a page reports and records it in `result` under `label`. */
function watch(page, result, label) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
      note(result.consoleErrors, label, `${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => note(result.pageErrors, label, err.message));
  page.on('dialog', (dialog) => {
    note(result.dialogs, label, `${dialog.type()} dialog: ${JSON.stringify(dialog.message())}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('response', (res) => {
    if (res.status() >= 400) {
      note(result.failedRequests, label, `${res.status()} ${res.request().resourceType()} ${res.url()}`);
    }
  });
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText || 'failed';
    note(result.failedRequests, label, `${why} ${req.resourceType()} ${req.url()}`);
  });
}

async function runAxe(page, result, label) {
  await page.addScriptTag({ content: axe.source });
  const axeResult = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  for (const v of axeResult.violations) {
    let entry = result.violations.get(v.id);
    if (!entry) {
      entry = { rule: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags, nodes: new Map() };
      result.violations.set(v.id, entry);
    }
    for (const node of v.nodes) {
      const d = describeNode(node);
      const seen = entry.nodes.get(d.target);
      if (seen) seen.widths.push(label);
      else entry.nodes.set(d.target, { ...d, widths: [label] });
    }
  }
  for (const v of axeResult.incomplete) result.needsReview.add(v.id);
}

async function checkPage(context, result, width, shotDir) {
  const page = await context.newPage();
  watch(page, result, width);
  try {
    await page.setViewportSize({ width, height: HEIGHT });
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
    const response = await page.goto(result.url, { waitUntil: 'load' });
    if (!response) {
      note(result.failedRequests, width, `no response for ${result.url}`);
    } else if (!/^text\/html\b/.test(response.headers()['content-type'] || '')) {
      note(result.failedRequests, width, `${result.url} is served as ${response.headers()['content-type']}, not text/html`);
    }
    await page.evaluate(() => document.fonts.ready.then(() => true));

    // No <script> in the page as the site serves it (checked before axe is
    // added), but the theme's search script and its index files, from the site.
    const ours = result.site;
    const scripts = await page.$$eval(
      'script',
      (els, base) =>
        els
          .filter((s) => !(s.src.startsWith(`${base}assets/search.js`) || s.src.startsWith(`${base}tim-kiem/chi-muc/`)))
          .map((s) => (s.src ? `<script src="${s.getAttribute('src')}">` : `<script> ${s.textContent.trim().slice(0, 60)}`)),
      ours,
    );
    for (const s of scripts) note(result.scripts, width, s);

    // Nothing scrolls sideways; a wide table scrolls in its own box, which
    // does not widen the page.
    const overflow = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const sw = document.documentElement.scrollWidth;
      if (sw <= vw) return null;
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > vw + 0.5)
        .slice(0, 3)
        .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}>`);
      return { vw, sw, wide };
    });
    if (overflow) {
      note(result.overflow, width, `page is ${overflow.sw}px wide in a ${overflow.vw}px viewport (scrolls sideways): ${overflow.wide.join(', ')}`);
    }

    for (const word of await brokenWords(page)) note(result.brokenWords, width, word);

    if (SCREENSHOT_WIDTHS.includes(width)) {
      const file = path.join(shotDir, `${result.name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      result.screenshots.push(file);
    }

    await runAxe(page, result, width);
    if (width === DARK_WIDTH) {
      await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
      await runAxe(page, result, `${width}px dark`);
      const file = path.join(shotDir, `${result.name}-${width}-dark.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      result.screenshots.push(file);
    }
  } catch (err) {
    note(result.pageErrors, width, `check failed: ${err.message.split('\n')[0]}`);
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * The words of the page's tables and lists whose letters fall on two lines
 * ("Ph" at the end of one line, "ối" on the next): each run of letters and
 * digits of a text node, measured as a Range (one box per line it spans).
 * Words that are not shown (a closed <details>) have no box. A break is
 * forced, and not counted, where the run of text without a blank around
 * the word is wider than the room it has: the content width of the block
 * it is in, or, in a table, of the block the table is in (a cell's width
 * is the table's choice; squeezing a column to a letter is the fault this
 * finds).
 */
export async function brokenWords(page) {
  return page.evaluate(() => {
    const found = new Set();
    const seen = new Set();
    const word = /[\p{L}\p{M}\p{N}]{2,}/gu;
    const blocks = ['block', 'list-item', 'flow-root', 'flex', 'grid'];
    const room = (node) => {
      let el = node.parentElement;
      const table = el && el.closest('table');
      if (table) el = table.parentElement;
      while (el && !blocks.includes(getComputedStyle(el).display)) el = el.parentElement;
      if (!el) return Infinity;
      const style = getComputedStyle(el);
      return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    const width = (node, start, end) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      return [...range.getClientRects()].reduce((sum, r) => sum + r.width, 0);
    };
    for (const root of document.querySelectorAll('table, ul, ol, dl')) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (seen.has(node)) continue;
        seen.add(node);
        for (const m of node.data.matchAll(word)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const boxes = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
          if (boxes.length < 2) continue;
          const tops = boxes.map((r) => r.top);
          const line = Math.min(...boxes.map((r) => r.height));
          if (Math.max(...tops) - Math.min(...tops) <= line / 2) continue;
          // The run without a blank that holds the word.
          const before = node.data.slice(0, m.index).search(/\S*$/);
          const after = node.data.slice(m.index).search(/\s|$/);
          if (width(node, before, m.index + after) > room(node) + 0.5) continue;
          found.add(m[0]);
        }
      }
    }
    return [...found];
  });
}

/** Only the words, at a width where nothing else is checked. */
async function checkWords(context, result, width) {
  const page = await context.newPage();
  watch(page, result, width);
  try {
    await page.setViewportSize({ width, height: HEIGHT });
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
    await page.goto(result.url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => true));
    for (const word of await brokenWords(page)) note(result.brokenWords, width, word);
  } catch (err) {
    note(result.pageErrors, width, `word check failed: ${err.message.split('\n')[0]}`);
  } finally {
    await page.close().catch(() => {});
  }
}

/** The page in print media at the width of A4 paper, then printed to PDF. */
async function checkPrint(context, result, shotDir) {
  const label = 'print';
  const page = await context.newPage();
  watch(page, result, label);
  try {
    await page.setViewportSize({ width: PRINT_WIDTH, height: HEIGHT });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.goto(result.url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => true));
    const found = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const visible = (el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => visible(el))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.right > vw + 0.5 || r.left < -0.5;
        })
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> ${Math.round(el.getBoundingClientRect().width)}px`);
      const nav = [...document.querySelectorAll('nav')].filter(visible).length;
      const canonical = document.querySelector('link[rel=canonical]')?.href || '';
      const text = document.body.innerText;
      return { vw, sw: document.documentElement.scrollWidth, wide, nav, canonical, hasUrl: canonical !== '' && text.includes(canonical) };
    });
    if (found.sw > found.vw) note(result.print, label, `printed page is ${found.sw}px wide on ${found.vw}px of paper`);
    for (const w of found.wide) note(result.print, label, `element wider than the paper (${found.vw}px): ${w}`);
    if (found.nav) note(result.print, label, `${found.nav} navigation element(s) printed`);
    if (!found.hasUrl) note(result.print, label, `the page's address ${found.canonical} is not printed`);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
    if (!pdf.subarray(0, 5).toString('latin1').startsWith('%PDF') || pages === 0) {
      note(result.print, label, 'printing to PDF gave no page');
    }
    const file = path.join(shotDir, `${result.name}.pdf`);
    await fs.writeFile(file, pdf);
    result.screenshots.push(file);
  } catch (err) {
    note(result.pageErrors, label, `print check failed: ${err.message.split('\n')[0]}`);
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- report

/** Prints the report of one site and writes its report.json; true if it failed. */
async function report(results, shotDir, siteDir, basePath) {
  let violations = 0;
  let violationNodes = 0;
  let consoleErrors = 0;
  let pageErrors = 0;
  let failedRequests = 0;
  let dialogs = 0;
  let scripts = 0;
  let sideways = 0;
  let broken = 0;
  let print = 0;
  const lines = [];

  for (const r of results) {
    const problems = [];
    for (const v of r.violations.values()) {
      violations += 1;
      violationNodes += v.nodes.size;
      problems.push(`  axe ${v.rule} [${v.impact}]: ${v.help} (${v.nodes.size} element${v.nodes.size === 1 ? '' : 's'})`);
      problems.push(`      ${v.helpUrl}`);
      for (const n of v.nodes.values()) {
        problems.push(`    - ${n.target}  (${widthsLabel(n.widths)})`);
        problems.push(`      ${n.html}`);
        if (n.summary) problems.push(`      ${n.summary}`);
      }
    }
    const list = (label, items) => {
      for (const [text, widths] of items) problems.push(`  ${label} (${widthsLabel(widths)}): ${text}`);
    };
    list('console error', r.consoleErrors);
    list('page error', r.pageErrors);
    list('failed request', r.failedRequests);
    list('dialog', r.dialogs);
    list('script element', r.scripts);
    list('scrolls sideways', r.overflow);
    list('word broken inside its letters', r.brokenWords);
    list('print', r.print);
    consoleErrors += r.consoleErrors.size;
    pageErrors += r.pageErrors.size;
    failedRequests += r.failedRequests.size;
    dialogs += r.dialogs.size;
    scripts += r.scripts.size;
    sideways += r.overflow.size;
    broken += r.brokenWords.size;
    print += r.print.size;

    lines.push(`${problems.length ? 'FAIL' : 'ok  '} ${r.page}`);
    lines.push(...problems);
  }

  const byWidth = (m) => [...m].map(([text, widths]) => ({ text, widths }));
  const json = results.map((r) => ({
    ...r,
    violations: [...r.violations.values()].map((v) => ({ ...v, nodes: [...v.nodes.values()] })),
    needsReview: [...r.needsReview],
    consoleErrors: byWidth(r.consoleErrors),
    pageErrors: byWidth(r.pageErrors),
    failedRequests: byWidth(r.failedRequests),
    dialogs: byWidth(r.dialogs),
    scripts: byWidth(r.scripts),
    overflow: byWidth(r.overflow),
    brokenWords: byWidth(r.brokenWords),
    print: byWidth(r.print),
  }));
  await fs.writeFile(
    path.join(shotDir, 'report.json'),
    `${JSON.stringify({ siteDir: path.resolve(siteDir), basePath, widths: WIDTHS, axeTags: AXE_TAGS, pages: json }, null, 2)}\n`,
  );

  console.log(lines.join('\n'));
  console.log(`screenshots: ${shotDir}`);
  const failed = violations + consoleErrors + pageErrors + failedRequests + dialogs + scripts + sideways + broken + print > 0;
  const extras = [
    `${pageErrors} page errors`,
    `${failedRequests} failed requests`,
    `${dialogs} dialogs`,
    `${scripts} script elements`,
    `${sideways} sideways scrolls`,
    `${broken} broken words`,
    `${print} print problems`,
  ];
  console.log(
    `browser check: ${results.length} pages, ${violations} violations (light and dark)` +
      (violationNodes ? ` (${violationNodes} elements)` : '') +
      `, ${consoleErrors} console errors, ${extras.join(', ')}` +
      (failed ? ' — FAILED' : ''),
  );
  return failed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`browser check: crashed: ${err.stack || err}`);
    process.exit(1);
  });
}
