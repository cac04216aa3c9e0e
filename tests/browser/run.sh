#!/usr/bin/env bash
# Browser check: builds the example site (and the progress, regions,
# bilingual and injection fixtures, when they exist) with the release binary and checks
# pages in one headless Chromium (Debian's) with check.mjs: axe-core WCAG 2.1
# A/AA in the light and the dark scheme, no sideways scrolling at 320, 375
# and 1280 px, no word of a table or list broken inside its letters (320,
# 375, 414 and 1280 px), console and page errors, failed requests, dialogs, no
# <script> but the search's; a unit page and the timeline printed to PDF
# (A4) with nothing wider than the paper and no navigation; full-page
# screenshots. sharing.mjs then follows the links of the example under two
# path prefixes and from file:// (--offline) and runs searches (in both
# languages of the bilingual fixture), in one Chromium; embed.mjs frames
# the summaries (nhung/) from a portal on another port; the Lighthouse
# scores of three pages (lighthouse.mjs); then committee.mjs walks a
# committee member's journey through the example built sealed with a
# passphrase (deep link, passphrase, pages, print, data files, links out of
# the build, search, a malformed fragment, the copy opened from disk).
#
#   bash tests/browser/run.sh
#
# Environment:
#   SCREENSHOT_DIR  where screenshots go, one subfolder per site
#                   (default: a new temp dir, printed at the end)
#   TIENDO_BIN      a tiendo binary to use instead of building the release one
#   LIGHTHOUSE=0    skip the Lighthouse scores
#
# Installs what a fresh machine lacks: the npm packages (npm ci, from
# package-lock.json) and, as root, Debian's chromium.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

say() { printf 'browser: %s\n' "$*"; }

# ---------------------------------------------------------------- tools

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's nodejs and npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "browser: node and npm are needed (Node.js 20 or later): sudo apt-get install nodejs npm" >&2
    exit 1
  fi
fi

# playwright-core refuses a Node.js older than 20 (Debian 12 ships 18):
# said here, plainly, rather than as its own start-up error.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "browser: Node.js 20 or later is needed, this machine has $(node --version) (Debian 13 ships 20)" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-liberation >/dev/null
  else
    echo "browser: /usr/bin/chromium is missing; install it with: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

# npm ci when node_modules is missing or older than package-lock.json.
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  say "installing npm packages (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ -n "${TIENDO_BIN:-}" ]; then
  bin="$TIENDO_BIN"
else
  say "building the release binary"
  cargo build --release --locked --quiet
  bin="${CARGO_TARGET_DIR:-$root/target}/release/tiendo"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/tiendo-browser.XXXXXX")"
trap 'rm -rf "$tmp/sites"; rmdir "$tmp" 2>/dev/null || true' EXIT
shots="${SCREENSHOT_DIR:-$tmp/screenshots}"
mkdir -p "$shots"

# ---------------------------------------------------------------- helpers

