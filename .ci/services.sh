#!/usr/bin/env bash
# Installs and starts the real services the integration tests use (loopback only).
# Each block is idempotent so a developer can run it too.
set -euo pipefail
# (filled in as issues need services: mosquitto, postgresql, chromium)
exit 0
