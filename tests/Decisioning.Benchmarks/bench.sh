#!/usr/bin/env bash
# The benchmarks: starts the platform (Release) on free loopback ports with a private PostgreSQL,
# 1. drives POST /v1/decisions with wrk, then the floor (a bare endpoint making the same two gRPC
#    calls to echo servers (grpc-dotnet on both sides) and one insert of a row of the same size), and prints
#    both and their ratio;
# 2. sends decisions at fixed arrival rates (an open model: OPEN_RATES, OPEN_SECONDS each), printing p50/p99/p99.9 from
#    the scheduled send and what a decision costs at each rate: CPU ms of every process, WAL bytes, statements and
#    transactions; plots rate against latency (OPEN_PLOT, default tests/Decisioning.Benchmarks/open-model.png);
#    then prints the bytes a stored decision takes on disk, by table (docs/capacity.md);
# 3. loads 2 million decisions over 24 months for 8 tenants and drives first pages of
#    GET /v1/decisions (with and without filters), printing their latency. Usage: tests/Decisioning.Benchmarks/bench.sh [seconds] [connections] [warm-up seconds]
# Each target is warmed up first: the Gateway's tiered JIT compilation (tier 0, instrumented, then optimised with
# the profile) takes about 40 s of full load to settle, and spends twice the CPU per decision until it has; the
# figures are meant to be steady-state ones.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/common.sh

SECONDS_PER_RUN=${1:-20}
CONNECTIONS=${2:-32}
WARMUP_SECONDS=${3:-60}
OPEN_RATES=${OPEN_RATES:-250 500 750 1000 1500 2000}
OPEN_SECONDS=${OPEN_SECONDS:-10}
OPEN_PLOT=${OPEN_PLOT:-tests/Decisioning.Benchmarks/open-model.png}
ensure_packages postgresql rabbitmq-server curl wrk python3-pandas python3-sklearn python3-matplotlib
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bench_workspace
PG_PORT=$(free_port); GW=$(free_port); SC=$(free_port); SA=$(free_port); PR=$(free_port); PA=$(free_port); ECHO1=$(free_port); ECHO2=$(free_port); FLOOR=$(free_port); WA=$(free_port)
bench_rabbitmq_port=$(free_port_range 13)

echo "Building (Release) ..."
dotnet build Decisioning.sln -c Release -v quiet -nologo >/dev/null
/usr/bin/python3 tests/Decisioning.Benchmarks/applicants.py ../shared/datasets "$work/applicants.lua" >/dev/null
/usr/bin/python3 tests/Decisioning.Benchmarks/applicants.py ../shared/datasets "$work/applicants.json" >/dev/null

# pg_stat_statements counts the statements a decision costs.
start_private_postgres "$work/pg" "$PG_PORT" "-c shared_preload_libraries=pg_stat_statements"
pgq() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d decisioning -qtAc "$1"; }
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE decisioning"
pgq "CREATE EXTENSION pg_stat_statements" >/dev/null
export ConnectionStrings__Decisioning="Host=127.0.0.1;Port=$PG_PORT;Database=decisioning;Username=postgres;Timeout=3;Command Timeout=10;Maximum Pool Size=64"
dotnet services/Migrator/bin/Release/net10.0/Migrator.dll --seed-demo >/dev/null
# The Worker relays every decision's event to a private RabbitMQ node: the relay's cost is part of a decision's.
start_private_rabbitmq "$work/rabbitmq" "$bench_rabbitmq_port"

start() {
  local dir=$1; shift
  (cd "$dir/bin/Release/net10.0" && exec dotnet "$@") >"$work/$(basename "$dir")-$#.log" 2>&1 &
  pids+=($!)
}
start services/CreditScoring CreditScoring.dll --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$SC" --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$SA" --Logging:LogLevel:Default=Warning
start services/Pricing Pricing.dll --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$PR" --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$PA" --Logging:LogLevel:Default=Warning
start services/Gateway Gateway.dll --Kestrel:Endpoints:Http:Url="http://127.0.0.1:$GW" --Logging:LogLevel:Default=Warning \
  --RateLimits:Decisions:PerSecond=1000000 --RateLimits:Decisions:Burst=1000000 --RateLimits:History:PerSecond=1000000 --RateLimits:History:Burst=1000000 \
  --Models:CreditScoringAddress="http://127.0.0.1:$SC" --Models:PricingAddress="http://127.0.0.1:$PR" --Models:BudgetMilliseconds=2000
