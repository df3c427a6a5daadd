#!/usr/bin/env bash
# The fault matrix: starts ./run.sh (its supervisors restart what dies) on free loopback ports with a data folder of
# its own, drives a steady load of decisions (RATE/s, unique Idempotency-Keys, every failed attempt retried with the
# same key, as a lending app would), and kill -9s in turn the Gateway, CreditScoring, Pricing, the Worker (also the
# webhook consumer), PostgreSQL's postmaster and the RabbitMQ node, ROUNDS times, timing each one's recovery. Then it
# stops the load, lets the outbox and the webhooks drain, checks every request and prints one table. Exits non-zero
# if a decision was lost or duplicated, a caller got a 5xx other than 503 with Retry-After, or a request was never
# acknowledged. Then, on the same platform, FUZZ_COUNT bad requests (fuzz.sh: no server error, no row written).
# Usage: [ROUNDS=3] [RATE=100] [STEADY_SECONDS=10] [FUZZ_COUNT=100000] tests/Decisioning.Benchmarks/faults.sh
# (DECISIONING_SKIP_BUILD=1 uses the Release build already there; FUZZ_COUNT=0 skips the fuzzing).
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/common.sh
. deploy/local/supervise.sh

ROUNDS=${ROUNDS:-3}
RATE=${RATE:-100}
# Load before the first kill, and between a component's recovery and the next kill.
STEADY_SECONDS=${STEADY_SECONDS:-10}
RECOVERY_TIMEOUT=${RECOVERY_TIMEOUT:-180}
COMPONENTS=${COMPONENTS:-Gateway CreditScoring Pricing Worker PostgreSQL RabbitMQ}
FUZZ_COUNT=${FUZZ_COUNT:-100000}
ensure_packages postgresql rabbitmq-server curl python3-pandas
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d)
chmod 755 "$work"
run_pid= driver_pid=
stop_all() {
  trap - INT TERM EXIT
  # SIGKILL: the driver's webhook receiver would take SIGTERM as its own shutdown and leave the load running.
  [ -z "$driver_pid" ] || kill -KILL "$driver_pid" 2>/dev/null || true
  if [ -n "$run_pid" ]; then kill "$run_pid" 2>/dev/null || true; wait "$run_pid" 2>/dev/null || true; fi
  [ -n "${KEEP_WORK:-}" ] && echo "Kept $work" || rm -rf "$work"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

data=$work/data
export DECISIONING_DATA_DIR=$data PG_PORT=$(free_port) RABBITMQ_PORT=$(free_port_range 13) GATEWAY_PORT=$(free_port) \
  SCORING_GRPC_PORT=$(free_port) SCORING_ADMIN_PORT=$(free_port) PRICING_GRPC_PORT=$(free_port) PRICING_ADMIN_PORT=$(free_port) \
  WORKER_ADMIN_PORT=$(free_port)
# The checks read every decision back, and the bad requests must reach the routes' own checks: the rate limits and
# the throttle of wrong keys are for tenants and clients, not for this.
export RateLimits__History__PerSecond=100000 RateLimits__History__Burst=100000 \
  RateLimits__Decisions__PerSecond=100000 RateLimits__Decisions__Burst=100000 Auth__FailedKeyAttempts__PermitLimit=1000000
gateway=http://127.0.0.1:$GATEWAY_PORT

./run.sh >"$work/run.out" 2>&1 &
run_pid=$!
for _ in $(seq 1 600); do
  grep -q '^Decisioning is running' "$work/run.out" && break
  kill -0 "$run_pid" 2>/dev/null || { cat "$work/run.out" >&2; exit 1; }
  sleep 1
done
grep -q '^Decisioning is running' "$work/run.out" || { echo "The platform did not start; see $work/run.out" >&2; exit 1; }
/usr/bin/python3 tests/Decisioning.Benchmarks/applicants.py ../shared/datasets "$work/applicants.json" >/dev/null

FAULTS_DATABASE="Host=127.0.0.1;Port=$PG_PORT;Database=decisioning;Username=postgres;Timeout=5;Command Timeout=60" \
FAULTS_AMQP="amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT/" \
  dotnet tests/Decisioning.Benchmarks/bin/Release/net10.0/Decisioning.Benchmarks.dll faults "$gateway" "$work/applicants.json" "$RATE" "$work" \
  >"$work/driver.out" 2>&1 &
driver_pid=$!
for _ in $(seq 1 120); do [ -f "$work/ready" ] && break; kill -0 "$driver_pid" 2>/dev/null || break; sleep 1; done
[ -f "$work/ready" ] || { cat "$work/driver.out" >&2; echo "The load driver did not start." >&2; exit 1; }

pid_of() {
  case $1 in
    PostgreSQL) head -n 1 "$data/pg/postmaster.pid" ;;
    RabbitMQ) cat "$data/rabbitmq/rabbitmq.pid" ;;
    *) cat "$data/run/$1.pid" ;;
  esac
}
# Healthy, not merely answering: a Degraded Worker (its relay failing) answers 200 too.
healthy() { curl -fs "$1" 2>/dev/null | grep -q '^{"status":"Healthy"'; }
ready() { curl -fs -o /dev/null "$1"; }
rabbitmq_up() { with_private_rabbitmq "$data/rabbitmq" "$RABBITMQ_PORT" /usr/lib/rabbitmq/bin/rabbitmqctl -q --timeout 5 await_startup >/dev/null 2>&1; }
postgres_up() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d decisioning -qtAc 'SELECT 1' >/dev/null 2>&1; }
# Recovered: a new process of the component ($2 was the killed one) serves again, and what uses it has reconnected:
# the Gateway is ready (its database check passes; a model service it cannot reach makes it Degraded, not unready,
# and on a saturated machine its 1 s health probes of the models can time out while decisions flow), the Worker
# healthy (its relay publishes again).
recovered() {
  local now
  now=$(pid_of "$1" 2>/dev/null) && [ "$now" != "$2" ] && process_alive "$now" || return 1
  case $1 in
    Gateway) ready "$gateway/health" ;;
    CreditScoring) healthy "http://127.0.0.1:$SCORING_ADMIN_PORT/health" ;;
    Pricing) healthy "http://127.0.0.1:$PRICING_ADMIN_PORT/health" ;;
    Worker) healthy "http://127.0.0.1:$WORKER_ADMIN_PORT/health" ;;
    PostgreSQL) postgres_up && ready "$gateway/health" && healthy "http://127.0.0.1:$WORKER_ADMIN_PORT/health" ;;
    RabbitMQ) rabbitmq_up && healthy "http://127.0.0.1:$WORKER_ADMIN_PORT/health" ;;
  esac
}

