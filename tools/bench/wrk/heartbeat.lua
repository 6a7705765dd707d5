-- wrk script: lesson-page heartbeats from prepared, signed-in trainees (tools/bench/learning-record.sh writes the sessions).
--   wrk -t2 -c32 -d30s -s tools/bench/wrk/heartbeat.lua http://127.0.0.1:5099 -- SESSIONS.lua RUN THREADS
-- Each request is the next trainee's beat (auth cookie, antiforgery cookie and header, JSON body as seat-time.js sends it)
-- with a beat id never used before (RUN, thread and counter), so no beat is a duplicate. Trainees are taken in turn, so
-- one trainee's beats are (number of trainees / rate) seconds apart and never overlap each other.
-- At the end it prints the answers by kind: an accepted beat is a 200 whose outcome is "Credited".

dofile("tools/bench/wrk/threads.lua")

function init(args)
  sessions = dofile(args[1])
  run = tonumber(args[2])
  thread_count = tonumber(args[3])
  sent, credited, duplicate, refused, other = 0, 0, 0, 0, 0
  earned = 0
end

function request()
  local index = (id + sent * thread_count) % #sessions
  local s = sessions[index + 1]
  local beat_id = string.format("%08x-%04x-4000-8000-%012x", run, id, sent)
  sent = sent + 1
  local body = string.format('{"beatId":"%s","clientSentAt":"%s","starting":false,"reachedEnd":false}', beat_id, os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", s.path, {
    ["Cookie"] = s.cookie,
    ["RequestVerificationToken"] = s.token,
    ["Content-Type"] = "application/json",
  }, body)
end

function response(status, headers, body)
  if status == 200 and body:find('"outcome":"Credited"', 1, true) then
    credited = credited + 1
    local seconds = body:match('"creditedSeconds":(%d+)')
    if seconds and tonumber(seconds) > 0 then earned = earned + 1 end
  elseif status == 200 and body:find('"outcome":"Duplicate"', 1, true) then
    duplicate = duplicate + 1
  elseif status == 400 or status == 403 then
    refused = refused + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, d, r, o, e = total("credited"), total("duplicate"), total("refused"), total("other"), total("earned")
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f credited=%d earned_time=%d duplicate=%d refused=%d other=%d errors=%d accepted_per_second=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, seconds, c, e, d, r, o,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    c / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
