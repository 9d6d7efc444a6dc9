#!/usr/bin/env bash
# Fault tests on a real standalone cluster (scripts/spark-cluster.sh): the same UMLS training
# three times — undisturbed, with an executor JVM killed mid-training (Spark re-runs the lost
# bucket task from the committed slices), and with the driver killed mid-training and the job
# resubmitted with --resume — must give exactly the same test metrics and epoch losses.
#
#   OUT=DIR scripts/spark-faults.sh [TrainJob options]   (default options: see below)
#
# Exit code 0 when all three agree, 1 otherwise. Takes a few minutes (three cluster runs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${OUT:?set OUT to a directory for the three runs}"
export KGE4J_DATASETS="${KGE4J_DATASETS:-$root/../shared/datasets}"
options=("$@")
if [[ ${#options[@]} -eq 0 ]]; then
  options=(--partitions 2 --model complex --dim 64 --epochs 12 --lr 0.01 --activation softplus
    --balance 0.1 --batch-size 128)
fi
OUT="$OUT/clean" "$root/scripts/spark-cluster.sh" umls "${options[@]}"
OUT="$OUT/executor" FAULT=executor KEEP_SPARK_HOME=1 "$root/scripts/spark-cluster.sh" umls "${options[@]}"
OUT="$OUT/driver" FAULT=driver KEEP_SPARK_HOME=1 "$root/scripts/spark-cluster.sh" umls "${options[@]}"
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
runs = {name: json.load(open(f"{out}/{name}/results.json")) for name in ("clean", "executor", "driver")}
clean = runs["clean"]
ok = True
for name in ("executor", "driver"):
    run = runs[name]
    same_metrics = run["metrics"] == clean["metrics"]
    same_losses = run["training"]["losses"] == clean["training"]["losses"]
    print(f"{name:9s} kill: metrics {'equal' if same_metrics else 'DIFFER'}, "
          f"epoch losses {'equal' if same_losses else 'DIFFER'}; "
          f"MRR {run['metrics']['both.realistic.inverse_harmonic_mean_rank']:.6f} "
          f"(undisturbed {clean['metrics']['both.realistic.inverse_harmonic_mean_rank']:.6f})")
    ok &= same_metrics and same_losses
sys.exit(0 if ok else 1)
PY
