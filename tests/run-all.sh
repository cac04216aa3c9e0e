#!/usr/bin/env bash
# Every test of the project: format, lint, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
