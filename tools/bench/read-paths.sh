#!/usr/bin/env bash
# Read paths: the pages people open most, on the real site (Release, SQLite) under wrk, each beside the server's own limit
# measured in the same run: a static file of the same size as the lesson page, served by the same Kestrel process.
# Goal (docs/benchmarks.md, "Read paths"): a signed-in trainee's self-paced lesson page at ≥ 0.4× that static file's
# requests per second, and p99 ≤ 25 ms at half its own full-load rate.
#   tools/bench/read-paths.sh
# Settings (environment): PEOPLE (trainees signed in and taken in turn, default 50), RUN_SECONDS (20, each measured run),
# WARMUP_SECONDS (10 before each page; the first page gets FIRST_WARMUP_SECONDS, 40, while tiered JIT settles),
# THREADS (2), CONNECTIONS (32), PORT (5097), PAGES (names to run, default all), PROFILE_DIR (when set, each page's
# full-load run is also sampled with Linux perf, with .NET's perf map for JIT-compiled code, into PROFILE_DIR/<page>.txt).
#
# Steps: build Release; seed PEOPLE trainees enrolled in the Recovery Coach course with their first lessons credited and
# one certificate (TrainingHub.Bench --read-paths-seed); copy wwwroot into a temporary web root; start the site on it;
# sign everyone in through the sign-in page; write the static file at the lesson page's size; then for each page warm
# up, run at full load (as fast as the site answers) and at half that rate (paced), counting answers that are 200 with
# the page's expected content; report each page's rate as a share of the static file's; stop the site, delete the data.
set -euo pipefail
cd "$(dirname "$0")/../.."

PEOPLE=${PEOPLE:-50}
RUN_SECONDS=${RUN_SECONDS:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
FIRST_WARMUP_SECONDS=${FIRST_WARMUP_SECONDS:-40}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5097}
PAGES=${PAGES:-"static lesson overview home my-hours anonymous-home catalogue verify"}
url="http://127.0.0.1:$PORT"
course=recovery-coach
password=Recovery-Bench-2026

tools/debian-packages.sh wrk curl

. tools/bench/common.sh
describe_machine "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
build_release

make_work read-paths

echo "== Seeding $PEOPLE trainees"
seeded=$(bench --read-paths-seed "$work/data" "$PEOPLE")
echo "$seeded"
code=$(sed -n 's/^certificate code: //p' <<<"$seeded")

# The site's own files plus the static file, so the static file is not in the source tree.
cp -r src/TrainingHub.Web/wwwroot "$work/wwwroot"
echo "== Starting the site (Release, Production settings) on $url"
(
  cd src/TrainingHub.Web
  exec env ${PROFILE_DIR:+DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} ASPNETCORE_ENVIRONMENT=Production DataProtection__AllowUnprotectedKeys=true Database__DataFolder="$work/data" Institute__PublicBaseUrl="$url" \
    Accounts__RequestsPerMinutePerAddress=100000 Certificates__VerifyRequestsPerMinute=10000000 \
    dotnet bin/Release/net10.0/TrainingHub.Web.dll --urls "$url" --webroot "$work/wwwroot"
) >"$work/site.log" 2>&1 &
site_pid=$!
wait_for_site "$url" "$work/site.log"

# Signs learner$1 in through the sign-in page (antiforgery token and all) and prints the Cookie header a browser would send.
sign_in() {
  local jar="$work/jar-$1" page token status
  page=$(curl -sf -c "$jar" -b "$jar" "$url/account/sign-in")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | sed 's/.*value="//; s/"$//' | head -1)
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Input.Email=learner$1@bench.traininghub.test" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$url/account/sign-in")
  [ "$status" = 302 ] || { echo "sign-in as learner$1 answered $status" >&2; exit 1; }
  awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
}
echo "== Signing in $PEOPLE trainees"
{
  echo "return {"
  for i in $(seq 0 $(( PEOPLE - 1 ))); do printf '"%s",\n' "$(sign_in "$i")"; done
  echo "}"
} >"$work/cookies.lua"
first_cookie=$(sed -n '2s/^"\(.*\)",$/\1/p' "$work/cookies.lua")

