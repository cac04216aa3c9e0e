#!/usr/bin/env node
// The committee member's journey through a link sealed with a passphrase,
// in Debian's headless Chromium (one browser, a fresh profile):
//
//   TIENDO_PASSPHRASE=... node committee.mjs SEALED_DIR UNSEALED_DIR BASE_PATH SECRET UNIT [QUERY=>ROUTE]...
//
// SEALED_DIR is a committee build sealed with the passphrase, UNSEALED_DIR
// the same content built for the committee without one (the same
// --secret-path SECRET). SEALED_DIR is served under BASE_PATH on 127.0.0.1
// (check.mjs's server). UNIT is a unit page's route ("don-vi/hon-quan/");
// each QUERY=>ROUTE a search and the route its first result must link to.
// The journey:
//   1. a deep link to UNIT asks for the passphrase (axe finds no violation on
//      the form); a wrong one says so (role="alert", aria-invalid; axe
//      again); the right one opens UNIT with its own title (that of the
//      unsealed build);
//   2. UNIT prints (print media: no navigation, the page's address shown;
//      then a PDF of at least one A4 page);
//   3. five pages by their links, none asking again: home, the first
//      committee note of the home page's list (at an address that says
//      nothing of it: 32 hex digits), the criteria, a criterion, the data
//      page; no link to the feed on any (a feed reader cannot hold a
//      passphrase: its place says so);
//   4. every file linked from the data page downloads under its own name,
//      with the bytes of the same file of UNSEALED_DIR;
//   5. each QUERY, typed in the header's search form and then in the search
//      page's, lists ROUTE first; its first result opens;
//   6. a new tab, on a deep link to the search page with the last QUERY
//      and a malformed fragment (#%E0%A4%A), asks again, and after the
//      passphrase lists its ROUTE first;
//   7. the build opened from disk (file://), its data page: the passphrase
//      opens it, and a click on a data file downloads nothing (no
//      ciphertext) but says beside the link what to do (the words of the
//      form's data-local).
// Besides: back on UNIT with a malformed fragment, the kept key opens it
// without asking and stays kept; on the data page, links to a plain .csv
// served beside the build (under BASE_PATH, outside SECRET, as a portal's
// /uploads/ is), by absolute path and relative, download that file as it
// is, left to the browser (the links are added to the page, as a committee
// note would hold them).
// axe (WCAG 2.0/2.1 A and AA) finds no violation on any opened page; any
// console error, page error, failed request or dialog fails the journey.
// Exits 1 with what went wrong, 2 on bad usage.

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

import { AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, startServer } from './check.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

// PBKDF2 with 600,000 rounds takes a while on a busy machine.
const TIMEOUT_MS = 60_000;
// A search or a download of the example takes well under a second.
const STEP_TIMEOUT_MS = 15_000;
// A fragment that decodeURIComponent refuses.
const BAD_HASH = '#%E0%A4%A';
// The plain file beside the build, outside its secret folder.
const PLAIN_FILE = 'tai-lieu/quyet-dinh.csv';
const PLAIN_BYTES = 'so,ngay\n12/QĐ-UBND,2023-11-14\n';

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
}

