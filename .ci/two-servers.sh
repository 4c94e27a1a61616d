#!/usr/bin/env bash
# Two gunicorn app servers on one PostgreSQL database and one Redis, as in docs/deploy.md, then
# tests/ops/test_two_servers.py against them (publish through one, read through the other).
# Usage: .ci/two-servers.sh   (needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DB=${TWO_SERVERS_DB:-cms_two_servers}
PORTS=(${TWO_SERVERS_PORTS:-8101 8102})
LOGDIR=$(mktemp -d)

export DJANGO_SETTINGS_MODULE=cms.settings.production
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export REDIS_URL=${TWO_SERVERS_REDIS_URL:-redis://127.0.0.1:6379/13}
export CACHE_KEY_PREFIX="two-servers-$$"
export SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')"
export INTAKE_ENCRYPTION_KEYS="$($PY -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export ALLOWED_HOSTS=127.0.0.1,localhost
export PUBLIC_BASE_URL="http://127.0.0.1:${PORTS[0]}"
export SECURE_SSL_REDIRECT=false
export CMS_2FA_REQUIRED=false
export STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage
export INTAKE_MIN_FILL_SECONDS=0 INTAKE_RATE_LIMIT_REQUESTS=4
export TASKS_BACKEND=django_tasks.backends.dummy.DummyBackend

dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
createdb -h 127.0.0.1 -U postgres "$DB"
$PY manage.py migrate --noinput -v 0  # the release step, once, before any server starts

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    dropdb -h 127.0.0.1 -U postgres --if-exists "$DB" || true
}
trap cleanup EXIT
URLS=()
for port in "${PORTS[@]}"; do
    GUNICORN_BIND="127.0.0.1:$port" WEB_CONCURRENCY=2 GUNICORN_ACCESS_LOG=/dev/null \
        $PY -m gunicorn -c gunicorn.conf.py >"$LOGDIR/gunicorn-$port.log" 2>&1 &
    PIDS+=($!)
    URLS+=("http://127.0.0.1:$port")
done
for url in "${URLS[@]}"; do
    for _ in $(seq 1 120); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.5; done
    curl -fs "$url/readyz" >/dev/null || { cat "$LOGDIR"/*.log; exit 1; }
done

TWO_SERVERS="${URLS[*]}" $PY -m pytest -q -p no:cacheprovider -p no:xdist tests/ops/test_two_servers.py \
    || { tail -n 50 "$LOGDIR"/*.log; exit 1; }
