#!/usr/bin/env bash
# Scale-up check of issue "real graphs": one epoch on a generated power-law graph (default 2 million
# entities, 1,000 relations, 20 million triples, DistMult dim 64, Adagrad) with the heap limited to
# 1.3 times the documented formula (ScaleBench's Javadoc):
#
#   heap ≈ 4 B·(E + R)·w·(2 + s) + 16 B·T + 160 B·(E + R)     (w floats per row, s optimizer slots)
#
# The epoch must finish under that -Xmx; the RESULT line gives triples/s, the heap pools' peak, the
# live heap after a full collection and the formula. About 10 minutes on a 2-core machine.
#
#   bench/scale-bench.sh [entities] [relations] [triples] [dim] [adagrad|adam|sparseadam] [negatives] [batch] [threads]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
entities="${1:-2000000}" relations="${2:-1000}" triples="${3:-20000000}" dim="${4:-64}"
optimizer="${5:-adagrad}"
case "$optimizer" in adagrad) slots=1 ;; sgd) slots=0 ;; *) slots=2 ;; esac
# DistMult rows hold dim floats
formula_mib=$(( (4 * (entities + relations) * dim * (2 + slots) + 16 * triples + 160 * (entities + relations)) / 1048576 ))
xmx_mib=$(( formula_mib * 13 / 10 ))
jar="$root/kge4j-bench/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests -pl kge4j-bench -am package)
fi
echo ">> formula ${formula_mib} MiB, running with -Xmx${xmx_mib}m" >&2
exec java --add-modules jdk.incubator.vector "-Xmx${xmx_mib}m" -cp "$jar" org.kge4j.bench.ScaleBench "$@"
