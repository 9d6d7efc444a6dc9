-- wrk script for scripts/serve-load.sh: cycles through the query paths of a file (one
-- "/predict/tails?head=...&relation=...&top=10" a line), each wrk thread from its own offset, and
-- prints one machine-readable RESULT line at the end.
--   wrk -t1 -c4 -d20s -s scripts/serve-load.lua http://127.0.0.1:8080 -- queries.txt
local paths = {}
local counter = 0

function init(args)
  local file = assert(io.open(args[1] or "queries.txt"), "cannot open the queries file")
  for line in file:lines() do
    paths[#paths + 1] = line
  end
  file:close()
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f per_second=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f"
      .. " errors=%d non_2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
