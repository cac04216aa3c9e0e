#!/usr/bin/env node
// Browser check of a built tiendo site, in Debian's headless Chromium.
//
//   node check.mjs SITE_DIR BASE_PATH PAGE...
//
// Serves SITE_DIR on 127.0.0.1 (a random free port) under BASE_PATH (the
// path of the site's base_url, e.g. /cchc/), opens each PAGE (a route under
// BASE_PATH: "" for the home page, "don-vi/hon-quan/", "thoi-han/", ...) at
// 375 px and 1280 px viewport width, and for each:
//   - runs axe-core (WCAG 2.0/2.1 A and AA rules);
//   - records console errors, page errors, failed requests (4xx/5xx, or a
//     request that did not complete, or one to another host than ours) and
//     JavaScript dialogs;
//   - checks that the page has no <script> element but the search's own;
//   - takes a full-page screenshot, e.g. home-375.png, don-vi-hon-quan-1280.png.
// Screenshots and report.json go to $SCREENSHOT_DIR (default: a new temp dir),
// whose path is printed. Exits 1 with a report if anything went wrong, 2 on
// bad usage.

import { createServer } from 'node:http';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const WIDTHS = [375, 1280];
const HEIGHT = 800;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
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
  console.error('usage: node check.mjs SITE_DIR BASE_PATH PAGE...');
  console.error('  e.g. node check.mjs /tmp/site /cchc/ "" don-vi/hon-quan/ thoi-han/');
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
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------------------------------------------------------------- browser

/** Records `text` seen at `width` in `list` (a Map text → widths). */
function note(list, width, text) {
  const widths = list.get(text);
  if (!widths) list.set(text, [width]);
  else if (!widths.includes(width)) widths.push(width);
}

function widthsLabel(widths) {
  return widths.length === WIDTHS.length ? 'all widths' : widths.map((w) => `${w}px`).join(', ');
}

function describeNode(node) {
  const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ');
  let html = node.html.replace(/\s+/g, ' ');
  if (html.length > 200) html = `${html.slice(0, 197)}...`;
  const summary = (node.failureSummary || '').replace(/\s*\n\s*/g, ' ').trim();
  return { target, html, summary };
}

async function main() {
  const [siteDirArg, baseArg, ...routeArgs] = process.argv.slice(2);
  if (!siteDirArg || baseArg === undefined) usage();
  if (routeArgs.length === 0) usage('no PAGE given (use "" for the home page)');
  if (!(await isDir(siteDirArg))) usage(`SITE_DIR ${siteDirArg} is not a folder`);
  const basePath = normalizeBase(baseArg);
  const routes = routeArgs.map(normalizeRoute);
  const names = routes.map(pageName);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) usage(`two pages would share the screenshot name ${dup}`);

  const shotDir = process.env.SCREENSHOT_DIR
    ? path.resolve(process.env.SCREENSHOT_DIR)
    : await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-screenshots-'));
  await fs.mkdir(shotDir, { recursive: true });

  const server = await startServer(siteDirArg, basePath);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-chromium-profile-'));

  let context;
  const results = [];
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
    // The site must be self-contained: no request may leave our server.
    await context.route(
      (url) => url.origin !== origin && !['data:', 'blob:', 'about:'].includes(url.protocol),
      (route) => route.abort('blockedbyclient'),
    );

    for (const [i, route] of routes.entries()) {
      const result = {
        page: route === '' ? '(home)' : route,
        url: `${origin}${basePath}${route}`,
        site: `${origin}${basePath}`,
        name: names[i],
        violations: new Map(), // rule id → { rule, impact, help, helpUrl, nodes: Map(target → node+widths) }
        needsReview: new Set(),
        consoleErrors: new Map(),
        pageErrors: new Map(),
        failedRequests: new Map(),
        dialogs: new Map(),
        scripts: new Map(),
        overflow: new Map(),
        screenshots: [],
      };
      results.push(result);
      for (const width of WIDTHS) {
        await checkPage(context, result, width, shotDir);
      }
    }
  } finally {
    if (context) await context.close().catch(() => {});
    server.close();
    await fs.rm(profile, { recursive: true, force: true }).catch(() => {});
  }

  await report(results, shotDir, siteDirArg, basePath);
}

async function checkPage(context, result, width, shotDir) {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
      note(result.consoleErrors, width, `${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => note(result.pageErrors, width, err.message));
  page.on('dialog', (dialog) => {
    note(result.dialogs, width, `${dialog.type()} dialog: ${JSON.stringify(dialog.message())}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('response', (res) => {
    if (res.status() >= 400) {
      note(result.failedRequests, width, `${res.status()} ${res.request().resourceType()} ${res.url()}`);
    }
  });
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText || 'failed';
    note(result.failedRequests, width, `${why} ${req.resourceType()} ${req.url()}`);
  });

  try {
    await page.setViewportSize({ width, height: HEIGHT });
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

    // Horizontal overflow: a warning, not a failure (look at the screenshot).
    const overflow = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const sw = document.documentElement.scrollWidth;
      return sw > vw ? { vw, sw } : null;
    });
    if (overflow) {
      note(result.overflow, width, `page is ${overflow.sw}px wide in a ${overflow.vw}px viewport (scrolls sideways)`);
    }

    const file = path.join(shotDir, `${result.name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    result.screenshots.push(file);

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
        if (seen) seen.widths.push(width);
        else entry.nodes.set(d.target, { ...d, widths: [width] });
      }
    }
    for (const v of axeResult.incomplete) result.needsReview.add(v.id);
  } catch (err) {
    note(result.pageErrors, width, `check failed: ${err.message.split('\n')[0]}`);
  } finally {
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- report

async function report(results, shotDir, siteDir, basePath) {
  let violations = 0;
  let violationNodes = 0;
  let consoleErrors = 0;
  let pageErrors = 0;
  let failedRequests = 0;
  let dialogs = 0;
  let scripts = 0;
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
    consoleErrors += r.consoleErrors.size;
    pageErrors += r.pageErrors.size;
    failedRequests += r.failedRequests.size;
    dialogs += r.dialogs.size;
    scripts += r.scripts.size;
    const warnings = [...r.overflow].map(([text, widths]) => `  warning (${widthsLabel(widths)}): ${text}`);

    lines.push(`${problems.length ? 'FAIL' : 'ok  '} ${r.page}`);
    lines.push(...problems, ...warnings);
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
  }));
  await fs.writeFile(
    path.join(shotDir, 'report.json'),
    `${JSON.stringify({ siteDir: path.resolve(siteDir), basePath, widths: WIDTHS, axeTags: AXE_TAGS, pages: json }, null, 2)}\n`,
  );

  console.log(lines.join('\n'));
  console.log(`screenshots: ${shotDir}`);
  const failed = violations + consoleErrors + pageErrors + failedRequests + dialogs + scripts > 0;
  const extras = [
    `${pageErrors} page errors`,
    `${failedRequests} failed requests`,
    `${dialogs} dialogs`,
    `${scripts} script elements`,
  ];
  console.log(
    `browser check: ${results.length} pages, ${violations} violations` +
      (violationNodes ? ` (${violationNodes} elements)` : '') +
      `, ${consoleErrors} console errors, ${extras.join(', ')}` +
      (failed ? ' — FAILED' : ''),
  );
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`browser check: crashed: ${err.stack || err}`);
    process.exit(1);
  });
}
