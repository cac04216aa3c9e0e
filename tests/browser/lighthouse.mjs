#!/usr/bin/env node
// Lighthouse scores of built tiendo pages, in Debian's headless Chromium
// (CHROME_PATH, default /usr/bin/chromium), one Chromium for every page.
//
//   node lighthouse.mjs SITE_DIR BASE_PATH PAGE...
//
// Serves SITE_DIR on 127.0.0.1 under BASE_PATH, runs Lighthouse (desktop
// and mobile defaults: mobile) on each PAGE for performance, accessibility,
// best practices and SEO, and prints the four scores of each page, with the
// audits that cost points. Exits 1 when accessibility, best practices or SEO
// is below 100, or performance below 95.

import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM_ARGS, startServer } from './check.mjs';

const require = createRequire(import.meta.url);
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless=new', ...CHROMIUM_ARGS];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const MINIMUM = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

const [siteDir, base, ...routes] = process.argv.slice(2);
if (!siteDir || base === undefined || routes.length === 0) {
  console.error('usage: node lighthouse.mjs SITE_DIR BASE_PATH PAGE...');
  process.exit(2);
}
const lighthouse = (await import('lighthouse')).default;
const chromeLauncher = require('chrome-launcher');

const basePath = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const server = await startServer(siteDir, basePath);
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-lighthouse-profile-'));
let chrome;
let failed = false;
try {
  chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: FLAGS, userDataDir: profile });
  for (const route of routes) {
    const url = `${origin}${basePath}${route.replace(/^\/+/, '')}`;
    const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: 'error', onlyCategories: CATEGORIES });
    const scores = CATEGORIES.map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]);
    const low = scores.filter(([c, s]) => s < MINIMUM[c]);
    if (low.length) failed = true;
    console.log(
      `${low.length ? 'FAIL' : 'ok  '} ${route || '(home)'}: ${scores.map(([c, s]) => `${c} ${s}`).join(', ')}`,
    );
    for (const c of CATEGORIES) {
      for (const ref of lhr.categories[c].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(`      ${c}: ${ref.id} (${Math.round(audit.score * 100)}): ${audit.title}`);
        }
      }
    }
  }
} finally {
  if (chrome) await chrome.kill();
  server.close();
  await fs.rm(profile, { recursive: true, force: true }).catch(() => {});
}
console.log(`lighthouse: ${routes.length} pages${failed ? ' — FAILED' : ', every score at its goal'}`);
process.exitCode = failed ? 1 : 0;
