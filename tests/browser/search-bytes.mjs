#!/usr/bin/env node
// How many bytes the search page loads for each query: a measurement for
// docs/search.md, not a test.
//
//   node search-bytes.mjs SITE_DIR QUERY...
//
// Serves SITE_DIR on 127.0.0.1 under /, opens tim-kiem/?q=QUERY in headless
// Chromium for each query (a fresh page, no cache) and prints the bytes of
// the index files it loaded, the files, and the first results.

import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';

import { CHROMIUM, CHROMIUM_ARGS, startServer } from './check.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [siteDir, ...queries] = process.argv.slice(2);
const server = await startServer(siteDir, '/');
const origin = `http://127.0.0.1:${server.address().port}/`;
const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-chromium-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS, '--disable-http-cache'],
});
try {
  for (const q of queries) {
    const page = await context.newPage();
    const files = [];
    page.on('response', async (r) => {
      if (r.url().includes('/tim-kiem/chi-muc/')) {
        const body = await r.body().catch(() => Buffer.alloc(0));
        files.push([r.url().split('/').pop(), body.length]);
      }
    });
    const t0 = Date.now();
    await page.goto(`${origin}tim-kiem/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status').textContent;
      return s && !s.endsWith('…');
    }, null, { timeout: 60_000 });
    const ms = Date.now() - t0;
    await page.waitForTimeout(200);
    const status = await page.$eval('#search-status', (s) => s.textContent);
    const top = await page.$$eval('#search-results a', (as) => as.slice(0, 3).map((a) => a.textContent));
    const bytes = files.reduce((n, [, b]) => n + b, 0);
    console.log(`"${q}": ${files.length} files, ${(bytes / 1024).toFixed(1)} KB, ${ms} ms — ${status} ${JSON.stringify(top)}`);
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  await fs.rm(profile, { recursive: true, force: true });
}
