#!/usr/bin/env bash
# The two-node test in one command: nginx round robin in front of two Release site processes on one PostgreSQL database.
#   tests/TrainingHub.Cluster.Tests/run.sh              build Release, then run it
#   tests/TrainingHub.Cluster.Tests/run.sh --no-build   run it on the Release build already there (tools/test.sh)
# The PostgreSQL server comes from TRAININGHUB_TEST_CONNECTION (an account that may create databases). Without it, this
# script starts a throwaway server of its own in /tmp on a free port and removes it afterwards; the test itself never
# skips: run without the variable, it fails and says so.
set -euo pipefail
cd "$(dirname "$0")/../.."

tools/debian-packages.sh postgresql nginx
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${1:-}" != "--no-build" ]; then
  echo "== Building (Release)"
  dotnet build tests/TrainingHub.Cluster.Tests -c Release -nologo -v quiet
fi

pg_folder=""
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_server() {
  if [ -n "$pg_folder" ]; then
    pg_as "$pg_bin/pg_ctl" -D "$pg_folder/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_folder"
  fi
}
if [ -z "${TRAININGHUB_TEST_CONNECTION:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg_folder=$(mktemp -d /tmp/traininghub-cluster-pg-XXXXXX)
  trap stop_server EXIT
  # PostgreSQL refuses to run as root: as root, the server runs as the postgres account the Debian package creates.
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_folder"
  pg_as "$pg_bin/initdb" -D "$pg_folder/data" -A trust -U postgres >"$pg_folder/initdb.log"
  port=""
  for candidate in $(shuf -i 20000-60000 -n 20); do
    (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null && continue
    port=$candidate
    break
  done
  [ -n "$port" ] || { echo "No free port for PostgreSQL"; exit 1; }
  # fsync off: a throwaway server that the test drops afterwards; max_connections for two nodes' pools and job servers.
  pg_as "$pg_bin/pg_ctl" -D "$pg_folder/data" -l "$pg_folder/server.log" -w \
    -o "-p $port -k $pg_folder -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  export TRAININGHUB_TEST_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "== Throwaway PostgreSQL $(basename "$(dirname "$pg_bin")") on port $port"
fi

echo "== tests/TrainingHub.Cluster.Tests (two nodes behind nginx)"
started=$(date +%s)
dotnet test tests/TrainingHub.Cluster.Tests -c Release --no-build -nologo --logger "console;verbosity=normal"
echo "== Two-node test passed in $(( $(date +%s) - started )) s"
