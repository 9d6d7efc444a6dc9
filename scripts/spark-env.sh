# Sourced by scripts/spark-cluster.sh and scripts/spark-compare.sh (after they set $root): their
# usage and directories, a SPARK_HOME made of exactly the Spark jars Maven resolves (no Spark
# download), the job jar, and the JVM options Spark needs on Java 17.

spark_home="$root/kge4j-spark/target/spark-home"

# spark_args MIN DEFAULT_ROOT ARGS...: with fewer than MIN ARGS or no OUT, prints the calling
# script's header comment (its usage) and exits 2. Else sets input to the first of ARGS when it is a
# directory, or to ${KGE4J_DATASETS:-DEFAULT_ROOT}/<it>, as an absolute path (one without
# train.txt ends the script), and makes OUT an existing absolute directory.
spark_args() {
  local min="$1" default_root="$2"
  shift 2
  if [[ $# -lt $min || -z "${OUT:-}" ]]; then
    sed -n '2,/^[^#]/{/^#/p}' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
  fi
  if [[ -d "$1" ]]; then
    input="$1"
  else
    input="${KGE4J_DATASETS:-$default_root}/$1"
  fi
  if [[ ! -f "$input/train.txt" ]]; then
    echo "$(basename "$0" .sh): no train.txt in $input (set KGE4J_DATASETS or give a directory)" >&2
    exit 2
  fi
  input="$(cd "$input" && pwd)"
  mkdir -p "$OUT"
  OUT="$(cd "$OUT" && pwd)"
}

# Java 17 options Spark needs (org.apache.spark.launcher.JavaModuleOptions)
spark_java_opts=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)

# build_spark_job LOG: builds the job jar and copies the provided Spark jars into
# $spark_home/jars, Maven's output going to LOG (shown, and the script ended, on failure); sets
# $jar to the job jar.
build_spark_job() {
  local log="$1"
  (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl kge4j-spark -am \
    package dependency:copy-dependencies -DincludeScope=provided \
    -DoutputDirectory="$spark_home/jars") >"$log" 2>&1 || {
    cat "$log" >&2
    exit 1
  }
  jar="$(ls "$root"/kge4j-spark/target/kge4j-spark-*-job.jar)"
}
