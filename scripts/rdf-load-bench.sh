#!/usr/bin/env bash
# Measures how fast kge4j-rdf loads a large N-Triples file and how much heap it needs (README,
# "Your own graph: RDF and CSV"):
#   1. writes a synthetic power-law N-Triples file (1,000,000 lines, 5 % literals) unless present;
#   2. loads it REPS times in one JVM (-Xmx1g): statements/s of the first (cold) load and the
#      median / min / max of the later ones, the split time, the peak live heap and its bound;
#   3. loads it once more with -Xmx set to that bound: the load must fit;
#   4. loads it once in each of COLD more fresh JVMs: the first load, which is what one
#      `./kge4j train --dataset FILE.nt` does, varies by +-10 % from JVM to JVM (JIT compilation and
#      Jena's start-up share the cores with the parsing), so its median is the figure to quote.
#
# usage: scripts/rdf-load-bench.sh [REPS]          (default 5)
# env:   OUT=runs/rdf-bench   where the generated file goes
#        LINES=1000000        lines of the generated file
#        COLD=5               fresh JVMs of step 4
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
cold="${COLD:-5}"
if (( cold > 0 )); then
  echo "--- the first load in $cold fresh JVMs:"
  rates=()
  for _ in $(seq "$cold"); do
    line="$(java -Xmx1g "${quiet[@]}" -cp "$cp" org.kge4j.rdf.bench.LoadBenchmark "$file" 1 |
      grep '^read (wall clock)')"
    echo "$line" | tee -a "$log"
    rates+=("$(echo "$line" | sed 's/.*: \([0-9,]*\) statements.*/\1/; s/,//g')")
  done
  printf '%s\n' "${rates[@]}" | sort -n | awk '
    { r[NR] = $1 }
    END {
      n = NR
      median = (n % 2) ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
      printf "first load, %d fresh JVMs: median %.0f, min %.0f, max %.0f statements/s\n",
        n, median, r[1], r[n]
    }' | tee -a "$log"
fi
echo "figures in $log"