# The path of base_url in CONTENT_DIR/site.yaml: "https://x.gov.vn/cchc/" → /cchc/.
base_path() {
  node -e '
    const text = require("fs").readFileSync(process.argv[1], "utf8");
    const m = text.match(/^base_url:\s*["\x27]?([^"\x27\s#]+)/m);
    if (!m) { console.error(`no base_url in ${process.argv[1]}`); process.exit(1); }
    let p = new URL(m[1], "http://localhost/").pathname;
    if (!p.endsWith("/")) p += "/";
    console.log(p);
  ' "$1/site.yaml"
}

# The route of the first (sorted) page folder under SITE/SECTION/, e.g.
# "don-vi/an-khuong/", or nothing.
first_route() {
  local dir
  dir="$(find "$1/$2" -mindepth 2 -maxdepth 2 -name index.html -printf '%h\n' 2>/dev/null | LC_ALL=C sort | head -n 1)"
  [ -n "$dir" ] && printf '%s/%s/\n' "$2" "$(basename "$dir")"
}

# Every site is built first, then checked by one node process with one
# Chromium: a page per kind, in light and dark, at 320, 375 and 1280 px; the
# pages written print:ROUTE are also printed to PDF (A4).
args=()

# build_site NAME CONTENT_DIR PAGE...: builds the site into $tmp/sites/NAME
# and adds it, with its pages under the path of its base_url, to the check.
build_site() {
  local name="$1" content="$2"
  shift 2
  say "building $content"
  "$bin" build --content "$content" --output "$tmp/sites/$name" >/dev/null
  [ "${#args[@]}" -gt 0 ] && args+=(--)
  args+=("$tmp/sites/$name" "$(base_path "$content")" "$@")
}

# ---------------------------------------------------------------- sites

# The example site, content/ (base_url https://example.gov.vn/cchc/): every
# kind of page.
example_pages=(
  ""
  "print:don-vi/hon-quan/"
  "don-vi/an-phu/"
  "don-vi/tan-loi/"
  "tieu-chi/district/7.2.5/"
  "print:thoi-han/"
  "dot-danh-gia/2023-11-01/"
  "van-ban/cv-ra-soat-cchc-2023/"
  "don-vi/"
  "tieu-chi/"
  "du-lieu/"
  "404.html"
  "tim-kiem/"
)
build_site example content "${example_pages[@]}"
route="$(first_route "$tmp/sites/example" ghi-chu || true)"
[ -n "$route" ] && args+=("$route")

# Links that work anywhere and the search (sharing.mjs): the example served
# under two other path prefixes, and its --offline copy from file://.
say "building content --offline"
"$bin" build --content content --output "$tmp/sites/example-offline" --offline >/dev/null

# The progress fixture, when it exists: home, deadlines, units, and the first
# unit and score snapshot pages that the build wrote.
progress=tests/fixtures/progress
if [ -f "$progress/site.yaml" ]; then
  build_site progress "$progress" "" "thoi-han/" "don-vi/"
  out="$tmp/sites/progress"
  for section in don-vi dot-danh-gia; do
    route="$(first_route "$out" "$section" || true)"
    if [ -n "$route" ]; then
      args+=("$route")
    else
      say "warning: $progress built no $section/<id>/ page"
    fi
  done
fi

# A site unlike the example: regions, one total percentage, no tasks.
regions=tests/fixtures/regions
if [ -f "$regions/site.yaml" ]; then
  build_site regions "$regions" "" "don-vi/dong-nam-bo/" "don-vi/"
fi

# Two languages from one content folder: every kind of page in Vietnamese
# at the root and in English under en/ (axe, light and dark, both
# languages), the unit page and the timeline printed in English too.
bilingual=tests/fixtures/bilingual
if [ -f "$bilingual/site.yaml" ]; then
  bilingual_pages=()
  for lang in "" "en/"; do
    for route in "" "don-vi/" "don-vi/xa-tan-loi/" "tieu-chi/" "tieu-chi/xa/1.1/" \
      "thoi-han/" "dot-danh-gia/2023-11-01/" "van-ban/ke-hoach/" "ghi-chu/ket-qua/" \
      "du-lieu/" "tim-kiem/"; do
      bilingual_pages+=("$lang$route")
    done
  done
  bilingual_pages+=("print:en/don-vi/tinh-thu/" "404.html")
  build_site bilingual "$bilingual" "${bilingual_pages[@]}"
fi

say "checking links and search (two path prefixes, file://, both languages)"
sharing_status=0
sharing_args=("$tmp/sites/example" "$tmp/sites/example-offline")
[ -d "$tmp/sites/bilingual" ] && sharing_args+=("$tmp/sites/bilingual")
node "$here/sharing.mjs" "${sharing_args[@]}" || sharing_status=$?

# The injection fixture: payloads in every text field. Any dialog, script
# element or failed request fails the check. Home, the units index, two unit
# pages (names with payloads) and two notes (raw HTML, Markdown links). Not
# ghi-chu/ghi-chu-anh/: its sanitized <img src="x"> is a 404 without alt.
injection=tests/fixtures/injection
if [ -f "$injection/site.yaml" ]; then
  build_site injection "$injection" \
    "" \
    "don-vi/" \
    "don-vi/tinh/" \
    "don-vi/xa-mot/" \
    "ghi-chu/ghi-chu-mot/" \
    "ghi-chu/ghi-chu-hai/" \
    "van-ban/cv-kiem-tra/"
fi

say "checking ${#args[@]} arguments' worth of sites in one Chromium"
status=$sharing_status
SCREENSHOT_DIR="$shots" node "$here/check.mjs" "${args[@]}" || status=$?

# The example's frameable summaries framed by a portal on another port of
# 127.0.0.1, with the code its home and unit pages give (embed.mjs): at 360
# and 720 px the name, score and next deadline shown, no scroll bar, links
# to the top window, axe in light and dark; every summary under 8 KB.
say "checking the summaries framed by a portal (nhung/)"
node "$here/embed.mjs" "$tmp/sites/example" "$(base_path content)" "" tan-loi phong-noi-vu || status=1

# Lighthouse scores of the example's home, a unit page and the timeline
# (about 40 s, offline): accessibility, best practices and SEO 100,
# performance at least 95. LIGHTHOUSE=0 skips it.
if [ "${LIGHTHOUSE:-1}" != 0 ]; then
  say "lighthouse"
  CHROME_PATH=/usr/bin/chromium node "$here/lighthouse.mjs" "$tmp/sites/example" "$(base_path content)" \
    "" "don-vi/hon-quan/" "thoi-han/" || status=$?
fi
# The committee member's journey through a sealed link (committee.mjs), on
# the example (it has a committee note): built sealed with a passphrase and
# without one, under the same secret folder, to compare the data files'
# bytes.
secret=bi-mat-cua-ban-chi-dao-cho-bai-thu-trinh-duyet
phrase="mật khẩu thử của Ban Chỉ đạo"
say "building content for the committee, sealed and unsealed"
TIENDO_PASSPHRASE="$phrase" "$bin" build --content content --output "$tmp/sites/committee" \
  --audience committee --secret-path "$secret" >/dev/null
"$bin" build --content content --output "$tmp/sites/committee-unsealed" \
  --audience committee --secret-path "$secret" >/dev/null
say "walking the committee's journey through the sealed link"
if ! TIENDO_PASSPHRASE="$phrase" node "$here/committee.mjs" "$tmp/sites/committee" \
  "$tmp/sites/committee-unsealed" "$(base_path content)" "$secret" "don-vi/hon-quan/" \
  "tan loi=>don-vi/tan-loi/" "Tân Lợi=>don-vi/tan-loi/" "7.2.5=>tieu-chi/district/7.2.5/"; then
  status=1
fi

say "screenshots in $shots"
if [ "$status" -ne 0 ]; then
  echo "browser: FAILED" >&2
  exit 1
fi