function watch(page, origin) {
  page.on('console', (m) => {
    if (m.type() === 'error') fail(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => fail(`page error on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A link followed to a file that downloads ends, as a navigation, aborted.
    if (r.url().endsWith(`/${PLAIN_FILE}`) && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    fail(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(origin)) fail(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    fail(`dialog: ${d.message()}`);
    d.dismiss();
  });
}

/** The <title> of a page of the unsealed build. */
async function plainTitle(unsealed, file) {
  const html = await fs.readFile(path.join(unsealed, file), 'utf8');
  const m = html.match(/<title>([^<]*)<\/title>/);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"') : '';
}

/**
 * Waits until the sealed page at the page's address is open (its own
 * document in place of the form) and its stylesheet applies; fails when it
 * asks for the passphrase instead (unless it was just `typed` in its
 * form). Returns whether it opened.
 */
async function opened(page, what, { typed = false } = {}) {
  const state = await page.waitForFunction((typed) => {
    if (!document.getElementById('trang-khoa')) {
      const css = [...document.styleSheets].find((s) => s.href && s.href.endsWith('assets/style.css'));
      if (!css) return false;
      try {
        return css.cssRules.length > 0 ? 'open' : false;
      } catch {
        // From disk (file:) a sheet's rules are not the page's to read:
        // that it is listed is that it loaded.
        return 'open';
      }
    }
    const form = document.getElementById('khoa');
    return !typed && form && !form.hidden ? 'asked' : false;
  }, typed);
  if ((await state.jsonValue()) === 'asked') {
    fail(`${what}: asked for the passphrase again in the same tab`);
    return false;
  }
  return true;
}

/** Clicks `link` (a locator) and waits for the sealed page it leads to. */
async function follow(page, link, what) {
  const href = await link.getAttribute('href');
  const from = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== from), link.click()]);
  if (!(await opened(page, what))) return false;
  console.log(`committee: ${what}: ${href} → ${await page.title()}`);
  await axeViolations(page, what);
  return true;
}

async function unlock(page, passphrase) {
  await page.getByLabel('Mật khẩu').fill(passphrase);
  await page.getByRole('button').click();
}

/** The passphrase form: axe on it, then a wrong passphrase, said so. */
async function wrongPassphrase(page) {
  await page.locator('form#khoa').waitFor({ state: 'visible' });
  await axeViolations(page, 'passphrase form');
  await unlock(page, 'một mật khẩu sai hẳn');
  await page.waitForFunction(() => /không đúng/.test(document.getElementById('loi-mat-khau').textContent));
  console.log(`committee: a wrong passphrase says: ${(await page.locator('#loi-mat-khau[role=alert]').textContent()).trim()}`);
  if ((await page.getByLabel('Mật khẩu').getAttribute('aria-invalid')) !== 'true') {
    fail('the field is not marked aria-invalid after a wrong passphrase');
  }
  await axeViolations(page, 'passphrase form with its error');
}

/** The unit page in print media, then printed to PDF. */
async function print(page) {
  await page.emulateMedia({ media: 'print' });
  const found = await page.evaluate(() => {
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const canonical = document.querySelector('link[rel=canonical]')?.href || '';
    return {
      nav: [...document.querySelectorAll('nav')].filter(visible).length,
      address: canonical !== '' && document.body.innerText.includes(canonical),
    };
  });
  if (found.nav) fail(`the printed unit page shows ${found.nav} navigation element(s): the print stylesheet does not apply`);
  if (!found.address) fail("the printed unit page does not show its address: the print stylesheet does not apply");
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
  if (!pdf.subarray(0, 5).toString('latin1').startsWith('%PDF') || pages === 0) fail('printing the unit page gave no PDF page');
  console.log(`committee: the unit page printed to ${pages} A4 page(s)`);
  await page.emulateMedia({ media: 'screen' });
}

/** Every file linked from the data page, downloaded and compared. */
async function downloads(page, base, unsealed) {
  const links = page.locator('main a[href]');
  const count = await links.count();
  if (count < 5) fail(`the data page links ${count} files`);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const url = new URL(await link.evaluate((a) => a.href));
    const rel = decodeURIComponent(url.pathname.slice(base.length));
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS }), link.click()]);
    const name = rel.split('/').pop();
    if (download.suggestedFilename() !== name) fail(`${rel} downloads as ${download.suggestedFilename()}`);
    const got = await fs.readFile(await download.path());
    const want = await fs.readFile(path.join(unsealed, rel));
    if (!got.equals(want)) fail(`${rel}: ${got.length} bytes downloaded, not the unsealed build's ${want.length}`);
  }
  console.log(`committee: ${count} data files downloaded, each the unsealed build's bytes`);
}

/** The first result's link of the search shown, once the search is done. */
async function firstResult(page, query) {
  await page.waitForFunction((q) => {
    const status = document.getElementById('search-status');
    return status && status.textContent.includes(q) && document.querySelector('#search-results a, #search-results:empty');
  }, query, { timeout: STEP_TIMEOUT_MS });
  const first = page.locator('#search-results li a').first();
  return (await first.count()) ? first : null;
}

async function search(page, base, searches) {
  for (const [i, { query, route }] of searches.entries()) {
    // The header's form on the first query, leading to the search page;
    // then the search page's own field.
    const header = page.locator('header form[role=search] input[name=q]');
    if (i === 0) {
      await header.fill(query);
      await Promise.all([page.waitForURL(/tim-kiem/), header.press('Enter')]);
      if (!(await opened(page, 'search page'))) return;
    } else {
      await page.locator('#q').fill(query);
      await page.locator('#q').press('Enter');
    }
    const first = await firstResult(page, query);
    const href = first && new URL(await first.evaluate((a) => a.href)).pathname;
    if (!href || !href.endsWith(`/${route}`)) fail(`search "${query}": first result ${href}, not …/${route}`);
    else console.log(`committee: search "${query}" lists ${route} first`);
    if (i === 0) await axeViolations(page, `search "${query}"`);
  }
  const last = await firstResult(page, searches.at(-1).query);
  if (last) await follow(page, last, 'first result');
}

/** Whether the tab still keeps the derived key. */
function keyKept(page) {
  return page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith('tiendo-khoa:')));
}

/** UNIT again, on a deep link with a malformed fragment: opened with the kept key, which stays. */
async function badFragment(page, site, unit) {
  // From the page itself only the fragment would change: by another page.
  await page.goto('about:blank');
  await page.goto(`${site}${unit}${BAD_HASH}`);
  if (!(await opened(page, `${unit}${BAD_HASH}`))) return;
  if (!(await keyKept(page))) fail(`${unit}${BAD_HASH}: the kept key was dropped`);
  else console.log(`committee: ${unit}${BAD_HASH} opened with the kept key, which stays`);
}

/**
 * Links to the plain file beside the build (outside its secret folder),
 * added to the data page as a committee note would hold them: each
 * downloads that file, untouched by the sealed link's script.
 */
async function outsideLinks(page, base) {
  const hrefs = [`${base}${PLAIN_FILE}`, `../../${PLAIN_FILE}`];
  for (const [i, href] of hrefs.entries()) {
    await page.evaluate(({ href, i }) => {
      const a = document.createElement('a');
      a.href = href;
      a.id = `ngoai-${i}`;
      a.textContent = `Quyết định ${i}`;
      document.querySelector('main').append(a);
    }, { href, i });
    try {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS }),
        page.locator(`#ngoai-${i}`).click(),
      ]);
      const got = await fs.readFile(await download.path(), 'utf8');
      if (got !== PLAIN_BYTES) fail(`${href} outside the build downloaded ${got.length} bytes, not the plain file`);
      else console.log(`committee: ${href}, outside the build, downloads as the plain file`);
    } catch (e) {
      fail(`${href} outside the build: no download (${e.message.split('\n')[0]})`);
    }
    if (await page.locator('[data-tiendo-failed]').count()) fail(`${href} outside the build: said it could not be opened`);
  }
}

