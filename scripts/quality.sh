#!/usr/bin/env bash
# Reproduces the "Quality and speed" table of the README: trains the configurations that
# issue 3 measured with PyKEEN 1.10.1 (DoubleMarginLoss, margins 1/0, balance 0.5, 2 threads)
# and the recommended real-graph settings (rows fb15k237 and wn18rr, next to LibKGE's published
# results), evaluates each on its test split (filtered, realistic ranks) and prints a Markdown
# table of kge4j's MRR / Hits@10 and training throughput next to the reference figures.
#
# usage: scripts/quality.sh [ROW ...]      (default: every row, in the order listed by --list)
#        scripts/quality.sh --list
# env:   OUT=runs/quality     where the runs and quality.md go (each run in OUT/ROW)
#        THREADS=2            worker threads (PyKEEN's figures used 2)
#        KGE4J_DATASETS=...   dataset cache; umls and kinships are downloaded when missing
#        KGE4J=./kge4j        the command that runs kge4j (e.g. a wrapper around java -jar)
#
# Each run is an ordinary `./kge4j train` whose full command is printed and kept in
# OUT/ROW/results.json ("command"), so any row can be rerun by hand.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/runs/quality}"
threads="${THREADS:-2}"
kge4j="${KGE4J:-$root/kge4j}"

# name | PyKEEN MRR / H@10 | PyKEEN positive triples/s | description | kge4j train options
rows=(
  "umls-distmult-slcwa|0.625 / 0.870|~7.8k|UMLS, DistMult sLCWA relu, 128/32/512/0.01/100|--dataset umls --model distmult --activation relu --loop slcwa --dim 128 --negatives 32 --batch-size 512 --optimizer adam --lr 0.01 --epochs 100"
  "umls-complex-slcwa|0.719 / 0.942|~3.8k|UMLS, ComplEx sLCWA softplus, 64/32/512/0.01/100|--dataset umls --model complex --activation softplus --loop slcwa --dim 64 --negatives 32 --batch-size 512 --optimizer adam --lr 0.01 --epochs 100"
  "umls-complex-lcwa|0.772 / 0.949|–|UMLS, ComplEx LCWA softplus, 64/–/256/0.01/300|--dataset umls --model complex --activation softplus --loop lcwa --dim 64 --batch-size 256 --optimizer adam --lr 0.01 --epochs 300"
  "kinships-complex-slcwa|0.690 / 0.946|~6.1k|Kinships, ComplEx sLCWA softplus, 64/32/512/0.01/100|--dataset kinships --model complex --activation softplus --loop slcwa --dim 64 --negatives 32 --batch-size 512 --optimizer adam --lr 0.01 --epochs 100"
  "kinships-complex-lcwa|0.692 / 0.944|–|Kinships, ComplEx LCWA softplus, 64/–/256/0.01/300|--dataset kinships --model complex --activation softplus --loop lcwa --dim 64 --batch-size 256 --optimizer adam --lr 0.01 --epochs 300"
  "kinships-distmult-lcwa|0.02–0.05 / –|–|Kinships, DistMult LCWA relu, 64/–/256/0.01/300|--dataset kinships --model distmult --activation relu --loop lcwa --dim 64 --batch-size 256 --optimizer adam --lr 0.01 --epochs 300"
  "kinships-distmult-lcwa-sum|–|–|Kinships, DistMult LCWA relu, reduction sum, 64/–/256/0.01/300|--dataset kinships --model distmult --activation relu --reduction sum --loop lcwa --dim 64 --batch-size 256 --optimizer adam --lr 0.01 --epochs 300"
  "umls-transe-margins|0.16 / –|–|UMLS, TransE sLCWA relu, PyKEEN margins 1/0, 64/32/512/0.01/100|--dataset umls --model transe --activation relu --loop slcwa --dim 64 --negatives 32 --batch-size 512 --optimizer adam --lr 0.01 --epochs 100"
  "umls-transe-limits|–|–|UMLS, TransE sLCWA, --distance-limits 4,8, 64/32/512/0.01/100|--dataset umls --model transe --distance-limits 4,8 --loop slcwa --dim 64 --negatives 32 --batch-size 512 --optimizer adam --lr 0.01 --epochs 100"
  "umls-rotate-margins|–|–|UMLS, RotatE sLCWA relu, PyKEEN margins 1/0, 64/32/512/0.01/100|--dataset umls --model rotate --activation relu --loop slcwa --dim 64 --negatives 32 --batch-size 512 --optimizer adam --lr 0.01 --epochs 100"
  "umls-rotate-limits|–|–|UMLS, RotatE sLCWA, --distance-limits 4,8, 64/32/512/0.01/100|--dataset umls --model rotate --distance-limits 4,8 --loop slcwa --dim 64 --negatives 32 --batch-size 512 --optimizer adam --lr 0.01 --epochs 100"
  "fb15k237|LibKGE ComplEx 0.348 / 0.536|–|FB15k-237, ComplEx LCWA (1-N, inverse triples) softplus, sum, balance 0.995, 256/–/1024/Adam 0.002/28, Lp 1000, xavier_normal (the recommended setting for quality)|--config $root/docs/examples/fb15k237-complex-lcwa.json"
  "fb15k237-slcwa|LibKGE ComplEx 0.348 / 0.536|–|FB15k-237, ComplEx sLCWA softplus, 256/23/2048/Adam 0.000426/10, Lp 0.0039, xavier_normal (kge4j hpo; the fast default of ./kge4j train --dataset fb15k237)|--config $root/docs/examples/fb15k237-complex-slcwa.json"
  "wn18rr|LibKGE ComplEx 0.475 / 0.547|–|WN18RR, ComplEx sLCWA softplus, 384/23/4096/Adam 0.00138/15, Lp 0.00159, xavier_normal (kge4j hpo)|--config $root/docs/examples/wn18rr-complex-slcwa.json"
)