# A self-paced lesson the trainees have not finished (the seed credits the course's first lessons).
lesson=$(curl -sf -H "Cookie: $first_cookie" "$url/courses/$course" | grep -o "/courses/$course/lessons/rc-understanding-medication-stigma" | head -1 || true)
[ -n "$lesson" ] || { echo "no lesson link on the course overview"; exit 1; }
lesson_bytes=$(curl -sf -H "Cookie: $first_cookie" "$url$lesson" | wc -c)
mkdir -p "$work/wwwroot/bench"
static_head="<!DOCTYPE html><title>static</title>"
{ printf '%s' "$static_head"; head -c $(( lesson_bytes - ${#static_head} )) /dev/zero | tr '\0' 'x'; } >"$work/wwwroot/bench/lesson-size.html"
echo "lesson page: $url$lesson, $lesson_bytes bytes; static file: /bench/lesson-size.html, $(stat -c %s "$work/wwwroot/bench/lesson-size.html") bytes"

# name | path | who (signed-in trainees, or none) | what a right answer contains
declare -A page_path page_who page_expect
add_page() { page_path[$1]=$2; page_who[$1]=$3; page_expect[$1]=$4; }
add_page static /bench/lesson-size.html none "<title>static</title>"
add_page lesson "$lesson" "$work/cookies.lua" 'id="seat-time"'
add_page overview "/courses/$course" "$work/cookies.lua" "You are enrolled in this course."
add_page home /dashboard "$work/cookies.lua" "Recovery Coach Training"
add_page my-hours /my/hours "$work/cookies.lua" "Recovery Coach"
add_page anonymous-home / none "Sign in"
add_page catalogue /courses none "/courses/$course"
add_page verify "/verify/$code" none "This certificate is valid."

load() { # connections, seconds, pause in ms (0: as fast as the site answers), page
  wrk -t"$THREADS" -c"$1" -d"$2s" --timeout 10s --latency -s tools/bench/wrk/read-page.lua "$url" -- "${page_who[$4]}" "${page_path[$4]}" "${page_expect[$4]}" "$3"
}
field() { sed -n "s/.*RESULT.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
per() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }

failed=0
check() { if eval "$2"; then :; else echo "FAILED: $1"; failed=1; fi; }
declare -a table
warmup=$FIRST_WARMUP_SECONDS
static_rate=""; static_cpu=""
for name in $PAGES; do
  echo "== $name: ${page_path[$name]}"
  load "$CONNECTIONS" "$warmup" 0 "$name" | grep RESULT
  warmup=$WARMUP_SECONDS
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu_before=$(site_cpu_ms); busy_before=$(machine_busy_ms); steal_before=$(machine_steal_ms)
  if [ -n "${PROFILE_DIR:-}" ]; then
    mkdir -p "$PROFILE_DIR"
    perf record -q -F 499 -g -p "$site_pid" -o "$work/$name.perf" -- sleep "$RUN_SECONDS" 2>/dev/null &
    profiler=$!
  fi
  full=$(load "$CONNECTIONS" "$RUN_SECONDS" 0 "$name" | grep RESULT)
  if [ -n "${PROFILE_DIR:-}" ]; then
    wait "$profiler" || true
    perf report -i "$work/$name.perf" --no-children --sort symbol --stdio -g none --percent-limit 0.3 2>/dev/null >"$PROFILE_DIR/$name.txt" || true
    perf report -i "$work/$name.perf" --children --sort symbol --stdio -g none --percent-limit 1 2>/dev/null >"$PROFILE_DIR/$name-inclusive.txt" || true
  fi
  cpu=$(( $(site_cpu_ms) - cpu_before )); busy=$(( $(machine_busy_ms) - busy_before )); steal=$(( $(machine_steal_ms) - steal_before ))
  rss=$(site_memory_mb VmRSS)
  echo "full load: $full"
  rate=$(field rate "$full")
  # Half load: each connection's pause is its share of half the full-load rate, less the time an answer took at full load.
  pause=$(awk -v c="$CONNECTIONS" -v r="$rate" -v l="$(field p50_ms "$full")" 'BEGIN { p = c * 1000 / (r / 2) - l / 2; if (p < 1) p = 1; printf "%.2f", p }')
  half=$(load "$CONNECTIONS" "$RUN_SECONDS" "$pause" "$name" | grep RESULT)
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "half load (mean pause $pause ms): $half"
  for run in "$full" "$half"; do
    check "$name: every answer a 200 with the expected content" "[ $(field wrong "$run") -eq 0 ] && [ $(field errors "$run") -eq 0 ]"
  done
  cpu_per=$(per "$cpu" "$(field requests "$full")")
  [ "$name" = static ] && static_rate=$rate && static_cpu=$cpu_per
  ratio=$( [ -n "$static_rate" ] && awk -v a="$rate" -v s="$static_rate" 'BEGIN { printf "%.2f", a / s }' || echo "-")
  # The same share from CPU per request: what the page would reach with the cores to itself, steadier on a shared machine.
  cpu_ratio=$( [ -n "$static_cpu" ] && awk -v a="$cpu_per" -v s="$static_cpu" 'BEGIN { printf "%.2f", s / a }' || echo "-")
  share=$(( steal * 100 / (RUN_SECONDS * $(nproc) * 1000) ))
  echo "site CPU per request $(per "$cpu" "$(field requests "$full")") ms; machine busy $busy ms of $(( RUN_SECONDS * $(nproc) * 1000 )) ms (site $cpu ms); stolen $steal ms ($share %); RSS $rss MB; load average $load_before → $load_after"
  [ "$share" -ge 5 ] && echo "NOTE: the hypervisor stole $share % of the machine's time during the $name run; its figures are held down by other guests."
  table+=("| $name | $(field bytes "$full") | $rate | $ratio | $cpu_ratio | $(field p50_ms "$full") / $(field p99_ms "$full") | $(field rate "$half") | $(field p99_ms "$half") | $cpu_per | $rss | $share % | $load_before → $load_after |")
done

failures=$(grep -c '^fail:' "$work/site.log" || true)
check "the site logged no failures" "[ $failures -eq 0 ]"
[ "$failures" -eq 0 ] || grep -A12 '^fail:' "$work/site.log" | head -40
# Warnings are not failures, but say something a reader of the figures should know (a lesson page kept with Razor, say).
warnings=$(grep -c '^warn:' "$work/site.log" || true)
echo "the site logged $warnings warnings"
[ "$warnings" -eq 0 ] || grep -A3 '^warn:' "$work/site.log" | head -20
echo "peak RSS: $(site_memory_mb VmHWM) MB"
echo "== Figures (full load: $CONNECTIONS connections, $THREADS threads, $RUN_SECONDS s; half load: the same connections paced to half the full-load rate)"
echo "| Page | Bytes | Requests/s | × static | × static by CPU | p50 / p99 ms | Half load: requests/s | Half load: p99 ms | Site CPU ms/request | RSS MB | Stolen | Load average |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${table[@]}"
exit $failed
