-- wrk script: POST a decision per request, applicants cycling through the German data's rows,
-- every request with an Idempotency-Key of its own. Reads BENCH_APPLICANTS, BENCH_PATH, BENCH_KEY, BENCH_RUN, BENCH_DIR.
local bodies = dofile(os.getenv("BENCH_APPLICANTS"))
local path = os.getenv("BENCH_PATH")
local run = os.getenv("BENCH_RUN")
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY"),
}
local threads = 0
-- Set per thread by setup() (a global of the thread's own Lua state; a local here would hide it and every thread
-- would send the same keys and bodies).
thread_id = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function request()
  counter = counter + 1
  headers["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter
  return wrk.format("POST", path, headers, bodies[(counter + thread_id * 7919) % #bodies + 1])
end

dofile(os.getenv("BENCH_DIR") .. "/result.lua")
