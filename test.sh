#!/usr/bin/env bash
# Installs what the tests need (Debian packages), then runs every test of the solution.
# Integration tests start their own private PostgreSQL clusters, RabbitMQ nodes and services on free loopback ports,
# so this works while ./run.sh is running.
set -euo pipefail
cd "$(dirname "$0")"
. deploy/local/common.sh

ensure_packages postgresql rabbitmq-server redis-server curl python3-sklearn python3-pandas python3-xgboost python3-matplotlib python3-grpcio python3-protobuf python3-prometheus-client protobuf-compiler docker-compose prometheus nodejs chromium
command -v dotnet >/dev/null || { echo "The .NET SDK (10.0.4xx) is required: https://dot.net" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The Kubernetes API's JSON schemas for the manifest test (versions pinned by its package-lock.json).
command -v npm >/dev/null || ensure_packages npm
npm ci --prefix tests/Decisioning.IntegrationTests/Deployment/KubernetesSchemas --no-audit --no-fund --loglevel=error
# playwright-core, which drives Debian's Chromium through the console (no browser download).
npm ci --prefix tests/Decisioning.IntegrationTests/Console/browser --no-audit --no-fund --loglevel=error
dotnet build Decisioning.sln -c Release -v quiet -nologo
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Decisioning.sln -c Release --no-build -v quiet -nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole solution, summed over the test assemblies.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