start tests/Decisioning.Benchmarks Decisioning.Benchmarks.dll echo "$ECHO1"
start tests/Decisioning.Benchmarks Decisioning.Benchmarks.dll echo "$ECHO2"
Floor__ScoringAddress="http://127.0.0.1:$ECHO1" Floor__PricingAddress="http://127.0.0.1:$ECHO2" \
  start tests/Decisioning.Benchmarks Decisioning.Benchmarks.dll floor "$FLOOR"
start services/Worker Worker.dll --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$WA" --Logging:LogLevel:Default=Warning \
  --Outbox:RabbitMqUri="amqp://guest:guest@127.0.0.1:$bench_rabbitmq_port/"
wait_for_http "http://127.0.0.1:$GW/health" 60
wait_for_http "http://127.0.0.1:$WA/health" 60
for _ in $(seq 1 120); do curl -fs -o /dev/null -X POST "http://127.0.0.1:$FLOOR/floor" -d '{}' && break; sleep 0.25; done

export BENCH_DIR=$PWD/tests/Decisioning.Benchmarks
# Write-ahead log written so far (bytes): what durability costs the disk, per request once divided.
wal_bytes() { pgq "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"; }
drive() { # name path key port [script] [connections] [processes whose CPU per request to report]
  local name=$1 path=$2 key=$3 script=${5:-decisions.lua} connections=${6:-$CONNECTIONS} before result
  BENCH_APPLICANTS="$work/applicants.lua" BENCH_PATH=$path BENCH_KEY=$key BENCH_RUN="warm-$name-$$" \
    wrk -t2 -c"$connections" -d"${WARMUP_SECONDS}s" -s "$BENCH_DIR/$script" "http://127.0.0.1:$4" >/dev/null
  before=$(cpu_ticks ${7:-}) wal=$(wal_bytes)
  result=$(BENCH_APPLICANTS="$work/applicants.lua" BENCH_PATH=$path BENCH_KEY=$key BENCH_RUN="$name-$$" \
    wrk -t2 -c"$connections" -d"${SECONDS_PER_RUN}s" --timeout 5s -s "$BENCH_DIR/$script" "http://127.0.0.1:$4" | grep '^RESULT')
  echo "$result cpu_before=$(tr ' ' , <<<"$before") cpu_after=$(cpu_ticks ${7:-} | tr ' ' ,) wal_bytes=$(($(wal_bytes) - wal))"
}
# The closed loop keeps 32 requests queued on 2 cores, so a decision waits tens of milliseconds for CPU: with the
# production budget (150 ms) part of the model calls would run out of time and refer cheaply. A budget of 2 s
# measures the capacity for whole decisions; the run reports how many decisions lacked a model's answer (0 expected).
echo "Driving each for ${SECONDS_PER_RUN}s after ${WARMUP_SECONDS}s of warm-up, $CONNECTIONS connections (wrk, 2 threads) ..."
postmaster=$(head -1 "$work/pg/postmaster.pid")
# pids: CreditScoring, Pricing, Gateway, echo, echo, floor, Worker.
rabbitmq=$(cat "$work/rabbitmq/rabbitmq.pid")
platform="${pids[2]} ${pids[0]} ${pids[1]} ${pids[6]} $rabbitmq $postmaster"
decisions=$(drive decisions /v1/decisions demo-decider-key "$GW" decisions.lua "$CONNECTIONS" "$platform")
floor=$(drive floor /floor none "$FLOOR" decisions.lua "$CONNECTIONS" "${pids[5]} ${pids[3]} ${pids[4]} $postmaster")
outcomes=$(pgq "SELECT string_agg(outcome || '=' || n, ' ') FROM (SELECT outcome, count(*) n FROM decisions GROUP BY 1 ORDER BY 1) o")

