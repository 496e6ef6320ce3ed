#!/usr/bin/env bash
# Install headless Chromium and its WebDriver from Debian's packages, for the browser tests.
# Idempotent: does nothing when both are already there.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" chromium chromium-driver
command -v chromium && command -v chromedriver
