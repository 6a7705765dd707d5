-- Shared by the wrk scripts here (wrk runs from the repository root): each thread's id, and a count summed over threads.
threads = {}

-- wrk starts each thread as soon as its setup() has run, so setup() sets only the new thread's own id; the number of
-- threads comes from the arguments.
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads - 1)
end

function total(name)
  local sum = 0
  for _, t in ipairs(threads) do sum = sum + t:get(name) end
  return sum
end