field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" <<<"$1"; }
printf '\n%-10s %12s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-10s %12s %10s %10s %8s\n' decisions "$(field "$decisions" rps)" "$(field "$decisions" p50_ms)" "$(field "$decisions" p99_ms)" "$(field "$decisions" non2xx)"
printf '%-10s %12s %10s %10s %8s\n' floor "$(field "$floor" rps)" "$(field "$floor" p50_ms)" "$(field "$floor" p99_ms)" "$(field "$floor" non2xx)"
awk -v d="$(field "$decisions" rps)" -v f="$(field "$floor" rps)" 'BEGIN { printf "\nthroughput ratio decisions/floor: %.2f\n", d / f }'
echo "decisions stored by outcome: $outcomes"
stored=$(pgq "SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE 'decisions-$$-%'" 2>/dev/null || true)
unanswered() { curl -fs "http://127.0.0.1:$GW/metrics" | awk '/^decisioning_model_unavailable_total/ { n += $2 } END { print n + 0 }'; }
echo "decisions sent in the measured run: $(field "$decisions" requests), stored: $stored; made without a model's answer: $(unanswered)"
# Where the CPU goes: milliseconds of CPU per request, by process, over the measured run (not the warm-up).
cpu_per_request() { # result labels...
  local result=$1; shift
  /usr/bin/python3 - "$(field "$result" requests)" "$(field "$result" cpu_before)" "$(field "$result" cpu_after)" "$(getconf CLK_TCK)" "$@" <<'EOF'
import sys
requests, tick = int(sys.argv[1]), int(sys.argv[4])
before, after = (arg.strip(",").split(",") for arg in sys.argv[2:4])
used = [(int(a) - int(b)) * 1000 / tick / requests for a, b in zip(after, before)]
print("  ".join("%s %.3f" % (label, ms) for label, ms in zip(sys.argv[5:], used)) + "  total %.3f" % sum(used))
EOF
}
echo "CPU ms per request, decisions: $(cpu_per_request "$decisions" Gateway CreditScoring Pricing Worker RabbitMQ PostgreSQL)"
echo "CPU ms per request, floor:     $(cpu_per_request "$floor" floor echo echo PostgreSQL)"
awk -v d="$(field "$decisions" wal_bytes)" -v dn="$(field "$decisions" requests)" -v f="$(field "$floor" wal_bytes)" -v fn="$(field "$floor" requests)" \
  'BEGIN { printf "WAL bytes per request: decisions %.0f, floor %.0f\n", d / dn, f / fn }'


# The open model: requests leave on schedule whatever the answers do, latency counts from the scheduled send, so
# queueing shows (wrk's closed loop hides it). Each rate runs in a driver of its own: 3 s of warm-up at that rate, then
# OPEN_SECONDS measured; the cost columns cover the whole run (warm-up included), per decision sent.
echo
echo "Open model: fixed arrival rates of ${OPEN_RATES// //, }/s, ${OPEN_SECONDS}s each ..."
rm -f "$work/open.csv"
# New connections and new concurrency take the Gateway's JIT through code the closed loop left cold: 15 s first.
dotnet tests/Decisioning.Benchmarks/bin/Release/net10.0/Decisioning.Benchmarks.dll open "http://127.0.0.1:$GW" demo-decider-key \
  "$work/applicants.json" 500 15 0 "$work/open-warm.csv" >/dev/null
statements() { pgq "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'decisioning') \
  AND query NOT LIKE '%pg_stat%' AND query NOT LIKE '%pg_current_wal_lsn%' AND query NOT LIKE '%idempotency_key LIKE%'"; } # not ours
transactions() { pgq "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'decisioning'"; }
# Work left from the run before (challenger scoring, events to relay) would be charged to the next rate: wait until
# the platform is at rest (under 5% of a core for 2 s; at most 120 s).
wait_at_rest() {
  local quiet=0 a b
  for _ in $(seq 1 120); do
    a=$(cpu_ticks $platform | tr ' ' +)0; sleep 1; b=$(cpu_ticks $platform | tr ' ' +)0
    if [ $((b - a)) -lt $(($(getconf CLK_TCK) / 20)) ]; then quiet=$((quiet + 1)); [ $quiet -ge 2 ] && return 0; else quiet=0; fi
  done
}
for rate in $OPEN_RATES; do
  wait_at_rest
  pgq "SELECT pg_stat_statements_reset()" >/dev/null
  before=$(cpu_ticks $platform) wal=$(wal_bytes) tx=$(transactions) missing=$(unanswered)
  out=$(dotnet tests/Decisioning.Benchmarks/bin/Release/net10.0/Decisioning.Benchmarks.dll open "http://127.0.0.1:$GW" demo-decider-key \
    "$work/applicants.json" "$rate" "$OPEN_SECONDS" 3 "$work/open.csv")
  sleep 2 # the statistics collector's delay
  run=$(sed -n 's/^RUN id=//p' <<<"$out")
  printf '%s\n' "$(grep '^OPEN' <<<"$out") sent_all=$(($(sed -n 's/^WARMUP.* sent=\([0-9]*\).*/\1/p' <<<"$out") + $(field "$(grep '^OPEN' <<<"$out")" sent))) \
    stored=$(pgq "SELECT count(*) FROM idempotency_keys WHERE idempotency_key LIKE 'open-$run-%'") cpu_before=$(tr ' ' , <<<"$before") \
    cpu_after=$(cpu_ticks $platform | tr ' ' ,) wal_bytes=$(($(wal_bytes) - wal)) statements=$(statements) \
    transactions=$(($(transactions) - tx)) unanswered=$(($(unanswered) - missing))" >>"$work/open.txt"
