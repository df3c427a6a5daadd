#!/usr/bin/env bash
# Two builds of the platform side by side on this machine: one private PostgreSQL, and for each build its own
# database (migrated and seeded by that build), CreditScoring, Pricing and Gateway on free loopback ports. wrk drives
# POST /v1/decisions at each in turn (32 connections), round after round, so that the machine's swings hit both
# builds alike; every round prints decisions/s, p99 and the CPU milliseconds per decision of the Gateway and of the
# model services, and the end the medians and the per-round ratio B/A. Build both first (dotnet build -c Release).
# Usage: tests/Decisioning.Benchmarks/compare.sh <checkout A> <checkout B> [rounds=8] [seconds per run=15]
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/common.sh

[ $# -ge 2 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
builds=("$(cd "$1" && pwd)" "$(cd "$2" && pwd)"); ROUNDS=${3:-8}; SECONDS_PER_RUN=${4:-15}
for build in "${builds[@]}"; do
  [ -f "$build/services/Gateway/bin/Release/net10.0/Gateway.dll" ] || { echo "$build is not built: dotnet build -c Release" >&2; exit 2; }
done
ensure_packages postgresql curl wrk python3-pandas python3-sklearn
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bench_workspace
PG_PORT=$(free_port)
/usr/bin/python3 tests/Decisioning.Benchmarks/applicants.py ../shared/datasets "$work/applicants.lua" >/dev/null
start_private_postgres "$work/pg" "$PG_PORT"
gateways=(); models=(); ports=()
for i in 0 1; do
  build=${builds[$i]} db="decisioning_$i" sc=$(free_port) sa=$(free_port) pr=$(free_port) pa=$(free_port) gw=$(free_port)
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $db"
  connection="Host=127.0.0.1;Port=$PG_PORT;Database=$db;Username=postgres;Timeout=3;Command Timeout=10;Maximum Pool Size=32"
  ConnectionStrings__Decisioning=$connection dotnet "$build/services/Migrator/bin/Release/net10.0/Migrator.dll" --seed-demo >/dev/null
  (cd "$build/services/CreditScoring/bin/Release/net10.0" && exec dotnet CreditScoring.dll --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$sc" \
    --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$sa" --Logging:LogLevel:Default=Warning) >"$work/scoring-$i.log" 2>&1 &
  pids+=($!); models[i]=$!
  (cd "$build/services/Pricing/bin/Release/net10.0" && exec dotnet Pricing.dll --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$pr" \
    --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$pa" --Logging:LogLevel:Default=Warning) >"$work/pricing-$i.log" 2>&1 &
  pids+=($!); models[i]="${models[i]} $!"
  # The 2 s model budget of bench.sh: the closed loop's queueing must not turn decisions into cheap refers.
  (export ConnectionStrings__Decisioning=$connection; cd "$build/services/Gateway/bin/Release/net10.0" && exec dotnet Gateway.dll \
    --Kestrel:Endpoints:Http:Url="http://127.0.0.1:$gw" --Logging:LogLevel:Default=Warning --Models:BudgetMilliseconds=2000 \
    --RateLimits:Decisions:PerSecond=1000000 --RateLimits:Decisions:Burst=1000000 \
    --Models:CreditScoringAddress="http://127.0.0.1:$sc" --Models:PricingAddress="http://127.0.0.1:$pr") >"$work/gateway-$i.log" 2>&1 &
  pids+=($!); gateways[i]=$!; ports[i]=$gw
done
for port in "${ports[@]}"; do wait_for_http "http://127.0.0.1:$port/health" 90; done

export BENCH_DIR=$PWD/tests/Decisioning.Benchmarks
ticks() { local pid total=0; for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done; echo "$total"; }
drive() { # seconds port run
  BENCH_APPLICANTS="$work/applicants.lua" BENCH_PATH=/v1/decisions BENCH_KEY=demo-decider-key BENCH_RUN="$3" \
    wrk -t2 -c32 -d"$1s" --timeout 5s -s "$BENCH_DIR/decisions.lua" "http://127.0.0.1:$2" | grep '^RESULT'
}
field() { sed -n "s/.*$2=\([^ ]*\).*/\1/p" <<<"$1"; }
echo "Warming up each build for 30 s, then $ROUNDS rounds of ${SECONDS_PER_RUN}s each (A = ${builds[0]}, B = ${builds[1]}) ..."
for i in 0 1; do drive 30 "${ports[$i]}" "warm-$i-$$" >/dev/null; done
tick=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for i in 0 1; do
    g0=$(ticks "${gateways[$i]}"); m0=$(ticks ${models[$i]})
    result=$(drive "$SECONDS_PER_RUN" "${ports[$i]}" "round-$round-$i-$$")
    g1=$(ticks "${gateways[$i]}"); m1=$(ticks ${models[$i]})
    echo "round $round $([ "$i" = 0 ] && echo A || echo B) rps=$(field "$result" rps) p99_ms=$(field "$result" p99_ms) non2xx=$(field "$result" non2xx)" \
      "gateway_cpu_ms=$(awk -v t=$((g1 - g0)) -v n="$(field "$result" requests)" -v k="$tick" 'BEGIN { printf "%.3f", t * 1000 / k / n }')" \
      "models_cpu_ms=$(awk -v t=$((m1 - m0)) -v n="$(field "$result" requests)" -v k="$tick" 'BEGIN { printf "%.3f", t * 1000 / k / n }')"
  done
done | tee "$work/rounds.txt"
/usr/bin/python3 - "$work/rounds.txt" <<'PY'
import re, statistics, sys
rounds = {"A": [], "B": []}
for line in open(sys.argv[1]):
    build = line.split()[2]
    rounds[build].append({k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)})
median = lambda build, key: statistics.median(r[key] for r in rounds[build])
for build in "AB":
    print("%s median: %.0f decisions/s, p99 %.1f ms, CPU ms per decision: Gateway %.3f, model services %.3f"
          % (build, median(build, "rps"), median(build, "p99_ms"), median(build, "gateway_cpu_ms"), median(build, "models_cpu_ms")))
ratios = [b["rps"] / a["rps"] for a, b in zip(rounds["A"], rounds["B"])]
print("B/A decisions/s by round: %s; median %.2f" % (" ".join("%.2f" % r for r in ratios), statistics.median(ratios)))
PY
