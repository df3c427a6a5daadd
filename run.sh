#!/usr/bin/env bash
# Runs the whole platform on this machine: a private PostgreSQL and a private RabbitMQ in .data/, the schema and
# the demo tenant, then CreditScoring, Pricing, the Worker (which relays decision events to RabbitMQ) and the
# Gateway on loopback, each under a supervisor that restarts it when it dies (with backoff and a log line) and
# stops the platform when it crash-loops (CRASH_LOOP_LIMIT deaths within CRASH_LOOP_SECONDS, default 5 in 60 s).
# Ctrl-C or SIGTERM stops everything it started. Data survives restarts. Ports can be changed through the
# environment variables below; DECISIONING_SKIP_BUILD=1 uses the Release build already there.
set -euo pipefail
cd "$(dirname "$0")"
. deploy/local/common.sh
. deploy/local/supervise.sh

DATA_DIR=${DECISIONING_DATA_DIR:-$PWD/.data}
PG_PORT=${PG_PORT:-55432}
# RabbitMQ's AMQP port; the node also takes the 12 ports above it (Erlang distribution, CLI tools, its epmd).
RABBITMQ_PORT=${RABBITMQ_PORT:-55672}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
SCORING_GRPC_PORT=${SCORING_GRPC_PORT:-5101}
SCORING_ADMIN_PORT=${SCORING_ADMIN_PORT:-9101}
PRICING_GRPC_PORT=${PRICING_GRPC_PORT:-5102}
PRICING_ADMIN_PORT=${PRICING_ADMIN_PORT:-9102}
WORKER_ADMIN_PORT=${WORKER_ADMIN_PORT:-9103}

ensure_packages postgresql rabbitmq-server curl nodejs
# Node.js and npm bundle the Gateway's web console at build time.
command -v npm >/dev/null || ensure_packages npm
command -v dotnet >/dev/null || { echo "The .NET SDK (10.0.4xx) is required: https://dot.net" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Supervisors: the services' first (they stop their service), then the daemons' (which leave it to the stop helpers).
services=() daemons=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping ..."
  for pid in "${services[@]}" "${daemons[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${services[@]}" "${daemons[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_private_rabbitmq "$DATA_DIR/rabbitmq" "$RABBITMQ_PORT"
  stop_private_postgres "$DATA_DIR/pg"
  echo "Stopped. Data is kept in $DATA_DIR."
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap cleanup EXIT

if [ "${DECISIONING_SKIP_BUILD:-}" != 1 ]; then
  echo "Building ..."
  dotnet build Decisioning.sln -c Release -v quiet -nologo >/dev/null
fi
LOG_DIR=$DATA_DIR/logs RUN_DIR=$DATA_DIR/run
mkdir -p "$LOG_DIR" "$RUN_DIR"

echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT (data in $DATA_DIR/pg) ..."
postgres_start() { start_private_postgres "$DATA_DIR/pg" "$PG_PORT"; }
postgres_start
supervise_daemon PostgreSQL "$DATA_DIR/pg/postmaster.pid" postgres_start &
daemons+=($!)
psql_admin() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'decisioning'")" != "1" ]; then
  psql_admin -d postgres -c "CREATE DATABASE decisioning"
fi
export ConnectionStrings__Decisioning="Host=127.0.0.1;Port=$PG_PORT;Database=decisioning;Username=postgres;Timeout=3;Command Timeout=10;Maximum Pool Size=64"

dotnet services/Migrator/bin/Release/net10.0/Migrator.dll --seed-demo

echo "Starting RabbitMQ on 127.0.0.1:$RABBITMQ_PORT (data in $DATA_DIR/rabbitmq) ..."
rabbitmq_start() { start_private_rabbitmq "$DATA_DIR/rabbitmq" "$RABBITMQ_PORT"; }
rabbitmq_start
supervise_daemon RabbitMQ "$DATA_DIR/rabbitmq/rabbitmq.pid" rabbitmq_start &
daemons+=($!)

start_service() {
  supervise_service "$@" &
  services+=($!)
}
start_service CreditScoring --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$SCORING_GRPC_PORT" --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$SCORING_ADMIN_PORT"
start_service Pricing --Kestrel:Endpoints:Grpc:Url="http://127.0.0.1:$PRICING_GRPC_PORT" --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$PRICING_ADMIN_PORT"
# Webhook endpoints on this machine (http://127.0.0.1:...) are allowed locally; elsewhere they must be public https.
export Webhooks__AllowedHosts__0=127.0.0.1 Webhooks__AllowedHosts__1=localhost
start_service Worker --Kestrel:Endpoints:Admin:Url="http://127.0.0.1:$WORKER_ADMIN_PORT" \
  --Outbox:RabbitMqUri="amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT/" \
  --Models:CreditScoringAddress="http://127.0.0.1:$SCORING_GRPC_PORT" --Models:PricingAddress="http://127.0.0.1:$PRICING_GRPC_PORT"
start_service Gateway --Kestrel:Endpoints:Http:Url="http://127.0.0.1:$GATEWAY_PORT" \
  --Models:CreditScoringAddress="http://127.0.0.1:$SCORING_GRPC_PORT" --Models:PricingAddress="http://127.0.0.1:$PRICING_GRPC_PORT"

wait_for_http "http://127.0.0.1:$SCORING_ADMIN_PORT/alive" 60
wait_for_http "http://127.0.0.1:$PRICING_ADMIN_PORT/alive" 60
wait_for_http "http://127.0.0.1:$WORKER_ADMIN_PORT/alive" 60
wait_for_http "http://127.0.0.1:$GATEWAY_PORT/health" 60

cat <<TXT

Decisioning is running.
  Gateway         http://127.0.0.1:$GATEWAY_PORT  (OpenAPI: /openapi/v1.json, health: /health, /alive)
  Console         http://127.0.0.1:$GATEWAY_PORT/console/  (sign in with an analyst, reviewer or admin key)
  CreditScoring   gRPC 127.0.0.1:$SCORING_GRPC_PORT, admin http://127.0.0.1:$SCORING_ADMIN_PORT
  Pricing         gRPC 127.0.0.1:$PRICING_GRPC_PORT, admin http://127.0.0.1:$PRICING_ADMIN_PORT
  Worker          admin http://127.0.0.1:$WORKER_ADMIN_PORT (outbox relay, webhooks, backtests, partition maintenance)
  PostgreSQL      127.0.0.1:$PG_PORT, database decisioning
  RabbitMQ        amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT/, events on exchange decisioning.events (topic),
                  webhooks' queue decisioning.webhooks (dead letters: decisioning.webhooks.dead)
  Logs            $LOG_DIR/ (pids of the services in $RUN_DIR/)
Demo tenant 'demo' API keys:
  demo-decider-key (decider)  demo-analyst-key (analyst)  demo-reviewer-key (reviewer)  demo-admin-key (admin)
Press Ctrl-C to stop.
TXT

# A supervisor exits on its own only when its component crash-loops: then everything stops.
status=0
wait -n "${services[@]}" "${daemons[@]}" || status=$?
echo "A component crash-looped (see the supervisor's message above and $LOG_DIR/); the platform stops." >&2
exit $((status == 0 ? 1 : status))
