#!/usr/bin/env bash
# Reports at scale: the real site (Release) answering the site report, the institute roll-up and their CSV exports over
# generated data of several sizes. Budget (docs/benchmarks.md, "Reports"): each report ≤ 1.5 s warm and ≤ 3 s cold at
# 1,000,000 hours-ledger rows.
#   tools/bench/reports.sh
# Settings (environment): SIZES (space-separated rows:trainees, default "10000:1000 100000:5000 1000000:10000"),
# WARMUP_RUNS (10 unmeasured requests of each report before its warm runs),
# PROVIDER (Sqlite, or PostgreSql with PG_CONNECTION, a connection string to a server where the user may create
# databases), WARM_RUNS (5), PORT (5098), DATA_ROOT (SQLite: keep the generated data in DATA_ROOT/<rows>/data and, on
# a later run, reuse a size already there instead of generating it again; the site migrates it on start), PG_REUSE (1:
# PostgreSQL keeps a database of that size a previous run generated).
#
# Steps for each size: generate the data (tools/bench/TrainingHub.Bench --reports-seed: the demo institute, its accounts,
# and the trainees across 20 sites); start the site on it; sign in as the demo institute admin and the demo site
# coordinator through the sign-in page; time the first request of each report after the start (cold), then WARM_RUNS
# more (warm, median) with the site's CPU per warm request; while the roll-up's warm runs go, the demo trainee sends
# lesson heartbeats one after another (so a report that blocked writers would show in their times); read the site's
# peak memory (VmHWM), the time from starting the process to its first 200 (cold start) and the CPU the hypervisor
# stole; stop the site.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${SIZES:-"10000:1000 100000:5000 1000000:10000"}
PROVIDER=${PROVIDER:-Sqlite}
WARM_RUNS=${WARM_RUNS:-5}
WARMUP_RUNS=${WARMUP_RUNS:-10}
PORT=${PORT:-5098}
url="http://127.0.0.1:$PORT"
site_a=0f6f1f4e-5a41-4c39-9d0e-2f4a1c7b8a01 # DemoData.SiteA, Harbor Light: the demo coordinator's site
password=Recovery-Demo-2026

tools/debian-packages.sh sqlite3 curl

. tools/bench/common.sh
describe_machine "provider: $PROVIDER"
build_release

make_work reports
data_root=${DATA_ROOT:-$work}

