#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Maven-resolved Spark jars (no Spark
# download): one Master and two Worker JVMs, the kge4j-spark job submitted to them with
# spark-submit's own class (org.apache.spark.deploy.SparkSubmit), the cluster stopped afterwards,
# also on failure or Ctrl-C.
#
#   OUT=DIR scripts/spark-cluster.sh DATASET [TrainJob options]
#
#   DATASET   a name (umls, fb15k237, ...: $KGE4J_DATASETS/<name>, default ~/.kge4j/datasets)
#             or a directory with train.txt, valid.txt, test.txt
#   OUT       where the run goes: $OUT/results.json, losses.tsv, rounds.tsv, entities/,
#             relations/, checkpoint.kge4j, storage/, and logs/ (master, workers, driver)
#
# Environment: WORKER_CORES (1), WORKER_MEMORY (2g), EXECUTOR_MEMORY (1500m), KEEP_SPARK_HOME
# (reuse target/spark-home), FAULT = executor | driver (fault injection, see below), nice'd runs:
# NICE (10).
#
# FAULT=executor kills one executor JVM once the third round is committed (Spark starts a new one
# and re-runs the lost bucket task from the committed slices); FAULT=driver kills the driver at the
# same point and submits the job again with --resume. Either run must end with the metrics of an
# undisturbed run (scripts/spark-faults.sh compares them).
#
# Example:
#   OUT=/tmp/umls-cluster scripts/spark-cluster.sh umls --partitions 2 --model complex --dim 32 \
#     --epochs 20 --lr 0.01 --activation softplus --balance 0.1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/spark-env.sh"
spark_args 1 "$HOME/.kge4j/datasets" "$@"
shift
logs="$OUT/logs"
mkdir -p "$logs"
nice_level="${NICE:-10}"

# 1. the job jar and SPARK_HOME
echo "spark-cluster: building the job jar and $spark_home ..." >&2
if [[ -z "${KEEP_SPARK_HOME:-}" ]]; then
  rm -rf "$spark_home"
fi
build_spark_job "$logs/build.log"
# Spark's launcher takes $SPARK_HOME/jars for the executors' classpath when RELEASE exists
touch "$spark_home/RELEASE"
export SPARK_HOME="$spark_home"
# without a distribution's build layout the launcher cannot infer the Scala version
export SPARK_SCALA_VERSION=2.13

# the daemons and the driver get $spark_java_opts below, executors from the SparkContext
classpath="$spark_home/jars/*"

free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "spark-cluster: no free port found" >&2
  exit 1
}

pids=()
stop_cluster() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  echo "spark-cluster: cluster stopped (logs in $logs)" >&2
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# 2. the cluster: a master and two workers, each a separate JVM
master_port="$(free_port)"
master="spark://127.0.0.1:$master_port"
nice -n "$nice_level" java "${spark_java_opts[@]}" -Xmx512m -cp "$classpath" \
  org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
  --webui-port "$(free_port)" >"$logs/master.log" 2>&1 &
pids+=($!)
workers=()
for w in 1 2; do
  mkdir -p "$OUT/work/worker-$w"
  SPARK_WORKER_DIR="$OUT/work/worker-$w" nice -n "$nice_level" java "${spark_java_opts[@]}" -Xmx512m \
    -cp "$classpath" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
    --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-2g}" \
    --work-dir "$OUT/work/worker-$w" --webui-port "$(free_port)" "$master" \
    >"$logs/worker-$w.log" 2>&1 &
  pids+=($!)
  workers+=($!)
done
for _ in $(seq 60); do
  registered="$(grep -c "Registering worker" "$logs/master.log" 2>/dev/null || true)"
  [[ "$registered" -ge 2 ]] && break
  sleep 1
done
if [[ "${registered:-0}" -lt 2 ]]; then
  echo "spark-cluster: the workers did not register with $master (see $logs)" >&2
  exit 1
fi
echo "spark-cluster: master $master with 2 workers is up" >&2

# 3. the job, through spark-submit's class
submit() {
  nice -n "$nice_level" java "${spark_java_opts[@]}" -Xmx2g -cp "$classpath" \
    org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client \
    --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=8 \
    --conf spark.driver.host=127.0.0.1 \
    --executor-memory "${EXECUTOR_MEMORY:-1500m}" --total-executor-cores 2 \
    --class org.kge4j.spark.TrainJob "$jar" \
    --input "$input" --output "$OUT" --overwrite "$@"
}

# waits until the third round is committed, then runs "$@"
after_round_3() {
  for _ in $(seq 600); do
    if ls "$OUT"/storage/manifests/manifest-3.json >/dev/null 2>&1; then
      "$@"
      return
    fi
    sleep 0.5
  done
}

case "${FAULT:-}" in
  "")
    submit "$@" 2>"$logs/driver.log"
    ;;
  executor)
    submit "$@" 2>"$logs/driver.log" &
    driver=$!
    pids+=("$driver")
    kill_executor() {
      local victim
      # only an executor of this cluster: a child of one of its workers
      victim="$(pgrep -P "${workers[0]}" -f CoarseGrainedExecutorBackend | head -1)"
      echo "spark-cluster: FAULT=executor: killing executor JVM $victim" >&2
      kill -9 "$victim"
    }
    after_round_3 kill_executor
    wait "$driver"
    ;;
  driver)
    submit "$@" 2>"$logs/driver.log" &
    driver=$!
    kill_driver() {
      echo "spark-cluster: FAULT=driver: killing the driver JVM $driver" >&2
      kill -9 "$driver"
    }
    after_round_3 kill_driver
    wait "$driver" 2>/dev/null || true
    echo "spark-cluster: resubmitting with --resume" >&2
    submit "$@" --resume 2>"$logs/driver-resumed.log"
    ;;
  *)
    echo "spark-cluster: FAULT must be executor or driver, got $FAULT" >&2
    exit 2
    ;;
esac
echo "spark-cluster: results in $OUT/results.json" >&2
