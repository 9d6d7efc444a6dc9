#!/usr/bin/env bash
# Side-by-side benchmark of kge4j's loss kernels against PyTorch eager (PyKEEN's formula).
#
#   bench/compare.sh           full run (~15 minutes on a 2-core machine)
#   bench/compare.sh --quick   smoke run (~3 minutes): N = 1e6, B = 1e5, 1 thread, short iterations
#
# Steps: installs Debian's python3-torch if missing (needs root and apt), builds kge4j-core and the
# JMH uber-jar kge4j-bench/target/benchmarks.jar, runs the JMH benchmarks (with -prof gc, so the
# allocation per call is measured too) and the STREAM-like triad, runs bench/torch_bench.py twice
# (default allocator, then GLIBC_TUNABLES that keep freed memory instead of returning it to the
# kernel: page faults otherwise dominate PyTorch's large temporaries), and prints one Markdown
# table. Ratios are the claim, not absolute numbers: a shared machine is noisy.
# Raw results are kept in $OUT (default: a fresh directory under /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/common.sh
bench_args compare "$@"
need_torch

echo ">> building kge4j-core and the JMH jar" >&2
mvn -B -q -pl kge4j-core,kge4j-bench -DskipTests package >&2
JAR=kge4j-bench/target/benchmarks.jar

if [[ $QUICK -eq 1 ]]; then
  JMH_TIMES=(-wi 4 -w 800ms -i 3 -r 300ms -f 1)
  JMH_PARAMS=(-p n=1000000 -p b=100000 -p threads=1)
  TORCH_ARGS=(--quick --threads 1)
else
  # C2 needs seconds to compile the Vector API kernels on a busy 2-core machine; until then they
  # run in C1, boxed and slow, so warm-up is long and measurement short.
  JMH_TIMES=(-wi 5 -w 1s -i 4 -r 500ms -f 1)
  JMH_PARAMS=()
  TORCH_ARGS=()
fi

echo ">> JMH: kge4j forward+backward and the triad ($OUT/jmh.json)" >&2
java -jar "$JAR" 'org.kge4j.bench.(LcwaBenchmark|SlcwaBenchmark|TriadBenchmark|ScaleBenchmark)' \
  "${JMH_TIMES[@]}" ${JMH_PARAMS[@]+"${JMH_PARAMS[@]}"} -prof gc \
  -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1 || { tail -40 "$OUT/jmh.log" >&2; exit 1; }

echo ">> PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)'), default allocator" >&2
"$PYTHON" bench/torch_bench.py ${TORCH_ARGS[@]+"${TORCH_ARGS[@]}"} > "$OUT/torch-default.txt"
echo ">> PyTorch, GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184" >&2
GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184 \
  "$PYTHON" bench/torch_bench.py ${TORCH_ARGS[@]+"${TORCH_ARGS[@]}"} > "$OUT/torch-tuned.txt"

"$PYTHON" bench/report.py "$OUT/jmh.json" "$OUT/torch-default.txt" "$OUT/torch-tuned.txt"
echo "(raw results: $OUT)" >&2
