#!/usr/bin/env bash
# Backtest throughput and what a backtest does to live decisions. Starts the platform (Release) on free loopback
# ports with a private PostgreSQL; makes the 1,000 German-row decisions through the API and copies them (SQL) to
# DECISIONS decisions (default 2,000,000) of the demo tenant, the first OUTCOME_COPIES copies with the rows' observed
# outcomes; then drives POST /v1/decisions at LIVE_RATE per second for LIVE_SECONDS (open model) without a backtest,
# and again while a backtest of every decision with the challenger runs. Prints the live p50/p99 of both, the
# backtest's decisions per second and the CPU seconds each process spent on the backtest.
# Usage: tests/Decisioning.Benchmarks/backtest.sh   (env: DECISIONS, OUTCOME_COPIES, LIVE_RATE, LIVE_SECONDS, MAX_DECISIONS_PER_SECOND)
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/common.sh

DECISIONS=${DECISIONS:-2000000}
OUTCOME_COPIES=${OUTCOME_COPIES:-100}
LIVE_RATE=${LIVE_RATE:-100}
LIVE_SECONDS=${LIVE_SECONDS:-30}
MAX_DECISIONS_PER_SECOND=${MAX_DECISIONS_PER_SECOND:-0}
ensure_packages postgresql curl python3-pandas python3-sklearn
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bench_workspace
PG_PORT=$(free_port); GW=$(free_port); SC=$(free_port); SA=$(free_port); PR=$(free_port); PA=$(free_port); WA=$(free_port)
echo "Building (Release) ..."
dotnet build Decisioning.sln -c Release -v quiet -nologo >/dev/null
/usr/bin/python3 tests/Decisioning.Benchmarks/applicants.py ../shared/datasets "$work/applicants.json" >/dev/null

start_private_postgres "$work/pg" "$PG_PORT"
pgq() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d decisioning -v ON_ERROR_STOP=1 -qtAc "$1"; }
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE decisioning"
export ConnectionStrings__Decisioning="Host=127.0.0.1;Port=$PG_PORT;Database=decisioning;Username=postgres;Timeout=3;Command Timeout=60;Maximum Pool Size=64"
dotnet services/Migrator/bin/Release/net10.0/Migrator.dll --seed-demo >/dev/null

start() {
  local dir=$1; shift
  (cd "$dir/bin/Release/net10.0" && exec dotnet "$@") >"$work/$(basename "$dir").log" 2>&1 &
  pids+=($!)
}
start services/CreditScoring CreditScoring.dll --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$SC" --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$SA" --Logging:LogLevel:Default=Warning
start services/Pricing Pricing.dll --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$PR" --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$PA" --Logging:LogLevel:Default=Warning
start services/Gateway Gateway.dll --Kestrel:Endpoints:Http:Url="http://127.0.0.1:$GW" --Logging:LogLevel:Default=Warning \
  --RateLimits:Decisions:PerSecond=1000000 --RateLimits:Decisions:Burst=1000000 --RateLimits:History:PerSecond=1000000 --RateLimits:History:Burst=1000000 \
  --Models:CreditScoringAddress="http://127.0.0.1:$SC" --Models:PricingAddress="http://127.0.0.1:$PR"
start services/Worker Worker.dll --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$WA" --Logging:LogLevel:Default=Warning \
  --Models:CreditScoringAddress="http://127.0.0.1:$SC" --Models:PricingAddress="http://127.0.0.1:$PR" \
  --Backtests:MaxDecisionsPerSecond="$MAX_DECISIONS_PER_SECOND"
wait_for_http "http://127.0.0.1:$GW/health" 60
wait_for_http "http://127.0.0.1:$WA/health" 60
platform="${pids[*]}"

open_model() { # rate seconds → the OPEN line
  dotnet tests/Decisioning.Benchmarks/bin/Release/net10.0/Decisioning.Benchmarks.dll open "http://127.0.0.1:$GW" demo-decider-key \
    "$work/applicants.json" "$1" "$2" 3 "$work/open-$RANDOM.csv" | grep '^OPEN'
}
field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" <<<"$1"; }

echo "Deciding the 1,000 German rows, copying them to $DECISIONS decisions ..."
open_model 200 5 >/dev/null
copies=$(( (DECISIONS + 999) / 1000 ))
pgq "CREATE TABLE german AS SELECT * FROM decisions WHERE tenant_id = 'demo' ORDER BY decided_at LIMIT 1000"
from=$(pgq "SELECT to_char(date_trunc('day', now()) - interval '60 days', 'YYYY-MM-DD')")
pgq "INSERT INTO decisions (tenant_id, decision_id, application_id, outcome, product, amount, term_months, pd, score, grade,
                            model_version, policy_version, pricing_version, reason_codes, decided_at, trace_id, request, document)
     SELECT 'demo', gen_random_uuid(), g.application_id || '-' || k, g.outcome, g.product, g.amount, g.term_months, g.pd, g.score, g.grade,
            g.model_version, g.policy_version, g.pricing_version, g.reason_codes,
            '$from'::timestamptz + ((k - 1) * 1000 + r) * interval '1 second' * 2, NULL, g.request, g.document
     FROM (SELECT *, row_number() OVER (ORDER BY decided_at) - 1 AS r FROM german) g, generate_series(1, $copies) AS k
     WHERE (k - 1) * 1000 + r < $DECISIONS"