if [[ "${1:-}" == "--list" ]]; then
  for row in "${rows[@]}"; do
    IFS='|' read -r name _ _ description _ <<<"$row"
    printf '%-28s %s\n' "$name" "$description"
  done
  exit 0
fi

selected=("$@")
if [[ ${#selected[@]} -eq 0 ]]; then
  for row in "${rows[@]}"; do selected+=("${row%%|*}"); done
fi

# The value of one numeric key of a results.json (written one key per line by kge4j).
json_number() {
  sed -n "s/^ *\"$2\" : \([-0-9.eE+]*\),\{0,1\}$/\1/p" "$1" | head -n 1
}

mkdir -p "$out"
table="$out/quality.md"
{
  echo "| configuration | PyKEEN MRR / H@10 | kge4j MRR / H@10 | PyKEEN triples/s | kge4j triples/s | kge4j training s |"
  echo "|---|---|---|---|---|---|"
} >"$table"

for name in "${selected[@]}"; do
  found=""
  for row in "${rows[@]}"; do
    [[ "${row%%|*}" == "$name" ]] && found="$row"
  done
  if [[ -z "$found" ]]; then
    echo "quality.sh: unknown row '$name'; see scripts/quality.sh --list" >&2
    exit 2
  fi
  IFS='|' read -r _ pykeen_metrics pykeen_speed description options <<<"$found"
  # shellcheck disable=SC2206  # the options are a plain word list
  args=(train $options --threads "$threads" --quiet --overwrite --output "$out/$name")
  echo "== $description" >&2
  echo "   ./kge4j ${args[*]}" >&2
  "$kge4j" "${args[@]}" >"$out/$name.log" 2>&1 || {
    echo "quality.sh: $name failed, see $out/$name.log" >&2
    tail -n 5 "$out/$name.log" >&2
    continue
  }
  results="$out/$name/results.json"
  mrr="$(json_number "$results" both.realistic.inverse_harmonic_mean_rank)"
  hits="$(json_number "$results" both.realistic.hits_at_10)"
  speed="$(json_number "$results" triples_per_second)"
  seconds="$(json_number "$results" training_seconds)"
  line="$(LC_ALL=C printf '| %s | %s | %.3f / %.3f | %s | %.1fk | %.1f |' "$description" "$pykeen_metrics" \
    "$mrr" "$hits" "$pykeen_speed" "$(LC_ALL=C awk "BEGIN{print $speed/1000}")" "$seconds")"
  echo "$line" >>"$table"
  echo "   $line" >&2
done

echo >&2
cat "$table"
