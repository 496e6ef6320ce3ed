#!/usr/bin/env bash
# Install Debian packages for the tests: `bash scripts/apt-install.sh PACKAGE...`, as root
# or through sudo, without recommended packages and without questions.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