done
/usr/bin/python3 - "$work/open.txt" "$(getconf CLK_TCK)" <<'EOF'
import sys
rows = [dict(f.split("=", 1) for f in line.split()[1:]) for line in open(sys.argv[1]) if line.strip()]
tick = int(sys.argv[2])
print("\n%8s %9s %8s %8s %9s %8s %7s %8s %7s" % ("rate/s", "achieved", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "non-2xx", "errors", "no model"))
for r in rows:
    print("%8s %9s %8.1f %8.1f %9.1f %8.1f %7s %8s %7s" % (r["rate"], r["achieved_rps"], float(r["p50_ms"]), float(r["p99_ms"]), float(r["p999_ms"]), float(r["max_ms"]), r["non2xx"], r["errors"], r["unanswered"]))
print("\nCost per decision sent (CPU ms by process; WAL bytes, statements and transactions in PostgreSQL):")
print("%8s %8s %8s %8s %8s %8s %8s %8s %8s %10s %6s %6s" % ("rate/s", "Gateway", "Scoring", "Pricing", "Worker", "RabbitMQ", "Postgres", "total", "WAL B", "statements", "xacts", "stored"))
for r in rows:
    n = int(r["sent_all"])
    used = [(int(a) - int(b)) * 1000 / tick / n for a, b in zip(r["cpu_after"].strip(",").split(","), r["cpu_before"].strip(",").split(","))]
    print("%8s %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.0f %10.2f %6.2f %6s" % ((r["rate"],) + tuple(used) + (sum(used), int(r["wal_bytes"]) / n, int(r["statements"]) / n, int(r["transactions"]) / n, "%d/%d" % (int(r["stored"]), n))))
EOF
/usr/bin/python3 tests/Decisioning.Benchmarks/plot_open_model.py "$work/open.csv" "$OPEN_PLOT"

# What the decisions stored so far take on disk, tables with their indexes and TOAST, per decision (docs/capacity.md).
echo
echo "Storage per decision stored (bytes, tables with their indexes), over $(pgq "SELECT count(*) FROM decisions") decisions:"
pgq "WITH n AS (SELECT count(*)::numeric AS decisions FROM decisions),
  sizes(name, bytes) AS (VALUES
    ('decisions', (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('decisions') WHERE isleaf)),
    ('idempotency_keys', pg_total_relation_size('idempotency_keys')), ('outbox', pg_total_relation_size('outbox')),
    ('review_cases', pg_total_relation_size('review_cases')), ('challenger_scores', pg_total_relation_size('challenger_scores')))
  SELECT format('%-18s %8s', name, round(bytes / decisions)) FROM sizes, n
  UNION ALL SELECT format('%-18s %8s', 'total', round(sum(bytes) / min(decisions))) FROM sizes, n"

echo
echo "Loading 2,000,000 decisions over 24 months for 8 tenants ..."
(cd tests/Decisioning.Benchmarks/bin/Release/net10.0 && dotnet Decisioning.Benchmarks.dll seed 8 250000)
# Latency of a page as an analyst sees it: a few analysts at once (4 connections), not a saturating crowd.
history=$(drive history - demo-analyst-key "$GW" history.lua 4)
printf '\n%-24s %12s %10s %10s %8s\n' "" "requests/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-24s %12s %10s %10s %8s\n' "history first page" "$(field "$history" rps)" "$(field "$history" p50_ms)" "$(field "$history" p99_ms)" "$(field "$history" non2xx)"
