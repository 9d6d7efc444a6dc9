#!/usr/bin/env bash
# Measures how fast kge4j-rdf loads a large N-Triples file and how much heap it needs (README,
# "Your own graph: RDF and CSV"):
#   1. writes a synthetic power-law N-Triples file (1,000,000 lines, 5 % literals) unless present;
#   2. loads it REPS times in one JVM (-Xmx1g): statements/s of the first (cold) load and the
#      median / min / max of the later ones, the split time, the peak live heap and its bound;
#   3. loads it once more with -Xmx set to that bound: the load must fit.
#
# usage: scripts/rdf-load-bench.sh [REPS]          (default 5)
# env:   OUT=runs/rdf-bench   where the generated file goes
#        LINES=1000000        lines of the generated file
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/runs/rdf-bench}"
lines="${LINES:-1000000}"
reps="${1:-5}"
file="$out/synthetic-$lines.nt"

cd "$root"
mkdir -p "$out"
echo "building kge4j-rdf and its test classes ..." >&2
mvn -B -q test-compile dependency:build-classpath -pl kge4j-rdf -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >&2
cp="$root/kge4j-rdf/target/test-classes:$root/kge4j-rdf/target/classes:$(cat "$out/classpath.txt")"

if [[ ! -f "$file" ]]; then
  java -cp "$cp" org.kge4j.rdf.bench.SyntheticNTriples "$file" "$lines"
fi

# The library logs removed duplicates at INFO; only the figures matter here.
quiet=(-Djava.util.logging.config.file=/dev/null)
log="$out/load-$(date +%Y%m%d-%H%M%S).txt"
java -Xmx1g "${quiet[@]}" -cp "$cp" org.kge4j.rdf.bench.LoadBenchmark "$file" "$reps" | tee "$log"

bound="$(sed -n 's/.*(-Xmx\([0-9]*\)m).*/\1/p' "$log" | tail -n 1)"
echo "--- one load within -Xmx${bound}m (the bound):"
java -Xmx"${bound}m" "${quiet[@]}" -cp "$cp" org.kge4j.rdf.bench.LoadBenchmark "$file" 1 | tee -a "$log"
echo "figures in $log"
