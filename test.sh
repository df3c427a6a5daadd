#!/usr/bin/env bash
# Installs what the tests need (Debian packages), then runs every test of the solution.
# Integration tests start their own private PostgreSQL clusters and services on free loopback ports,
# so this works while ./run.sh is running.
set -euo pipefail
cd "$(dirname "$0")"
. deploy/local/common.sh

ensure_packages postgresql curl python3-sklearn python3-pandas python3-grpcio python3-protobuf protobuf-compiler
command -v dotnet >/dev/null || { echo "The .NET SDK (10.0.4xx) is required: https://dot.net" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Decisioning.sln -c Release -v quiet -nologo
dotnet test Decisioning.sln -c Release --no-build -v quiet -nologo "$@"
