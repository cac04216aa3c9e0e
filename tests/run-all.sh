#!/usr/bin/env bash
# Every test of the project: format, lint, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked

# The built sites in headless Chromium: axe-core (WCAG 2.1 A/AA), console
# errors, failed requests, screenshots at 375 and 1280 px.
# The test build's binary is used: its dependencies are optimized (see
# Cargo.toml), and CI is spared a second, release build.
cargo build --locked --quiet
TIENDO_BIN="${CARGO_TARGET_DIR:-target}/debug/tiendo" bash tests/browser/run.sh
