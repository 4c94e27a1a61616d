#!/usr/bin/env bash
# Fuzzes the v3 API as served by gunicorn on PostgreSQL, from its own OpenAPI document:
# every GET anonymously, every GET with an editor's token, and the intake POST.
# Any server error, undocumented status code or content type, or response that does not match
# its schema fails the run. Fixed seed and bounded examples keep it reproducible and short.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
ST="$(dirname "$PYTHON")/st"
DB_NAME="${SCHEMATHESIS_DB:-cms_schemathesis}"
SEED="${SCHEMATHESIS_SEED:-20261125}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-10}"

psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null
psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $DB_NAME" >/dev/null

WORK="$(mktemp -d)"  # fresh working folder: no .hypothesis/ or .schemathesis/ from earlier runs
export DJANGO_SETTINGS_MODULE=cms.settings.production
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB_NAME"
export SECRET_KEY="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECURE_SSL_REDIRECT=false
export ALLOWED_HOSTS=127.0.0.1
export INTAKE_ENCRYPTION_KEYS="$("$PYTHON" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export PUBLIC_BASE_URL="http://127.0.0.1"
export STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage
export CMS_2FA_REQUIRED=false
export INTAKE_RATE_LIMIT_REQUESTS=100000
# The fuzzer sends refused tokens on purpose; the token limit has its own tests.
export API_BEARER_FAILURE_LIMIT=1000000
export MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
export PYTHONPATH="$ROOT"

"$PYTHON" manage.py migrate --noinput -v 0
TOKEN="$("$PYTHON" .ci/schemathesis_setup.py | tail -n 1)"
STARTED=$SECONDS

PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
"$PYTHON" -m gunicorn cms.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
    --limit-request-line 0 --chdir "$ROOT" --log-level warning >"$WORK/gunicorn.log" 2>&1 &
SERVER=$!
stop() {
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DB_NAME" >/dev/null || true
    rm -rf "$WORK"
}
trap stop EXIT
for _ in $(seq 1 60); do
    curl -fs -o /dev/null "$BASE/api/v3/openapi.json" && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/gunicorn.log"; exit 1; }
    sleep 0.5
done

CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
run() {
    (cd "$WORK" && "$ST" --config-file "$ROOT/.ci/schemathesis.toml" run "$BASE/api/v3/openapi.json" --checks "$CHECKS" --seed "$SEED" \
        --max-examples "$MAX_EXAMPLES" --workers 2 --request-timeout 20 \
        --phases coverage,fuzzing --generation-database none --no-color "$@")
}
status=0
echo "-- schemathesis: every GET, anonymous"
run --include-method GET || status=1
echo "-- schemathesis: every GET, with an editor's token"
run --include-method GET -H "Authorization: Bearer $TOKEN" || status=1
echo "-- schemathesis: the intake POST"
run --include-path-regex '^/api/v3/intake/forms/[^/]+/submissions/$' || status=1
echo "schemathesis: three runs took $((SECONDS - STARTED)) s"
if [ "$status" -ne 0 ]; then
    echo "== server log =="
    tail -n 200 "$WORK/gunicorn.log"
fi
exit "$status"
