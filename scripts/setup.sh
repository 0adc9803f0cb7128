#!/usr/bin/env bash
# Idempotent setup for "Lån et øre": Python venv + pinned requirements,
# Debian chromium (for the e2e browser tests), poppler-utils (pdftoppm, for the
# seminar pack's layout tests) and a running PostgreSQL.
#
# Usage: bash scripts/setup.sh [--app-only]
#   --app-only   only the venv/requirements (what the demo needs); skip
#                chromium, poppler-utils and PostgreSQL.
# Env:   PYTHON=/path/to/python3.11 overrides the interpreter used for .venv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APP_ONLY=0
for arg in "$@"; do
    case "$arg" in
        --app-only) APP_ONLY=1 ;;
        -h | --help)
            sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "setup.sh: unknown argument: $arg" >&2
            exit 2
            ;;
    esac
done

say() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }

VENV="$ROOT/.venv"
VPY="$VENV/bin/python"
STAMP="$VENV/.requirements.sha256"

# --- 1. Python virtualenv -------------------------------------------------
find_python() {
    local cand
    for cand in "${PYTHON:-}" python3.11 /root/.pyenv/shims/python3.11 python3; do
        [ -n "$cand" ] || continue
        command -v "$cand" >/dev/null 2>&1 || continue
        if "$cand" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$cand"
            return 0
        fi
    done
    return 1
}

if [ ! -x "$VPY" ] || ! "$VPY" -c 'import sys' >/dev/null 2>&1; then
    PY="$(find_python)" || {
        echo "ERROR: Python 3.11 not found (set PYTHON=/path/to/python3.11)" >&2
        exit 1
    }
    say "Creating virtualenv .venv with $PY"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
else
    say "Using existing virtualenv .venv ($("$VPY" -c 'import sys; print(sys.version.split()[0])'))"
fi

# --- 2. Pinned requirements (only when requirements.txt changed) ----------
REQ_HASH="$("$VPY" -c 'import hashlib, sys
print(hashlib.sha256(open("requirements.txt", "rb").read() + sys.version.encode()).hexdigest())')"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$REQ_HASH" ]; then
    say "Python requirements up to date"
else
    say "Installing Python requirements (pip install -r requirements.txt)"
    rm -f "$STAMP"
    "$VPY" -m pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
    echo "$REQ_HASH" >"$STAMP"
    say "Python requirements installed"
fi

if [ "$APP_ONLY" = 1 ]; then
    say "Setup done (--app-only: skipped chromium, poppler-utils and PostgreSQL)"
    exit 0
fi

# --- 3. Debian packages: chromium (the e2e tests use /usr/bin/chromium) and
#         poppler-utils (pdftoppm: the seminar pack's layout tests render every PDF page),
#         libreoffice-impress-nogui (the deck's slides rendered as pictures)
APT_NEEDED=()
if [ -x /usr/bin/chromium ]; then
    say "Chromium present: /usr/bin/chromium"
else
    APT_NEEDED+=(chromium fonts-liberation)
fi
if command -v pdftoppm >/dev/null 2>&1; then
    say "pdftoppm present: $(command -v pdftoppm)"
else
    APT_NEEDED+=(poppler-utils)
fi
# LibreOffice Impress without a display (about 20 s, 53 packages): the seminar deck's layout
# test renders every slide to a picture (PPTX -> PDF -> pdftoppm).
if command -v soffice >/dev/null 2>&1; then
    say "LibreOffice present: $(command -v soffice)"
else
    APT_NEEDED+=(libreoffice-impress-nogui)
fi
# nginx (Debian's package): tests/e2e/test_nginx.py runs two replicas behind the very config
# in deploy/nginx/. Installed without starting it: the test starts its own, on a free port.
if [ -x /usr/sbin/nginx ]; then
    say "nginx present: /usr/sbin/nginx"
else
    APT_NEEDED+=(nginx)
fi
if [ "${#APT_NEEDED[@]}" = 0 ]; then
    :
elif [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    warn "missing ${APT_NEEDED[*]} and cannot apt-get install (need root + apt);" \
        "browser tests and the seminar pack's page rendering will be skipped (or fail under CI)."
else
    say "Installing Debian ${APT_NEEDED[*]} (apt-get update && apt-get install)"
    export DEBIAN_FRONTEND=noninteractive
    # No service is started by a package's install script (nginx would take port 80).
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    if apt-get update -qq &&
        apt-get install -y -qq --no-install-recommends "${APT_NEEDED[@]}" </dev/null; then
        if [ -x /usr/bin/chromium ]; then
            say "Chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
        fi
        if command -v pdftoppm >/dev/null 2>&1; then
            say "pdftoppm: $(command -v pdftoppm)"
        fi
    else
        warn "apt-get install ${APT_NEEDED[*]} failed; the tests that need them will be" \
            "skipped (or fail under CI)."
    fi
fi

# --- 3b. axe-core from the npm registry (the accessibility browser test injects it) ---
E2E="$ROOT/tests/e2e"
NPM_STAMP="$E2E/node_modules/.lock.sha256"
LOCK_HASH="$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)"
if [ -f "$E2E/node_modules/axe-core/axe.min.js" ] && [ -f "$NPM_STAMP" ] &&
    [ "$(cat "$NPM_STAMP")" = "$LOCK_HASH" ]; then
    say "axe-core up to date"
elif ! command -v npm >/dev/null 2>&1; then
    warn "npm not found: the accessibility test will be skipped (or fail under CI)."
else
    say "Installing axe-core (npm ci in tests/e2e)"
    if (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error </dev/null); then
        echo "$LOCK_HASH" >"$NPM_STAMP"
    else
        warn "npm ci failed: the accessibility test will be skipped (or fail under CI)."
    fi
fi

# --- 4. PostgreSQL (optional: PG tests skip cleanly without it) -------------
pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) >/dev/null 2>&1; }

if pg_up; then
    say "PostgreSQL reachable on 127.0.0.1:5432"
elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    for ver in /etc/postgresql/*/; do
        ver="$(basename "$ver")"
        [ -d "/etc/postgresql/$ver/main" ] || continue
        say "Starting PostgreSQL $ver (pg_ctlcluster $ver main start)"
        pg_ctlcluster --skip-systemctl-redirect "$ver" main start ||
            warn "could not start PostgreSQL cluster $ver/main"
    done
    for _ in $(seq 1 30); do
        pg_up && break
        sleep 0.5
    done
    if pg_up; then
        say "PostgreSQL reachable on 127.0.0.1:5432"
    else
        warn "PostgreSQL not reachable on 127.0.0.1:5432; postgres tests will be skipped."
    fi
else
    warn "No PostgreSQL on 127.0.0.1:5432 and no pg_ctlcluster; postgres tests will be skipped."
fi

say "Setup done"
