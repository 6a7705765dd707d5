-- wrk script: one page read again and again (tools/bench/read-paths.sh), by signed-in people in turn or anonymously.
--   wrk -t2 -c32 -d20s -s tools/bench/wrk/read-page.lua http://127.0.0.1:5097 -- COOKIES.lua|none PATH EXPECTED PAUSE_MS
-- COOKIES.lua returns a list of Cookie headers (one per signed-in trainee); "none" asks without one. An answer counts as
-- right when it is a 200 whose body contains EXPECTED. PAUSE_MS 0 sends as fast as the site answers; otherwise each
-- connection waits a random pause (exponential, that mean) after each answer, to hold the load at a rate below the limit.

dofile("tools/bench/wrk/threads.lua")

function init(args)
  cookies = args[1] ~= "none" and dofile(args[1]) or nil
  path = args[2]
  expected = args[3]
  pause = tonumber(args[4])
  math.randomseed(id * 7919 + os.time())
  sent, right, wrong, bytes = 0, 0, 0, 0
end

function request()
  sent = sent + 1
  if cookies == nil then return wrk.format("GET", path) end
  return wrk.format("GET", path, { ["Cookie"] = cookies[(id + sent * 7) % #cookies + 1] })
end

function delay()
  if pause == 0 then return 0 end
  return -pause * math.log(1 - math.random())
end

function response(status, headers, body)
  if status == 200 and body:find(expected, 1, true) then
    right = right + 1
    bytes = #body
  else
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local r, w, b = total("right"), total("wrong"), threads[1]:get("bytes")
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.2f right=%d wrong=%d errors=%d rate=%.1f bytes=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, seconds, r, w,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.requests / seconds, b, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