/**
 * The build opened from disk: the data page opens with the passphrase; a
 * click on a data file
 * hands over no ciphertext and says what to do, in the form's words.
 */
async function fromDisk(context, sealedDir, secret, passphrase) {
  const file = path.resolve(sealedDir, secret, 'du-lieu', 'index.html');
  const locked = await fs.readFile(file, 'utf8');
  const words = (locked.match(/data-local="([^"]*)"/) || [])[1];
  if (!words) {
    fail('the sealed page has no data-local words for a copy opened from disk');
    return;
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => fail(`page error on ${page.url()}: ${e.message}`));
  page.on('dialog', (d) => {
    fail(`dialog: ${d.message()}`);
    d.dismiss();
  });
  page.on('download', (d) => fail(`from disk, ${d.suggestedFilename()} downloaded: the sealed bytes`));
  page.on('console', (m) => {
    // Chromium refuses a script's reading of a file: address and says so:
    // the sealed link's script reading the data file, axe its stylesheet.
    // Any other error fails.
    const refused = m.location().url.startsWith('file:') && /^Failed to load resource|blocked by CORS policy/.test(m.text());
    if (m.type() === 'error' && !refused) fail(`console error on ${page.url()}: ${m.text()}`);
  });
  try {
    await page.goto(pathToFileURL(file).href);
    await page.locator('form#khoa').waitFor({ state: 'visible' });
    await unlock(page, passphrase);
    if (!(await opened(page, 'data page from disk', { typed: true }))) return;
    const from = page.url();
    const link = page.locator('main a[href$=".csv"]').first();
    const name = await link.getAttribute('href');
    await link.click();
    const note = page.locator('main [data-tiendo-failed]');
    await note.waitFor({ timeout: STEP_TIMEOUT_MS });
    const said = (await note.textContent()).trim();
    const want = words.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    if (said !== want) fail(`from disk, ${name} says "${said}", not "${want}"`);
    // Time for a download to start, if the link were followed.
    await page.waitForTimeout(1000);
    if (page.url() !== from) fail(`from disk, ${name} was followed to ${page.url()}`);
    else console.log(`committee: from disk, ${name} downloads nothing and says: ${said}`);
    await axeViolations(page, 'data page from disk, with its message');
  } catch (e) {
    fail(`from disk: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
}

async function main() {
  const [sealedDir, unsealedArg, baseArg, secret, unit, ...queries] = process.argv.slice(2);
  const passphrase = process.env.TIENDO_PASSPHRASE;
  const searches = queries.map((q) => {
    const [query, route] = q.split('=>');
    return { query, route };
  });
  if (!sealedDir || !unsealedArg || !baseArg || !secret || !unit || !passphrase || !searches.length || searches.some((s) => !s.route)) {
    console.error('usage: TIENDO_PASSPHRASE=... node committee.mjs SEALED_DIR UNSEALED_DIR BASE_PATH SECRET UNIT QUERY=>ROUTE...');
    process.exit(2);
  }
  const base = baseArg.endsWith('/') ? baseArg : `${baseArg}/`;
  const unsealed = path.resolve(unsealedArg);
  const server = await startServer(sealedDir, base);
  const plainFile = path.join(sealedDir, PLAIN_FILE);
  await fs.mkdir(path.dirname(plainFile), { recursive: true });
  await fs.writeFile(plainFile, PLAIN_BYTES);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const site = `${origin}${base}${secret}/`;
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-chromium-committee-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'vi-VN',
    serviceWorkers: 'block',
    acceptDownloads: true,
    timeout: TIMEOUT_MS,
  });
  const started = Date.now();
  try {
    context.setDefaultTimeout(TIMEOUT_MS);
    await context.route(
      (u) => u.origin !== origin && !['data:', 'blob:', 'about:', 'file:'].includes(u.protocol),
      (r) => r.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    watch(page, origin);

    // 1. The deep link: the form, a wrong passphrase, the right one.
    await page.goto(`${site}${unit}`);
    const lockedTitle = await page.title();
    const unitTitle = await plainTitle(unsealed, `${secret}/${unit}index.html`);
    if ((await page.locator('body').innerText()).includes(unitTitle.split(' – ')[0])) fail('the locked page shows the unit');
    await wrongPassphrase(page);
    await unlock(page, passphrase);
    await opened(page, 'unit page', { typed: true });
    if ((await page.title()) !== unitTitle) fail(`the unit page opened as "${await page.title()}", not "${unitTitle}"`);
    if (lockedTitle === unitTitle) fail('the locked page has the unit page title');
    console.log(`committee: the passphrase opened ${unit} (${unitTitle})`);
    await axeViolations(page, 'unit page');

    // 2. Print.
    await print(page);

    // The unit again, its fragment malformed: the kept key opens it.
    await badFragment(page, site, unit);

    // 3. Five pages by their links, and no feed link on any.
    const steps = [
      ['home page', 'header a[href]'],
      ['committee note', 'ul.notes li:has(.tag-committee) a'],
      ['criteria', 'nav a[href$="tieu-chi/"]'],
      ['a criterion', 'main a[href*="tieu-chi/"][href$="/"]:not([href$="tieu-chi/"])'],
      ['data page', 'footer a[href$="du-lieu/"]'],
    ];
    for (const [what, selector] of steps) {
      if (!(await follow(page, page.locator(selector).first(), what))) break;
      if (what === 'committee note' && !/\/ghi-chu\/[0-9a-f]{32}\/$/.test(new URL(page.url()).pathname)) {
        fail(`the committee note's address ${page.url()} is not a keyed hash: it names the note`);
      }
      const feeds = await page.locator('a[href$=".xml"], link[type="application/atom+xml"]').count();
      if (feeds) fail(`${what}: ${feeds} link(s) to the feed, which no feed reader can open behind a passphrase`);
    }

    // 4. The data files.
    await downloads(page, base, unsealed);
    await outsideLinks(page, base);

    // 5. Search, with and without accents.
    await search(page, base, searches);

    // 6. A new tab asks again; search works from its deep link.
    const fresh = await context.newPage();
    watch(fresh, origin);
    const last = searches.at(-1);
    await fresh.goto(`${site}tim-kiem/?q=${encodeURIComponent(last.query)}${BAD_HASH}`);
    await fresh.locator('form#khoa').waitFor({ state: 'visible' });
    await unlock(fresh, passphrase);
    const first = await firstResult(fresh, last.query);
    const href = first && new URL(await first.evaluate((a) => a.href)).pathname;
    if (!href || !href.endsWith(`/${last.route}`)) fail(`a new tab's search "${last.query}": first result ${href}`);
    else console.log(`committee: a new tab asked again, then its search "${last.query}" listed ${last.route} first`);
    await fresh.close();

    // 7. The build opened from disk.
    await fromDisk(context, sealedDir, secret, passphrase);
  } catch (e) {
    fail(`the journey stopped: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
    server.close();
    await fs.rm(profile, { recursive: true, force: true });
    await fs.rm(path.dirname(plainFile), { recursive: true, force: true });
  }
  console.log(`committee: the journey took ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
