#!/usr/bin/env node
// The frameable summaries (nhung/) as a portal shows them, in one headless
// Chromium.
//
//   node embed.mjs SITE_DIR BASE_PATH UNIT...
//
// Serves SITE_DIR on 127.0.0.1 under BASE_PATH, and a portal's page on
// another port of 127.0.0.1 (another origin). For each UNIT (an id; ""
// for the site's summary, from the home page), the <iframe> code is read
// from the page's "Nhúng vào cổng thông tin" section, as an editor copies it, pointed at the local server instead of
// base_url, and pasted into the portal's page; at 360 and 720 px wide:
//   - the frame shows the unit's name, its score line and its next
//     deadline, each whole inside the frame;
//   - the frame's page has no scroll bar (nothing taller or wider than the
//     frame);
//   - every link of the frame opens in the top window (target=_top), and
//     following the unit's name opens its page in the portal's window;
//   - axe-core finds no violation in the frame, in the light and the dark
//     scheme.
// Also: every summary under nhung/ is under 8 KB, has no <script> and says
// noindex; none is in the sitemap. Exits 1 with the problems found.

import { createServer } from 'node:http';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

import { AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, startServer } from './check.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

const WIDTHS = [360, 720];
const MAX_BYTES = 8 * 1024;

const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

async function files(dir) {
  const out = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

/** Every summary: small, without script, noindex, not in the sitemap. */
async function checkFiles(siteDir) {
  const pages = (await files(path.join(siteDir, 'nhung'))).filter((f) => f.endsWith('.html'));
  if (pages.length < 2) fail('nhung/', `only ${pages.length} summaries`);
  let largest = 0;
  for (const file of pages) {
    const bytes = await fs.readFile(file);
    const rel = path.relative(siteDir, file);
    largest = Math.max(largest, bytes.length);
    if (bytes.length >= MAX_BYTES) fail(rel, `${bytes.length} bytes, not under ${MAX_BYTES}`);
    const html = bytes.toString('utf8');
    if (/<script/i.test(html)) fail(rel, 'has a <script>');
    const robots = html.match(/<meta[^>]*name="?robots"?[^>]*>/);
    if (!robots || !robots[0].includes('noindex')) fail(rel, 'does not say noindex');
  }
  const sitemap = await fs.readFile(path.join(siteDir, 'sitemap.xml'), 'utf8').catch(() => '');
  if (sitemap.includes('/nhung/')) fail('sitemap.xml', 'lists a summary');
  console.log(`embed: ${pages.length} summaries, the largest ${largest} bytes`);
}

/** A portal's page on its own origin, framing what `code` says. */
function portal(code) {
  const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Cổng thông tin</title>
<style>body{margin:0;font-family:sans-serif}main{padding:0}</style></head>
<body><main><h1>Cổng thông tin điện tử</h1>${code}</main></body></html>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  server.keepAliveTimeout = 10 * 60 * 1000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function runAxe(frame, where) {
  await frame.addScriptTag({ content: axe.source });
  const result = await frame.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  for (const v of result.violations) {
    fail(where, `axe ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }
}

async function checkUnit(context, site, unit) {
  // "" is the site's summary, framed by the home page's code.
  const unitUrl = `${site.origin}${site.base}${unit ? `don-vi/${unit}/` : ''}`;
  const page = await context.newPage();
  await page.goto(unitUrl);
  const code = await page.$eval('.embed-code', (el) => el.textContent).catch(() => null);
  const name = unit ? await page.$eval('h1', (el) => el.textContent.trim()) : null;
  await page.close();
  if (!code || !code.startsWith('<iframe ')) {
    fail(unitUrl, 'no <iframe> code to copy');
    return;
  }
  // The code names the site on base_url: here it is served locally.
  const local = code.replace(/src="[a-z]+:\/\/[^/"]+\/[^"]*?nhung\//, `src="${site.origin}${site.base}nhung/`);
  if (!/title="[^"]+"/.test(local) || !local.includes('width="100%"')) fail(unit, `the code lacks a title or width: ${code}`);
  const server = await portal(local);
  const portalUrl = `http://127.0.0.1:${server.address().port}/`;
  try {
    for (const width of WIDTHS) {
      for (const scheme of ['light', 'dark']) {
        const where = `${unit} at ${width}px (${scheme})`;
        const p = await context.newPage();
        p.on('console', (m) => m.type() === 'error' && fail(where, `console error ${m.text()}`));
        await p.setViewportSize({ width, height: 900 });
        await p.emulateMedia({ colorScheme: scheme });
        await p.goto(portalUrl, { waitUntil: 'load' });
        const frameElement = await p.$('iframe');
        const frame = await frameElement.contentFrame();
        await frame.waitForLoadState('load');
        const seen = await frame.evaluate(() => {
          const vw = document.documentElement.clientWidth;
          const vh = document.documentElement.clientHeight;
          const whole = (el) => {
            if (!el) return false;
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= vh + 0.5 && r.right <= vw + 0.5;
          };
          return {
            name: document.querySelector('h1')?.textContent.trim(),
            nameShown: whole(document.querySelector('h1')),
            score: document.querySelector('.score')?.textContent.trim(),
            scoreShown: whole(document.querySelector('.score')),
            next: document.querySelector('ol li')?.textContent.trim(),
            nextShown: whole(document.querySelector('ol li')),
            scroll: {
              sh: document.documentElement.scrollHeight,
              ch: vh,
              sw: document.documentElement.scrollWidth,
              cw: vw,
            },
            links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('target')),
          };
        });
        if ((name && seen.name !== name) || !seen.nameShown) fail(where, `the name is not shown whole (${seen.name})`);
        if (!seen.score || !seen.scoreShown) fail(where, 'the score line is not shown whole');
        if (!seen.next || !seen.nextShown) fail(where, 'the next deadline is not shown whole');
        const s = seen.scroll;
        if (s.sh > s.ch || s.sw > s.cw) fail(where, `scrolls: content ${s.sw}×${s.sh} in a frame of ${s.cw}×${s.ch}`);
        if (seen.links.length === 0 || seen.links.some((t) => t !== '_top')) {
          fail(where, `links not all target=_top: ${JSON.stringify(seen.links)}`);
        }
        await runAxe(frame, where);
        if (width === WIDTHS[0] && scheme === 'light') {
          // The unit's name (the site's) opens its page in the portal's window.
          const link = unit ? 'h1 a' : '.site a';
          await Promise.all([p.waitForURL(unitUrl, { timeout: 10_000 }), frame.click(link)]).catch((e) =>
            fail(where, `following the name did not open ${unitUrl} in the top window (${p.url()}): ${e.message.split('\n')[0]}`),
          );
        }
        await p.close();
      }
    }
  } finally {
    server.close();
  }
}

async function main() {
  const [dir, base, ...units] = process.argv.slice(2);
  if (!dir || base === undefined || units.length === 0) {
    console.error('usage: node embed.mjs SITE_DIR BASE_PATH UNIT...');
    process.exit(2);
  }
  await checkFiles(dir);
  const server = await startServer(dir, base);
  const site = { origin: `http://127.0.0.1:${server.address().port}`, base };
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-chromium-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      deviceScaleFactor: 1,
    });
    // Only our two servers: the portal and the site.
    await context.route(
      (url) => url.hostname !== '127.0.0.1' && !['data:', 'blob:', 'about:'].includes(url.protocol),
      (route) => route.abort('blockedbyclient'),
    );
    for (const unit of units) await checkUnit(context, site, unit);
  } finally {
    if (context) await context.close().catch(() => {});
    server.close();
    await fs.rm(profile, { recursive: true, force: true }).catch(() => {});
  }
  for (const p of problems) console.log(`FAIL ${p}`);
  console.log(`embed check: ${units.length} units framed at ${WIDTHS.join(' and ')} px, ${problems.length} problems${problems.length ? ' — FAILED' : ''}`);
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((err) => {
  console.error(`embed check: crashed: ${err.stack || err}`);
  process.exit(1);
});