# Each copy's outcome is its German row's (application ids are LA-<row>-<copy>).
pgq "CREATE TABLE labels (row_no int PRIMARY KEY, bad boolean NOT NULL)"
awk '{ print NR - 1 "," ($21 == "2" ? "t" : "f") }' ../shared/datasets/german_credit/german.data \
  | psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d decisioning -qc "COPY labels FROM STDIN WITH (FORMAT csv)"
pgq "INSERT INTO loan_outcomes (tenant_id, decision_id, decided_at, status, observed_at)
     SELECT d.tenant_id, d.decision_id, d.decided_at, CASE WHEN l.bad THEN 'defaulted' ELSE 'repaid' END, current_date
     FROM decisions d JOIN labels l ON l.row_no = split_part(d.application_id, '-', 2)::int
     WHERE d.tenant_id = 'demo' AND d.decided_at >= '$from'
       AND d.decided_at < '$from'::timestamptz + interval '1 second' * 2 * 1000 * $OUTCOME_COPIES"
pgq "VACUUM ANALYZE decisions" 2>/dev/null || pgq "ANALYZE decisions"
pgq "ANALYZE loan_outcomes"
# The copy's write-ahead log is flushed before anything is timed, so that its checkpoint does not land in the baseline.
pgq "CHECKPOINT"
sleep 10

echo "Live decisions at $LIVE_RATE/s for $LIVE_SECONDS s, without a backtest ..."
quiet=$(open_model "$LIVE_RATE" "$LIVE_SECONDS")

to=$(pgq "SELECT to_char(now(), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
body="{\"from\": \"${from}T00:00:00Z\", \"to\": \"$to\", \"filters\": {\"product\": \"personal_loan\"}, \"candidate\": {\"model\": \"german-gbm/1\"}}"
before=$(cpu_ticks $platform)
id=$(curl -fs -X POST "http://127.0.0.1:$GW/v1/backtests" -H 'Authorization: Bearer demo-analyst-key' -H 'Content-Type: application/json' -d "$body" \
  | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
status() { curl -fs "http://127.0.0.1:$GW/v1/backtests/$id" -H 'Authorization: Bearer demo-analyst-key'; }
until [ "$(status | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["progress"]["processed"])')" -gt 0 ]; do sleep 1; done
echo "Live decisions at $LIVE_RATE/s for $LIVE_SECONDS s, during the backtest ..."
busy=$(open_model "$LIVE_RATE" "$LIVE_SECONDS")
while [ "$(status | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["status"])')" = running ]; do sleep 2; done
after=$(cpu_ticks $platform)

printf '\n%-24s %8s %8s %8s %8s\n' "live decisions" "rate/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-24s %8s %8s %8s %8s\n' "without a backtest" "$(field "$quiet" achieved_rps)" "$(field "$quiet" p50_ms)" "$(field "$quiet" p99_ms)" "$(field "$quiet" non2xx)"
printf '%-24s %8s %8s %8s %8s\n' "during the backtest" "$(field "$busy" achieved_rps)" "$(field "$busy" p50_ms)" "$(field "$busy" p99_ms)" "$(field "$busy" non2xx)"
status | /usr/bin/python3 -c '
import json, sys
from datetime import datetime
b = json.load(sys.stdin)
seconds = (datetime.fromisoformat(b["finishedAt"]) - datetime.fromisoformat(b["progress"]["startedAt"])).total_seconds()
r = b["result"]
print("\nbacktest: %s, %d decisions in %.1f s = %.0f decisions/s (planning included); with outcomes %d, AUC %s -> %s"
      % (b["status"], r["decisions"], seconds, r["decisions"] / seconds, r["withOutcomes"]["count"], r["withOutcomes"]["auc"]["baseline"], r["withOutcomes"]["auc"]["candidate"]))'
/usr/bin/python3 - "$before" "$after" "$(getconf CLK_TCK)" <<'PY'
import sys
names = ["CreditScoring", "Pricing", "Gateway", "Worker"]
used = [(int(a) - int(b)) / int(sys.argv[3]) for a, b in zip(sys.argv[2].split(), sys.argv[1].split())]
print("CPU seconds from submission to the end (live decisions included): " + ", ".join("%s %.1f" % (n, u) for n, u in zip(names, used)))
PY
