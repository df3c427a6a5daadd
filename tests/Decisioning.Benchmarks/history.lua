-- wrk script: first pages of the decision history, with and without filters. Reads BENCH_KEY, BENCH_DIR.
local headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY") }
local paths = {
  "/v1/decisions?limit=50",
  "/v1/decisions?limit=50&outcome=approve",
  "/v1/decisions?limit=50&grade=B",
  "/v1/decisions?limit=50&minPd=0.1&maxPd=0.2",
}
local counter = 0

function request()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1], headers)
end

dofile(os.getenv("BENCH_DIR") .. "/result.lua")
