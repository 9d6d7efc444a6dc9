#!/usr/bin/env bash
# Training and evaluation benchmark on FB15k-237 (issue "real graphs"): kge4j against the machine's
# FMA peak and against a PyTorch eager implementation of the same steps, side by side.
#
#   bench/train-bench.sh           full run (about 25 minutes on a 2-core machine)
#   bench/train-bench.sh --quick   smoke run (about 6 minutes): fewer cases, shorter runs
#
# Steps: installs Debian's python3-torch if missing, builds the benchmark jar, measures the FMA
# peak on 1 and 2 threads (a register-resident Vector API loop, FmaPeak), the memory bandwidth
# (STREAM triad), dense Adam's arithmetic limit (arrays in L1) and one optimizer step over
# ComplEx 128's tables, times kge4j's sLCWA and LCWA epochs and the filtered test evaluation
# (TrainBench), times bench/train_torch.py on the same cases, and prints one Markdown table with
# positives (or queries) per second, FMA/s, % of the 2-thread peak and the ratio to PyTorch.
# Needs the datasets: KGE4J_DATASETS (default ../shared/datasets). Raw lines are kept in $OUT
# (default: a fresh directory under /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/common.sh
bench_args train-bench "$@"
export KGE4J_DATASETS="${KGE4J_DATASETS:-$(cd .. && pwd)/shared/datasets}"
DATA="$KGE4J_DATASETS/fb15k237"
if [[ ! -f "$DATA/train.txt" ]]; then
  echo "train-bench: $DATA/train.txt is missing (set KGE4J_DATASETS)" >&2
  exit 1
fi
need_torch

echo ">> building the benchmark jar" >&2
mvn -B -q -pl kge4j-bench -am -DskipTests package >&2
JAR=kge4j-bench/target/benchmarks.jar
RUN=(java --add-modules jdk.incubator.vector -Xmx8g -cp "$JAR" org.kge4j.bench.TrainBench)
LOG="$OUT/results.txt"
: > "$LOG"

bench() {
  echo ">> $*" >&2
  "$@" 2>>"$OUT/stderr.txt" | grep '^RESULT' | tee -a "$LOG" >&2
}

bench "${RUN[@]}" peak 1
bench "${RUN[@]}" peak 2
# the other limit: memory bandwidth, and what one dense Adam step over the tables costs by itself
bench "${RUN[@]}" bandwidth 2
# dense Adam's arithmetic limit (arrays in L1): the step below cannot beat parameters / this rate
bench "${RUN[@]}" adamrate 1
bench "${RUN[@]}" adamrate 2
bench "${RUN[@]}" step fb15k237 complex 128 adam 3072
bench "${RUN[@]}" step fb15k237 complex 128 sparseadam 3072
if [[ $QUICK -eq 1 ]]; then
  EPOCHS=2
  STEPS=6
  SLCWA=("complex 128 64 basic" "complex 128 64 shared")
  EVAL=("complex 128")
else
  EPOCHS=3
  STEPS=12
  SLCWA=("complex 128 64 basic" "complex 128 64 shared" "complex 128 256 basic"
    "distmult 256 64 basic" "distmult 256 64 shared")
  EVAL=("complex 128" "distmult 256")
fi
for c in "${SLCWA[@]}"; do
  read -r model dim k sampler <<<"$c"
  bench "${RUN[@]}" slcwa fb15k237 "$model" "$dim" "$k" 1024 2 "$EPOCHS" "$sampler"
  bench "$PYTHON" bench/train_torch.py "$DATA" --model "$model" --dim "$dim" --case slcwa \
    --negatives "$k" --sampler "$sampler" --batch 1024 --threads 2 --steps "$STEPS"
done
bench "${RUN[@]}" lcwa fb15k237 complex 128 256 2 2
bench "$PYTHON" bench/train_torch.py "$DATA" --model complex --dim 128 --case lcwa --batch 256 \
  --threads 2 --steps "$STEPS"
for c in "${EVAL[@]}"; do
  read -r model dim <<<"$c"
  bench "${RUN[@]}" eval fb15k237 "$model" "$dim" 2 3
  bench "$PYTHON" bench/train_torch.py "$DATA" --model "$model" --dim "$dim" --case eval \
    --batch 256 --threads 2
done

"$PYTHON" bench/train_report.py "$LOG"
echo "raw results: $LOG" >&2
