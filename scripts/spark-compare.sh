#!/usr/bin/env bash
# Quality and throughput of kge4j-spark against single-machine kge4j on the same 2 cores: the same
# dataset, model, loss, epochs and seed, trained once with `./kge4j train --threads 2` and once
# with the Spark job in local[2] with P entity partitions; prints both test MRRs (filtered, both
# sides, realistic ranks), their difference and both throughputs (positive training triples per
# second of training; Spark's includes every round's scheduling and storage I/O).
#
#   OUT=DIR scripts/spark-compare.sh DATASET P [training options shared by both, e.g.
#       --model distmult --dim 64 --epochs 10 --negatives 32 --batch-size 512 --lr 0.01]
#
# DATASET: a name under $KGE4J_DATASETS (default ../shared/datasets) or a directory. Both runs are
# nice'd. Repeat with other seeds (--seed) for the spread.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/spark-env.sh"
spark_args 2 "$root/../shared/datasets" "$@"
partitions="$2"
shift 2
build_spark_job "$OUT/build.log"

echo "spark-compare: single machine ..." >&2
nice -n 10 "$root/kge4j" train --dataset "$input" --threads 2 --eval-frequency 0 --quiet \
  --overwrite --output "$OUT/single" "$@" >"$OUT/single.log" 2>&1

echo "spark-compare: Spark local[2], $partitions partitions ..." >&2
nice -n 10 java "${spark_java_opts[@]}" \
  -Xmx6g -Dspark.master='local[2]' -Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=8 \
  -cp "$spark_home/jars/*:$jar" org.kge4j.spark.TrainJob --input "$input" \
  --output "$OUT/spark" --overwrite --partitions "$partitions" "$@" >"$OUT/spark.log" 2>&1

python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
single = json.load(open(f"{out}/single/results.json"))
spark = json.load(open(f"{out}/spark/results.json"))
key = "both.realistic.inverse_harmonic_mean_rank"
s_mrr, p_mrr = single["metrics"][key], spark["metrics"][key]
s_tps, p_tps = single["timings"]["triples_per_second"], spark["timings"]["triples_per_second"]
print(f"test MRR     single {s_mrr:.4f}   spark {p_mrr:.4f}   difference {p_mrr - s_mrr:+.4f}")
print(f"Hits@10      single {single['metrics']['both.realistic.hits_at_10']:.4f}   "
      f"spark {spark['metrics']['both.realistic.hits_at_10']:.4f}")
print(f"triples/s    single {s_tps:,.0f}   spark {p_tps:,.0f}   ratio {p_tps / s_tps:.2f}")
print(f"evaluation s single {single['timings']['evaluation_seconds']:.1f}   "
      f"spark {spark['timings']['evaluation_seconds']:.1f}")
PY
