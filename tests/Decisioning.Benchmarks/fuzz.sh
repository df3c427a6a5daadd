#!/usr/bin/env bash
# Bad requests from a fixed seed (default 100,000, seed 13) to a running platform (./run.sh): every one must be
# refused with an RFC 9457 problem (no 5xx but load shedding's 503), the Gateway must be healthy afterwards, and no
# row may have been written. Prints the answers by route and verdict; exits non-zero on any failure.
# Usage: tests/Decisioning.Benchmarks/fuzz.sh [count] [seed]
#   env: GATEWAY_URL (http://127.0.0.1:8080), PG_PORT (55432), CONCURRENCY (16)
#   (build first: dotnet build Decisioning.sln -c Release; the platform's other clients should be idle, as the row
#   counts of the tables the Gateway writes are compared before and after.)
set -euo pipefail
cd "$(dirname "$0")/../.."

COUNT=${1:-100000}
SEED=${2:-13}
GATEWAY_URL=${GATEWAY_URL:-http://127.0.0.1:8080}
PG_PORT=${PG_PORT:-55432}
CONCURRENCY=${CONCURRENCY:-16}
tables="decisions idempotency_keys outbox review_cases loan_outcomes audit_log api_keys tenants webhook_endpoints backtests"

counts() {
  for table in $tables; do
    printf '%s=%s ' "$table" "$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d decisioning -v ON_ERROR_STOP=1 -qtAc "SELECT count(*) FROM $table")"
  done
}

before=$(counts)
status=0
dotnet tests/Decisioning.Benchmarks/bin/Release/net10.0/Decisioning.Benchmarks.dll fuzz "$GATEWAY_URL" "$COUNT" "$SEED" \
  demo-decider-key demo-analyst-key demo-reviewer-key demo-admin-key "$CONCURRENCY" || status=$?
after=$(counts)
echo "rows before: $before"
echo "rows after:  $after"
if [ "$before" != "$after" ]; then
  echo "FAIL: rows were written by bad requests"
  status=1
fi
exit "$status"
