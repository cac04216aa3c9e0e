#!/usr/bin/env bash
# Every test of the project: format, lint, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# The tools the tests run besides tiendo: `script` (a terminal, for the
# progress display) and `hostname` (the machine's addresses, for serve).
# Both come with Debian; as root on a machine without them they are
# installed, else the run stops here rather than a test passing untested.
need=()
command -v script >/dev/null 2>&1 || need+=(bsdutils)
command -v hostname >/dev/null 2>&1 || need+=(hostname)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "run-all: the tests need ${need[*]} (Debian packages): install them" >&2
    exit 1
  fi
fi

cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked

# The built sites in headless Chromium: axe-core (WCAG 2.1 A/AA), console
# errors, failed requests, screenshots at 375 and 1280 px.
# The test build's binary is used: its dependencies are optimized (see
# Cargo.toml), and CI is spared a second, release build.
cargo build --locked --quiet
bin="${CARGO_TARGET_DIR:-target}/debug/tiendo"

# The deadline calendars read by an independent parser, Python's icalendar
# (installed with pip when missing; as root, Debian's python3 and pip first
# on a machine without them).
if ! command -v python3 >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "calendars: installing Debian's python3 and pip"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends python3 python3-pip >/dev/null
  else
    echo "calendars: python3 is needed: sudo apt-get install python3 python3-pip" >&2
    exit 1
  fi
fi
if ! python3 -c 'import icalendar' 2>/dev/null; then
  # A Python without pip (Debian ships them apart): pip first, as root.
  if ! python3 -m pip --version >/dev/null 2>&1 &&
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "calendars: installing Debian's pip"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  fi
  echo "calendars: installing Python's icalendar (pip)"
  python3 -m pip install --quiet --disable-pip-version-check icalendar 2>/dev/null ||
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages icalendar
fi
python3 tests/calendar.py "$bin"

TIENDO_BIN="$bin" bash tests/browser/run.sh
