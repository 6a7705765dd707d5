# Shared by the load benchmarks in tools/bench (sourced, not run): the machine's description, the site's process and
# the CPU counters each script reports, so every benchmark measures and describes itself the same way.

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Prints what the figures depend on; extra lines (a tool's version) come as arguments.
describe_machine() {
  echo "== Machine"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "dotnet: $(dotnet --version)"
  local line
  for line in "$@"; do echo "$line"; done
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git rev-parse --short HEAD)"
  echo "uptime: $(uptime)"
}

build_release() {
  echo "== Building Release"
  dotnet build src/TrainingHub.Web -c Release -nologo -v quiet
  dotnet build tools/bench/TrainingHub.Bench/TrainingHub.Bench.csproj -c Release -nologo -v quiet
}
bench() { dotnet tools/bench/TrainingHub.Bench/bin/Release/net10.0/TrainingHub.Bench.dll "$@"; }

site_pid=""
stop_site() {
  if [ -n "$site_pid" ] && kill -0 "$site_pid" 2>/dev/null; then
    kill "$site_pid" 2>/dev/null || true
    wait "$site_pid" 2>/dev/null || true
  fi
  site_pid=""
}

# Waits (up to 10 minutes: start-up on a loaded machine can take over a minute) until $1 answers; shows log $2 if the site stops.
wait_for_site() {
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "$1/account/sign-in" && return 0
    kill -0 "$site_pid" 2>/dev/null || { cat "$2"; exit 1; }
    sleep 0.5
  done
  echo "the site did not answer at $1"; exit 1
}

# CPU time in milliseconds from /proc: the whole machine's busy time (every process, every core), the time the hypervisor
# gave to other guests while this one wanted to run ("stolen"), and the site's own (user + system, all threads).
machine_busy_ms() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%d", ($2 + $3 + $4 + $7 + $8) * 1000 / hz }' /proc/stat; }
machine_steal_ms() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%d", $9 * 1000 / hz }' /proc/stat; }
machine_total_ms() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%d", ($2 + $3 + $4 + $5 + $6 + $7 + $8 + $9) * 1000 / hz }' /proc/stat; }
site_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$site_pid/stat"; }
# The site's memory in MB: VmRSS now, or VmHWM (the peak).
site_memory_mb() { awk -v k="$1" '$1 == k":" { printf "%d", $2 / 1024 }' "/proc/$site_pid/status"; }

# A scratch folder for the run ($work), deleted with the site stopped however the script ends.
make_work() {
  work=$(mktemp -d "/tmp/traininghub-$1-XXXXXX")
  trap 'stop_site; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
}
