#!/usr/bin/env bash
# Load test of `kge4j serve`: starts the server on a run, fires top-10 tail queries for random
# (head, relation) pairs of the run's training triples with wrk (Debian's `wrk`, installed if
# missing) and reports throughput and latency percentiles per repetition and their spread.
#
#   scripts/serve-load.sh RUN_DIR [--threads 2] [--connections 4] [--wrk-threads 1]
#                         [--duration 20] [--repetitions 5] [--port 18080]
#
# --threads are the server's worker threads; wrk runs in the same machine, so on a small machine it
# competes with the server for the cores (one wrk thread is the lightest load generator). A 10 s
# warm-up run (JIT compilation) precedes the measured repetitions. Datasets are found as ./kge4j
# finds them (KGE4J_DATASETS or ~/.kge4j/datasets for named ones).
set -euo pipefail
cd "$(dirname "$0")/.."

run="${1:?usage: scripts/serve-load.sh RUN_DIR [options]}"
shift
threads=2 connections=4 wrk_threads=1 duration=20 repetitions=5 port=18080
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --wrk-threads) wrk_threads="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --repetitions) repetitions="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "serve-load: unknown option $1" >&2; exit 2 ;;
  esac
done
if ! command -v wrk >/dev/null 2>&1; then
  echo "serve-load: installing wrk ..." >&2
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kge4j-serve-load.XXXXXX")"
queries="$work/queries.txt"
# 4096 random (head, relation) pairs of the training split, URL-encoded, seed 42.
python3 - "$run" "$queries" <<'PY'
import json, os, random, sys, urllib.parse
run, out = sys.argv[1], sys.argv[2]
# The run's dataset as its configuration names it (a known name or a directory of split files).
source = json.load(open(os.path.join(run, "pipeline_config.json")))["pipeline"]["dataset"]
if not os.path.isdir(source):
    root = os.environ.get("KGE4J_DATASETS", os.path.expanduser("~/.kge4j/datasets"))
    source = os.path.join(root, source)
pairs = [line.rstrip("\n").split("\t")[:2] for line in open(os.path.join(source, "train.txt"))]
random.seed(42)
with open(out, "w") as f:
    for head, relation in random.sample(pairs, min(4096, len(pairs))):
        q = lambda s: urllib.parse.quote(s, safe="")
        f.write("/predict/tails?head=%s&relation=%s&top=10\n" % (q(head), q(relation)))
PY

./kge4j serve "$run" --port "$port" --threads "$threads" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/serve.log" >&2; exit 1; }
grep serving "$work/serve.log"

url="http://127.0.0.1:$port"
wrk -t"$wrk_threads" -c"$connections" -d10s -s scripts/serve-load.lua "$url" -- "$queries" >/dev/null
echo "wrk -t$wrk_threads -c$connections -d${duration}s, $repetitions repetitions, server --threads $threads:"
for i in $(seq 1 "$repetitions"); do
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" -s scripts/serve-load.lua "$url" -- "$queries" \
    | grep '^RESULT' | sed "s/^RESULT/run $i:/" | tee -a "$work/results.txt"
done
python3 - "$work/results.txt" <<'PY'
import statistics, sys
rows = [dict(kv.split("=") for kv in line.split()[2:]) for line in open(sys.argv[1])]
for key in ("per_second", "p50_ms", "p99_ms"):
    values = sorted(float(r[key]) for r in rows)
    print("%-10s median %9.2f  min %9.2f  max %9.2f" % (key, statistics.median(values), values[0], values[-1]))
print("errors %d, non-2xx %d" % (sum(int(r["errors"]) for r in rows), sum(int(r["non_2xx"]) for r in rows)))
PY
