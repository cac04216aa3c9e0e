#!/usr/bin/env node
// Browser check of a committee build sealed with a passphrase, in Debian's
// headless Chromium (one browser for every step, with
// a fresh profile):
//
//   TIENDO_PASSPHRASE=... node committee.mjs SITE_DIR BASE_PATH PAGE MARKER
//
// Serves SITE_DIR under BASE_PATH on 127.0.0.1 (check.mjs's server), opens
// PAGE (a route under BASE_PATH, e.g. "<secret>/ghi-chu/<note>/") and:
//   - axe-core (WCAG 2.0/2.1 A and AA) finds no violation on the passphrase
//     form, nor on the form showing its error;
//   - a wrong passphrase shows an error (in a role="alert" element, the
//     field marked aria-invalid) and not MARKER;
//   - the right one shows MARKER and the page's own title, and axe finds no
//     violation on the opened page;
//   - another page of the same tab opens without asking again; a new tab
//     asks again;
//   - no console error, page error or failed request on the way.
// Exits 1 with what went wrong, 2 on bad usage.

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

import { AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, startServer } from './check.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

// PBKDF2 with 600,000 rounds takes a while on a busy machine.
const TIMEOUT_MS = 60_000;

const problems = [];
function fail(message) {
  problems.push(message);
  console.error(`committee: ${message}`);
}

async function axeViolations(page, what) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  for (const v of result.violations) {
    fail(`${what}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  return result.violations.length;
}

function watch(page, origin) {
  page.on('console', (m) => {
    if (m.type() === 'error') fail(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => fail(`page error on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => fail(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(origin)) fail(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    fail(`dialog: ${d.message()}`);
    d.dismiss();
  });
}

async function bodyText(page) {
  return page.evaluate(() => document.body.innerText);
}

async function main() {
  const [siteDir, baseArg, route, marker] = process.argv.slice(2);
  const passphrase = process.env.TIENDO_PASSPHRASE;
  if (!siteDir || !baseArg || !route || !marker || !passphrase) {
    console.error('usage: TIENDO_PASSPHRASE=... node committee.mjs SITE_DIR BASE_PATH PAGE MARKER');
    process.exit(2);
  }
  const base = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
  const server = await startServer(siteDir, base);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const url = `${origin}${base}${route}`;
  const home = `${origin}${base}${route.split('/')[0]}/`;
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-chromium-committee-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'vi-VN',
    serviceWorkers: 'block',
    timeout: TIMEOUT_MS,
  });
  try {
    context.setDefaultTimeout(TIMEOUT_MS);
    await context.route(
      (u) => u.origin !== origin && !['data:', 'blob:', 'about:'].includes(u.protocol),
      (r) => r.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    watch(page, origin);
    await page.goto(url);
    const form = page.locator('form#khoa');
    await form.waitFor({ state: 'visible' });
    const lockedTitle = await page.title();
    if ((await bodyText(page)).includes(marker)) fail('the locked page shows the marker');
    await axeViolations(page, 'passphrase form');

    // A wrong passphrase: an error, said plainly, and no marker.
    await page.getByLabel('Mật khẩu').fill('một mật khẩu sai hẳn');
    await page.getByRole('button').click();
    const alert = page.locator('#loi-mat-khau[role=alert]');
    await page.waitForFunction(() => /không đúng/.test(document.getElementById('loi-mat-khau').textContent));
    const error = (await alert.textContent()).trim();
    console.log(`committee: wrong passphrase says: ${error}`);
    if ((await page.getByLabel('Mật khẩu').getAttribute('aria-invalid')) !== 'true') fail('the field is not marked aria-invalid after a wrong passphrase');
    if ((await bodyText(page)).includes(marker)) fail('a wrong passphrase shows the marker');
    await axeViolations(page, 'passphrase form with its error');

    // The right one: the page itself, with its own title.
    await page.getByLabel('Mật khẩu').fill(passphrase);
    await page.getByRole('button').click();
    await page.waitForFunction((m) => document.body && document.body.innerText.includes(m), marker);
    const title = await page.title();
    if (title === lockedTitle || !title.includes(marker)) fail(`the opened page's title is ${JSON.stringify(title)}`);
    await page.waitForLoadState('load');
    await page.waitForFunction(() => [...document.styleSheets].some((s) => s.href && s.href.endsWith('assets/style.css')));
    await axeViolations(page, 'opened page');
    console.log(`committee: the right passphrase opened ${route} (${title})`);

    // Same tab, another page: no second question.
    await page.goto(home);
    await page.waitForFunction((m) => document.body && document.body.innerText.includes(m), marker);
    if (await page.locator('form#khoa').count()) fail('the home page asked again in the same tab');

    // A new tab (its own sessionStorage) asks again.
    const fresh = await context.newPage();
    watch(fresh, origin);
    await fresh.goto(home);
    await fresh.locator('form#khoa').waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    if ((await bodyText(fresh)).includes(marker)) fail('a new session shows the marker');
    await fresh.close();
  } finally {
    await context.close();
    server.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(`committee: FAILED, ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log('committee: ok');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
