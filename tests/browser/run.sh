#!/usr/bin/env bash
# Browser check: builds the example site (and the progress and injection
# fixtures, when they exist) with the release binary and checks pages in
# Debian's headless Chromium with check.mjs: axe-core WCAG 2.1 A/AA, console
# and page errors, failed requests, dialogs, no <script>; full-page
# screenshots at 375 and 1280 px. Then the committee build sealed with a
# passphrase, with committee.mjs.
#
#   bash tests/browser/run.sh
#
# Environment:
#   SCREENSHOT_DIR  where screenshots go, one subfolder per site
#                   (default: a new temp dir, printed at the end)
#   TIENDO_BIN      a tiendo binary to use instead of building the release one
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
  echo "browser: node and npm are needed (Node.js 20 or later)" >&2
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

failed=()

# build_site NAME CONTENT_DIR: builds the site into $tmp/sites/NAME.
build_site() {
  local name="$1" content="$2"
  say "building $content"
  "$bin" build --content "$content" --output "$tmp/sites/$name" >/dev/null
}
# check_site NAME CONTENT_DIR PAGE...: checks the built site's pages ("" is
# the home page) under the path of its base_url; screenshots go to $shots/NAME.
check_site() {
  local name="$1" content="$2"
  shift 2
  local base
  base="$(base_path "$content")"
  say "checking $name ($content, served under $base): $# pages"
  if ! SCREENSHOT_DIR="$shots/$name" node "$here/check.mjs" "$tmp/sites/$name" "$base" "$@"; then
    failed+=("$name")
  fi
}

# ---------------------------------------------------------------- sites

# The example site, content/ (base_url https://example.gov.vn/cchc/).
example_pages=(
  ""
  "don-vi/hon-quan/"
  "don-vi/an-phu/"
  "tieu-chi/district/7.2.5/"
  "thoi-han/"
  "dot-danh-gia/2023-11-01/"
  "van-ban/cv-ra-soat-cchc-2023/"
  "don-vi/"
  "tieu-chi/"
)
build_site example content
check_site example content "${example_pages[@]}"

# The progress fixture, when it exists: home, deadlines, units, and the first
# unit and score snapshot pages that the build wrote.
progress=tests/fixtures/progress
if [ -f "$progress/site.yaml" ]; then
  build_site progress "$progress"
  progress_pages=("" "thoi-han/" "don-vi/")
  out="$tmp/sites/progress"
  for section in don-vi dot-danh-gia; do
    route="$(first_route "$out" "$section" || true)"
    if [ -n "$route" ]; then
      progress_pages+=("$route")
    else
      say "warning: $progress built no $section/<id>/ page"
    fi
  done
  check_site progress "$progress" "${progress_pages[@]}"
fi

# The injection fixture: payloads in every text field. Any dialog, script
# element or failed request fails the check. Home, the units index, two unit
# pages (names with payloads) and two notes (raw HTML, Markdown links). Not
# ghi-chu/ghi-chu-anh/: its sanitized <img src="x"> is a 404 without alt.
injection=tests/fixtures/injection
if [ -f "$injection/site.yaml" ]; then
  build_site injection "$injection"
  injection_pages=(
    ""
    "don-vi/"
    "don-vi/tinh/"
    "don-vi/xa-mot/"
    "ghi-chu/ghi-chu-mot/"
    "ghi-chu/ghi-chu-hai/"
    "van-ban/cv-kiem-tra/"
  )
  check_site injection "$injection" "${injection_pages[@]}"
fi

# The committee build of the progress fixture, sealed with a passphrase:
# the form (axe), a wrong passphrase (an error, no marker), the right one
# (the note's marker), once per tab. See committee.mjs.
if [ -f "$progress/site.yaml" ]; then
  secret=bi-mat-cua-ban-chi-dao-cho-bai-thu-trinh-duyet
  phrase="mật khẩu thử của Ban Chỉ đạo"
  say "building $progress for the committee, sealed"
  TIENDO_PASSPHRASE="$phrase" "$bin" build --content "$progress" --output "$tmp/sites/committee" \
    --audience committee --secret-path "$secret" >/dev/null
  note="$(find "$progress/notes" -name '*noi-bo-ban-chi-dao*.md' -printf '%f\n' | head -n 1)"
  say "checking the sealed committee build"
  if ! TIENDO_PASSPHRASE="$phrase" node "$here/committee.mjs" "$tmp/sites/committee" \
    "$(base_path "$progress")" "$secret/ghi-chu/${note%.md}/" "MẬT-NỘI-BỘ-7731"; then
    failed+=("committee")
  fi
fi

say "screenshots in $shots"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "browser: FAILED: ${failed[*]}" >&2
  exit 1
fi
