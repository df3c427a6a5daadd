#!/usr/bin/env bash
# Decision latency during a CreditScoring outage, with and without the circuit breaker: starts a private
# PostgreSQL, Pricing and the Gateway (Release, free loopback ports) with CreditScoring's address pointing at
# (a) a closed port and (b) a listener that accepts TCP and never answers, sends 20 decisions to warm up
# (and let the breaker see the outage), then N decisions one after the other, and prints their p50/p99. Usage: tests/Decisioning.Benchmarks/outage.sh [decisions per run]
# (build first: dotnet build Decisioning.sln -c Release).
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/common.sh

N=${1:-100}
ensure_packages postgresql curl
bench_workspace
PG_PORT=$(free_port); PR=$(free_port); PA=$(free_port); CLOSED=$(free_port); HANG=$(free_port)

start_private_postgres "$work/pg" "$PG_PORT"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE decisioning"
export ConnectionStrings__Decisioning="Host=127.0.0.1;Port=$PG_PORT;Database=decisioning;Username=postgres;Timeout=3;Command Timeout=10"
dotnet services/Migrator/bin/Release/net10.0/Migrator.dll --seed-demo >/dev/null

(cd services/Pricing/bin/Release/net10.0 && exec dotnet Pricing.dll --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$PR" \
  --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$PA" --Logging:LogLevel:Default=Warning) >"$work/pricing.log" 2>&1 &
pids+=($!)
# Accepts every connection and never answers: a hanging CreditScoring.
/usr/bin/python3 -c '
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(128); held = []
while True: held.append(s.accept()[0])
' "$HANG" &
pids+=($!)
wait_for_http "http://127.0.0.1:$PA/alive" 60

body='{"product":"personal_loan","amount":2000,"termMonths":12,"purpose":"car_used","applicant":{"age":45,"checkingAccount":"none","creditHistory":"critical","savings":"ge_1000","employment":"ge_7y","installmentRatePct":1,"otherDebtors":"guarantor","residenceYears":4,"property":"real_estate","otherInstallmentPlans":"none","housing":"own","existingCredits":1,"job":"skilled","dependents":1,"telephone":true}}'
run() { # label scoring-port breaker-enabled
  local gw gateway name=${1//\//-}
  gw=$(free_port)
  (cd services/Gateway/bin/Release/net10.0 && exec dotnet Gateway.dll --Kestrel:Endpoints:Http:Url="http://127.0.0.1:$gw" \
    --Logging:LogLevel:Default=Warning --Models:CreditScoringAddress="http://127.0.0.1:$2" --Models:PricingAddress="http://127.0.0.1:$PR" \
    --Models:CircuitBreaker:Enabled="$3") >"$work/gateway-$name.log" 2>&1 &
  gateway=$!
  wait_for_http "http://127.0.0.1:$gw/alive" 60
  for i in $(seq -19 "$N"); do
    curl -s -o /dev/null -w '%{time_total} %{http_code}\n' -X POST "http://127.0.0.1:$gw/v1/decisions" \
      -H 'Authorization: Bearer demo-decider-key' -H 'Content-Type: application/json' -H "Idempotency-Key: $name-$i-$$" \
      -d "{\"applicationId\":\"LA-$name-$i\",${body:1}"
  done >"$work/$name.times"
  kill "$gateway"; wait "$gateway" 2>/dev/null || true
  /usr/bin/python3 - "$1" "$work/$name.times" <<'EOF'
import sys
rows = [line.split() for line in open(sys.argv[2])][20:]
ms = sorted(float(t) * 1000 for t, _ in rows)
codes = sorted({c for _, c in rows})
pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]
print("%-26s %5d %9.1f %9.1f   %s" % (sys.argv[1], len(ms), pick(0.5), pick(0.99), ",".join(codes)))
EOF
}
printf '%-26s %5s %9s %9s   %s\n' "CreditScoring / breaker" n "p50 ms" "p99 ms" "HTTP"
run closed-port/off "$CLOSED" false
run closed-port/on "$CLOSED" true
run hanging/off "$HANG" false
run hanging/on "$HANG" true