declare -A kills recovery
echo "Load: $RATE decisions/s; $ROUNDS round(s) of kill -9: $COMPONENTS"
sleep "$STEADY_SECONDS"
for round in $(seq 1 "$ROUNDS"); do
  for component in $COMPONENTS; do
    pid=$(pid_of "$component")
    echo "$(date +%s%3N) $component" >>"$work/phases"
    start=$(date +%s%N)
    kill -9 "$pid"
    while kill -0 "$pid" 2>/dev/null && [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" != Z ]; do sleep 0.05; done
    ok=
    for _ in $(seq 1 $((RECOVERY_TIMEOUT * 4))); do
      recovered "$component" "$pid" && { ok=1; break; }
      sleep 0.25
    done
    seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
    [ -n "$ok" ] || { echo "round $round: $component did not recover within ${RECOVERY_TIMEOUT}s" >&2; exit 1; }
    echo "round $round: $component (pid $pid) killed, recovered in ${seconds}s"
    kills[$component]=$((${kills[$component]:-0} + 1))
    recovery[$component]=$(awk -v a="${recovery[$component]:-0}" -v b="$seconds" 'BEGIN { print (b > a ? b : a) }')
    sleep "$STEADY_SECONDS"
  done
done
echo "$(date +%s%3N) none" >>"$work/phases"
sleep "$STEADY_SECONDS"
touch "$work/stop"
echo "Load stopped; waiting for the retries, the outbox and the webhooks to drain, then checking ..."
driver_status=0
wait "$driver_pid" || driver_status=$?
driver_pid=
grep -E '^(RUN|LOAD|DRAIN|CHECKED|PROBLEM)' "$work/driver.out" || true
[ "$driver_status" -eq 0 ] || { cat "$work/driver.out" >&2; echo "The load driver failed ($driver_status)." >&2; exit 1; }
echo "Restarts by the supervisors: $(grep -c 'supervisor: restarting' "$work/run.out" || true) (kills: $(cat "$work/phases" | grep -vc ' none$'))"

for component in $COMPONENTS; do echo "$component ${kills[$component]:-0} ${recovery[$component]:-0}"; done >"$work/kills"
matrix_status=0
/usr/bin/python3 - "$work/results.tsv" "$work/kills" <<'PY' || matrix_status=$?
import sys
kills = {c: (int(k), float(s)) for c, k, s in (line.split() for line in open(sys.argv[2]))}
rows = {}
for line in open(sys.argv[1]):
    c, *n = line.rstrip("\n").split("\t")
    rows[c] = [a + int(b) for a, b in zip(rows.get(c, [0] * 8), n)]
head = ("component", "kills", "requests", "acknowledged", "lost", "duplicated", "max recovery s", "other 5xx", "retried", "replayed", "refer")
print("\n| " + " | ".join(head) + " |\n|" + "---|" * len(head))
total = [0] * 8
for c in ["none"] + list(kills):
    r = rows.get(c, [0] * 8)
    total = [a + b for a, b in zip(total, r)]
    k, s = kills.get(c, (0, 0.0))
    name = "(before the first kill and after the last)" if c == "none" else c
    print("| %s | %s | %d | %d | %d | %d | %s | %d | %d | %d | %d |" % (name, k if c != "none" else "", *r[:4], "%.1f" % s if c != "none" else "", *r[4:]))
print("| **all** | %d | %d | %d | %d | %d | %.1f | %d | %d | %d | %d |" % (sum(k for k, _ in kills.values()), *total[:4], max([s for _, s in kills.values()] + [0]), *total[4:]))
requests, acknowledged, lost, duplicated, violations = total[:5]
sys.exit(0 if lost == 0 and duplicated == 0 and violations == 0 and requests == acknowledged else 1)
PY
[ "$matrix_status" -eq 0 ] || exit "$matrix_status"
if [ "$FUZZ_COUNT" -gt 0 ]; then
  echo
  echo "Fuzzing the same platform with $FUZZ_COUNT bad requests ..."
  GATEWAY_URL=$gateway PG_PORT=$PG_PORT tests/Decisioning.Benchmarks/fuzz.sh "$FUZZ_COUNT"
fi
