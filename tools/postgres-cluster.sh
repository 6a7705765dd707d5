#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: a new cluster in a temporary folder, on a free loopback port,
# run by an unprivileged user (postgres refuses to run as root; as root this uses the "postgres" account the Debian
# package creates).
#   eval "$(tools/postgres-cluster.sh start)"   starts one and prints POSTGRES_CLUSTER_DIR and POSTGRES_CLUSTER_CONNECTION
#   tools/postgres-cluster.sh env DIR            prints the same for a running cluster
#   tools/postgres-cluster.sh stop DIR           stops it and deletes its folder
# Installs the Debian package "postgresql" when no server is installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$dir" ]; then
    "$here/debian-packages.sh" postgresql >&2
    dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2
  exit 1
}

print_env() {
  local dir="$1" port
  port="$(cat "$dir/port")"
  echo "export POSTGRES_CLUSTER_DIR='$dir'"
  echo "export POSTGRES_CLUSTER_CONNECTION='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=20;Include Error Detail=true'"
}

start() {
  local bin dir port
  bin="$(bindir)"
  dir="$(mktemp -d -t traininghub-postgres-XXXXXX)"
  chmod 755 "$dir"
  mkdir "$dir/data" "$dir/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
  # Trust on loopback only: the cluster lives as long as one test run and holds nothing but test data.
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  for _ in 1 2 3; do
    port="$(free_port)"
    echo "$port" >"$dir/port"
    # No fsync, no synchronous commit, no full-page writes: a crash may lose the cluster, which is thrown away anyway,
    # and the tests run several times faster. Never use these settings for a server that keeps data.
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
      print_env "$dir"
      return
    fi
  done
  cat "$dir/server.log" >&2
  rm -rf "$dir"
  exit 1
}

stop() {
  local dir="${1:?usage: tools/postgres-cluster.sh stop DIR}"
  [ -d "$dir/data" ] || return 0
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  env) print_env "${2:?usage: tools/postgres-cluster.sh env DIR}" ;;
  *) echo "usage: tools/postgres-cluster.sh start | env DIR | stop DIR" >&2; exit 2 ;;
esac
