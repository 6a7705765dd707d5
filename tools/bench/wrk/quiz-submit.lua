-- wrk script: quiz submissions at a steady, low rate from attempts opened and filled in beforehand.
--   wrk -t1 -c20 -d30s --latency -s tools/bench/wrk/quiz-submit.lua http://127.0.0.1:5099 -- ATTEMPTS.lua FIRST MEAN_DELAY_MS SEED THREADS
-- Each request submits a different open attempt (the quiz page's form post: attempt id, answers, antiforgery token),
-- starting at attempt FIRST (0-based) so a warm-up and the measured run never submit the same attempt.
-- wrk is closed-loop, so the rate is set by pacing: after each answer a connection waits a random time (exponential,
-- mean MEAN_DELAY_MS) before its next submission; with C connections the rate is about C / (mean delay + latency).
-- wrk starts its latency clock when the request is written, after the wait. A submission is accepted when the site
-- answers 302 to the result page; the script prints the achieved rate and the latency percentiles.

dofile("tools/bench/wrk/threads.lua")

function init(args)
  attempts = dofile(args[1])
  first = tonumber(args[2])
  mean_delay = tonumber(args[3])
  math.randomseed(tonumber(args[4]) + id * 7919)
  thread_count = tonumber(args[5])
  sent, submitted, refused, other, exhausted = 0, 0, 0, 0, 0
end

function delay()
  return math.floor(-mean_delay * math.log(1 - math.random()))
end

function request()
  local index = first + id + sent * thread_count
  sent = sent + 1
  if index >= #attempts then
    -- Out of prepared attempts: resubmitting one would measure the idempotent path, so it is counted and reported.
    exhausted = exhausted + 1
    index = #attempts - 1
  end
  local a = attempts[index + 1]
  return wrk.format("POST", a.path, {
    ["Cookie"] = a.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, a.body)
end

function response(status, headers, body)
  if status == 302 and (headers["Location"] or ""):find("/quiz-results/", 1, true) then
    submitted = submitted + 1
  elseif status == 200 then
    refused = refused + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local s, r, o, x = total("submitted"), total("refused"), total("other"), total("exhausted")
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f submitted=%d refused=%d other=%d exhausted=%d errors=%d rate=%.1f mean_ms=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, seconds, s, r, o, x,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / seconds, latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