# Signs in through the sign-in page (antiforgery token and all) and leaves the cookies in $2.
sign_in() {
  local email=$1 jar=$2 page token
  page=$(curl -sf -c "$jar" -b "$jar" "$url/account/sign-in")
  token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' <<<"$page" | head -1)
  [ -n "$token" ] || token=$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//' | head -1)
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$url/account/sign-in")
  [ "$status" = 302 ] || { echo "sign-in as $email answered $status"; exit 1; }
}
# Seconds for one request; fails unless it answers 200. The CSV body is counted, so it is read to its end.
timed() {
  local jar=$1 path=$2 out
  out=$(curl -s -o "$work/body" -w '%{http_code} %{time_total}' -b "$jar" "$url$path")
  [ "${out%% *}" = 200 ] || { echo "GET $path answered ${out%% *}" >&2; exit 1; }
  echo "${out#* }"
}
# The demo trainee's heartbeats on a self-paced lesson, one after another until killed, each with a new beat id: a line
# "<status> <seconds> <outcome>" per beat in $1.
lesson=/courses/recovery-coach/lessons/rc-listen-ask-manage-your-own-stuff
heartbeats() {
  : >"$1"
  while :; do
    curl -s -o "$1.body" -w '%{http_code} %{time_total}' -b "$trainee" -H "RequestVerificationToken: $lesson_token" -H 'Content-Type: application/json' \
      --data "{\"beatId\":\"$(cat /proc/sys/kernel/random/uuid)\",\"clientSentAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"starting\":false,\"reachedEnd\":false}" \
      "$url$lesson?handler=Heartbeat" >>"$1" || true
    echo " $(grep -o '"outcome":"[A-Za-z]*"' "$1.body" | cut -d'"' -f4 || true)" >>"$1"
    sleep 0.05
  done
}
# "n beats, p50 / max ms, all credited" (or how many were not) from heartbeats' file.
beat_summary() {
  local n bad
  # The beat cut off when the loop was stopped has no outcome: leave it out.
  awk 'NF == 3 || $1 != 200' "$1" >"$1.done"
  n=$(grep -c . "$1.done" || true); bad=$(grep -vc '^200 [0-9.]* Credited$' "$1.done" || true)
  awk '{ print $2 * 1000 }' "$1.done" | sort -g | awk -v n="$n" -v bad="$bad" '{ v[NR] = $1 } END {
    printf "%d beats, p50 %.0f / max %.0f ms, %s", n, v[int((NR + 1) / 2)], v[NR], (bad == 0 ? "all credited" : bad " not credited") }'
}
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -a table
for size in $SIZES; do
  rows=${size%%:*}; trainees=${size##*:}
  echo "== $rows hours rows, $trainees trainees ($PROVIDER)"
  data="$data_root/$rows/data"; mkdir -p "$data"
  if [ "$PROVIDER" = PostgreSql ]; then
    db_name="traininghub_reports_$rows"
    admin_cs="${PG_CONNECTION};Database=postgres"
    pg_dsn="$(sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/' <<<"${PG_CONNECTION}")"
    # PG_REUSE=1 keeps a database a previous run generated (it holds the seed's rows) instead of generating it again.
    pg_reused=$( [ "${PG_REUSE:-0}" = 1 ] && psql "$pg_dsn dbname=$db_name" -tAc 'SELECT count(*) > 0 FROM "HoursEntries"' 2>/dev/null || true)
    [ "$pg_reused" = t ] || psql "$pg_dsn dbname=postgres" -qc "DROP DATABASE IF EXISTS $db_name" -c "CREATE DATABASE $db_name" >/dev/null
    target="${PG_CONNECTION};Database=$db_name"
    : "$admin_cs"
  else
    target="$data"
  fi
  if [ "$PROVIDER" = Sqlite ] && [ -s "$data/traininghub.db" ]; then
    echo "reusing $data"
  elif [ "$PROVIDER" = PostgreSql ] && [ "$pg_reused" = t ]; then
    echo "reusing database $db_name"
  else
    seed_start=$(date +%s)
    bench --reports-seed "$PROVIDER" "$target" "$trainees" "$rows" | tail -1
    echo "generated in $(( $(date +%s) - seed_start )) s"
  fi

  (
    cd src/TrainingHub.Web
    if [ "$PROVIDER" = PostgreSql ]; then export Database__Provider=PostgreSql Database__ConnectionString="$target"; fi
    exec env ASPNETCORE_ENVIRONMENT=Production DataProtection__AllowUnprotectedKeys=true Database__DataFolder="$data" Database__MigrateOnStartup=true Institute__PublicBaseUrl="$url" Jobs__RunServer=false \
      dotnet bin/Release/net10.0/TrainingHub.Web.dll --urls "$url"
  ) >"$work/site-$rows.log" 2>&1 &
  site_pid=$!
  started=$(date +%s%N)
  wait_for_site "$url" "$work/site-$rows.log"
  cold_start=$(awk -v n="$(( $(date +%s%N) - started ))" 'BEGIN { printf "%.1f", n / 1e9 }')
  echo "cold start (process start to first 200): $cold_start s"

  admin="$work/admin.cookies"; coordinator="$work/coordinator.cookies"; rm -f "$admin" "$coordinator"
  sign_in "admin@demo.traininghub.test" "$admin"
  sign_in "coordinator@demo.traininghub.test" "$coordinator"
  trainee="$work/trainee.cookies"; rm -f "$trainee"
  sign_in "trainee@demo.traininghub.test" "$trainee"
  lesson_token=$(curl -sf -b "$trainee" -c "$trainee" "$url$lesson" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -1)
  [ -n "$lesson_token" ] || { echo "no antiforgery token on $lesson"; exit 1; }
  # The heartbeats' own figure without a report running beside them (after 4 s of beats that compile its path), to compare.
  heartbeats "$work/beats-first" & beats_pid=$!; sleep 4; kill "$beats_pid"; wait "$beats_pid" 2>/dev/null || true
  heartbeats "$work/beats-alone" & beats_pid=$!; sleep 8; kill "$beats_pid"; wait "$beats_pid" 2>/dev/null || true
  beats_alone=$(beat_summary "$work/beats-alone")
  echo "heartbeats alone: $beats_alone"

  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  steal_before=$(machine_steal_ms); total_before=$(machine_total_ms); cpu_before=$(site_cpu_ms)
  declare -A cold warm bytes
  reports=(site site-csv rollup rollup-csv)
  declare -A who=([site]=$coordinator [site-csv]=$coordinator [rollup]=$admin [rollup-csv]=$admin)
  declare -A path=([site]="/sites/$site_a/report" [site-csv]="/sites/$site_a/report?handler=Csv" [rollup]="/institute/reports" [rollup-csv]="/institute/reports?handler=Csv")
  for r in "${reports[@]}"; do cold[$r]=$(timed "${who[$r]}" "${path[$r]}"); bytes[$r]=$(stat -c %s "$work/body"); done
  declare -A cpu
  for r in "${reports[@]}"; do
    times=""
    [ "$r" = rollup ] && { heartbeats "$work/beats" & beats_pid=$!; }
    # Unmeasured runs first, so the figures are a running server's, not its first minute's (tiered JIT promotes a method
    # after about 30 calls).
    for _ in $(seq 1 "$WARMUP_RUNS"); do timed "${who[$r]}" "${path[$r]}" >/dev/null; done
    r_cpu=$(site_cpu_ms)
    for _ in $(seq 1 "$WARM_RUNS"); do times="$times $(timed "${who[$r]}" "${path[$r]}")"; done
    cpu[$r]=$(awk -v ms="$(( $(site_cpu_ms) - r_cpu ))" -v n="$WARM_RUNS" 'BEGIN { printf "%.2f", ms / n / 1000 }')
    [ "$r" = rollup ] && { kill "$beats_pid"; wait "$beats_pid" 2>/dev/null || true; }
    warm[$r]=$(median <<<"${times# }")
    echo "$r: cold ${cold[$r]} s, warm$times s (median ${warm[$r]} s), site CPU ${cpu[$r]} s per warm request, ${bytes[$r]} bytes"
  done
  beats=$(beat_summary "$work/beats")
  echo "heartbeats during the roll-up's warm runs: $beats (alone: $beats_alone)"
  site_cpu=$(( $(site_cpu_ms) - cpu_before ))
  steal=$(( $(machine_steal_ms) - steal_before )); total=$(( $(machine_total_ms) - total_before ))
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  rss=$(site_memory_mb VmHWM)
  steal_share=$(awk -v s="$steal" -v t="$total" 'BEGIN { if (t > 0) printf "%.1f", s * 100 / t; else print 0 }')
  echo "site CPU for all requests: $site_cpu ms; peak RSS $rss MB; stolen by the hypervisor $steal ms of $total ms ($steal_share %); load average before/after: $load_before / $load_after"
  [ "$(awk -v s="$steal_share" 'BEGIN { print (s >= 5) }')" = 1 ] && echo "NOTE: the hypervisor stole $steal_share % of the machine's time; these figures are held down by other guests."
  failures=$(grep -c '^fail:' "$work/site-$rows.log" || true)
  [ "$failures" -eq 0 ] || { grep -A12 '^fail:' "$work/site-$rows.log" | head -40; exit 1; }
  table+=("| $rows | $trainees | ${cold[site]} / ${warm[site]} (${cpu[site]}) | ${cold[rollup]} / ${warm[rollup]} (${cpu[rollup]}) | ${cold[site-csv]} / ${warm[site-csv]} (${cpu[site-csv]}) | ${cold[rollup-csv]} / ${warm[rollup-csv]} (${cpu[rollup-csv]}) | $rss MB | $cold_start s | $beats (alone: $beats_alone) | $steal_share % | $load_before / $load_after |")
  stop_site
  unset cold warm bytes who path cpu
done

echo "== Figures ($PROVIDER; seconds, cold / warm median of $WARM_RUNS (site CPU per warm request))"
echo "| Hours rows | Trainees | Site report | Roll-up | Site CSV | Roll-up CSV | Peak RSS | Cold start | Heartbeats during the roll-up | Stolen | Load average before / after |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|"
printf '%s\n' "${table[@]}"
