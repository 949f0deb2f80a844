#!/usr/bin/env bash
# Installs and starts the real services the integration tests use (loopback only).
# Each block is idempotent so a developer can run it too (as root, Debian 12+).
#
#   mosquitto   Debian package; the tests start their own broker processes on free ports from
#               this binary (they need to restart it and give it ACL files). One shared broker
#               also runs on 127.0.0.1:18830 for manual checks.
#   openssl     for the mqtts:// test (throw-away CA and broker certificate).
#   chromium    Debian chromium + chromium-driver (+ fonts) for the dashboard's headless browser tests.
#   postgresql  Debian package; the default cluster listens on 127.0.0.1:5432 with a role
#               cellvar/cellvar (CREATEDB) and a database cellvar_test. Tests create and drop
#               their own databases through that role.
#
# Tests read CELLVAR_PG (default below) and CELLVAR_MOSQUITTO (path of the binary, default
# found on PATH or /usr/sbin/mosquitto). With CELLVAR_CI=1 a missing service fails the tests.
set -euo pipefail

need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # TLS test makes a throw-away CA
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)               # dashboard browser tests (headless)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
dpkg -s fonts-liberation >/dev/null 2>&1 || need+=(fonts-liberation)   # text in dashboard screenshots
if [ ${#need[@]} -gt 0 ]; then
  echo "services: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # A policy-rc.d stops the packages' own init scripts from starting default daemons (mosquitto on 1883);
  # an existing one (common in container images) is left as it is.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1
  fi
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  if [ "$own_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# --- mosquitto: one shared loopback broker (tests start their own on free ports) ---
MOSQ=$(command -v mosquitto || echo /usr/sbin/mosquitto)
if ! (exec 3<>/dev/tcp/127.0.0.1/18830) 2>/dev/null; then
  conf=/tmp/cellvar-mosquitto-18830.conf
  printf 'listener 18830 127.0.0.1\nallow_anonymous true\npersistence false\n' > "$conf"
  "$MOSQ" -c "$conf" -d
  echo "services: mosquitto on 127.0.0.1:18830"
fi

# --- postgresql: default cluster, role cellvar, database cellvar_test ---
ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$ver main"; then
  pg_createcluster "$ver" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$ver" main start
fi
port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
for i in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$port" -q && break; sleep 0.5; done
su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='cellvar'\"" | grep -q 1 ||
  su postgres -c "psql -p $port -qc \"CREATE ROLE cellvar LOGIN PASSWORD 'cellvar' CREATEDB\""
su postgres -c "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='cellvar_test'\"" | grep -q 1 ||
  su postgres -c "psql -p $port -qc \"CREATE DATABASE cellvar_test OWNER cellvar\""
echo "services: postgresql $ver on 127.0.0.1:$port (CELLVAR_PG=Host=127.0.0.1;Port=$port;Username=cellvar;Password=cellvar;Database=cellvar_test)"
