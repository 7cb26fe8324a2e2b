#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Maven-provided Spark jars: a master and two workers as
# separate JVMs (one core each), FAIG Compute Filters and FAIG Predict Degradation submitted to it through
# org.apache.spark.deploy.SparkSubmit with the job jar (as spark-submit would), compared with the plain runs; Predict
# Degradation again with its images on a real HDFS (a namenode and a datanode in a third JVM, from Hadoop's
# minicluster jar), read by the executors through hdfs:// URIs; then Ctrl-C on a --spark driver. The cluster and
# HDFS are stopped however the script ends.
#   scripts/spark-cluster.sh [work-folder]
# Environment: FAIG_SPARK_IMAGES and FAIG_SPARK_PD_IMAGES (Compute Filters' and Predict Degradation's inputs,
# default: the four 48x48 test crops), FAIG_SPARK_CF (Compute Filters settings,
# default: the SRCNN-style pair, crop_size=20,crops=2,steps=4,seed=3), FAIG_SPARK_WORKERS (default 2), FAIG_SPARK_SKIP_BUILD=1.
# Prints one "time:" line per run (seconds, wall clock) for RESULTS.md.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
work="${1:-$(mktemp -d /tmp/faig-spark-cluster.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
images="$(cd "${FAIG_SPARK_IMAGES:-spark/src/test/resources/images}" && pwd)"
pdimages="$(cd "${FAIG_SPARK_PD_IMAGES:-spark/src/test/resources/images}" && pwd)"
cf="${FAIG_SPARK_CF:-baseline_model='srcnn-x2-baseline',target_model='srcnn-x2-target',crop_size=20,crops=2,steps=4,seed=3}"
workers="${FAIG_SPARK_WORKERS:-2}"
opens="--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED"

if [ "${FAIG_SPARK_SKIP_BUILD:-}" != 1 ]; then
  echo "building: the plugin (install), the job jar, Spark's class path ..." >&2
  mvn -q -B -DskipTests install
  mvn -q -B -f spark/pom.xml -DskipTests package
  mvn -q -B -f spark/cluster/pom.xml generate-resources
  touch target/.faig-built spark/target/.faig-built
fi
jobjar="$home/spark/target/faig-spark-job.jar"
sparkcp="$(cat spark/cluster/target/spark-classpath.txt)"
hdfscp="$(cat spark/cluster/target/hdfs-classpath.txt)"

# SPARK_HOME as a worker needs it to launch executors: a RELEASE file and jars/ (links to the Maven jars).
sh="$work/spark-home"
mkdir -p "$sh/jars"
echo "Spark 4.0.1 for Scala 2.13, jars from Maven Central" > "$sh/RELEASE"
IFS=: read -r -a jars <<< "$sparkcp"
for j in "${jars[@]}"; do ln -sf "$j" "$sh/jars/"; done
export SPARK_HOME="$sh" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

pids=()
stop_cluster() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_cluster EXIT

free_port() { # a port nothing listens on
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
port="$(free_port)"
master="spark://127.0.0.1:$port"
t0=$(date +%s.%N)
# shellcheck disable=SC2086 # $opens is a list of options
java $opens -Xmx512m -cp "$sparkcp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port "$(free_port)" > "$work/master.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
for k in $(seq "$workers"); do
  # shellcheck disable=SC2086
  java $opens -Xmx512m -cp "$sparkcp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
    --memory 3g --webui-port "$(free_port)" --work-dir "$work/worker$k" "$master" > "$work/worker$k.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 240); do
  [ "$(grep -c "Registering worker" "$work/master.log" || true)" -ge "$workers" ] && break
  sleep 0.5
done
[ "$(grep -c "Registering worker" "$work/master.log" || true)" -ge "$workers" ] || { echo "workers did not register; see $work/*.log" >&2; exit 1; }
echo "cluster: master $master, $workers workers of 1 core (JVMs ${pids[*]}), up in $(echo "$(date +%s.%N) - $t0" | bc) s"

# HDFS: a namenode and a datanode in a third JVM, started with the cluster (its own start-up work is over by
# the time Predict Degradation reads from it), holding the images Predict Degradation reads through hdfs:// URIs
nnport="$(free_port)"
mkdir -p "$work/hdfs"
# shellcheck disable=SC2086
(cd "$work/hdfs" && exec java $opens -Xmx1g -cp "$sparkcp:$hdfscp" org.apache.hadoop.mapreduce.MiniHadoopClusterManager \
  -nomr -format -nnport "$nnport" -datanodes 1 > "$work/hdfs.log" 2>&1) &
pids+=($!)
for _ in $(seq 240); do (echo > "/dev/tcp/127.0.0.1/$nnport") 2>/dev/null && break; sleep 0.5; done
hdfs="hdfs://127.0.0.1:$nnport"
# Hadoop's shell (hdfs dfs) insists on a core-site.xml on its class path: an empty one
mkdir -p "$work/hadoop-conf"
echo "<configuration/>" > "$work/hadoop-conf/core-site.xml"
dfs() { # hdfs dfs ARGS...
  # shellcheck disable=SC2086
  java $opens -cp "$work/hadoop-conf:$sparkcp" org.apache.hadoop.fs.FsShell -fs "$hdfs" "$@"
}
dfs -put "$pdimages" /images > "$work/hdfs-put.log" 2>&1 || { cat "$work/hdfs-put.log" >&2; exit 1; }
echo "hdfs: $hdfs/images holds $(dfs -ls /images 2>/dev/null | grep -c "^-") files"

submit() { # label line: the job jar through SparkSubmit, as spark-submit runs it (client mode)
  # shellcheck disable=SC2086
  java $opens -Xmx2g -Dfaig.home="$home" -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$home/spark/src/main/resources/log4j2.properties" \
    -cp "$sparkcp" org.apache.spark.deploy.SparkSubmit --master "$master" --deploy-mode client \
    --conf spark.executor.memory=1g --conf spark.ui.enabled=false \
    --class io.github.faig.spark.FaigSubmit "$jobjar" --run "$1" "$2"
}
timed() { # name command...: runs it, prints "time: name seconds"
  local name="$1"; shift
  local s; s=$(date +%s.%N)
  "$@"
  echo "time: $name $(echo "$(date +%s.%N) - $s" | bc) s"
}

cfline="$cf,input_dir='$images',output_dir='OUT'"
pdline="input_dir='$pdimages',output_dir='OUT'"
timed "compute-filters plain" ./faig --run "FAIG Compute Filters" "${cfline/OUT/$work/cf-plain}"
timed "compute-filters cluster" submit "FAIG Compute Filters" "${cfline/OUT/$work/cf-cluster}" 2> "$work/cf-cluster.log" \
  || { tail -30 "$work/cf-cluster.log" >&2; exit 1; }
grep "faig: spark:" "$work/cf-cluster.log" || true
timed "predict plain" ./faig --run "FAIG Predict Degradation" "${pdline/OUT/$work/pd-plain}"
timed "predict cluster" submit "FAIG Predict Degradation" "${pdline/OUT/$work/pd-cluster}" 2> "$work/pd-cluster.log" \
  || { tail -30 "$work/pd-cluster.log" >&2; exit 1; }
grep "faig: spark:" "$work/pd-cluster.log" || true
timed "predict cluster hdfs" submit "FAIG Predict Degradation" "input_dir='$hdfs/images',output_dir='$work/pd-hdfs'" \
  2> "$work/pd-hdfs.log" || { tail -30 "$work/pd-hdfs.log" >&2; exit 1; }
grep "faig: spark:" "$work/pd-hdfs.log" || true
# the executors really ran on the workers
ls "$work"/worker*/app-*/* -d > /dev/null 2>&1 || { echo "no executor ran on the workers" >&2; exit 1; }
echo "executors: $(ls -d "$work"/worker*/app-*/* | wc -l) (app-id/executor-id folders under the workers)"
stop_cluster
echo "cluster stopped"

status=0
for f in blur_index.txt noise_index.txt; do
  if cmp -s "$work/cf-plain/$f" "$work/cf-cluster/$f"; then echo "same: $f"; else echo "DIFFERENT: $f"; status=1; fi
done
cols() { # image, blur, noise and decision columns of predictions.csv
  awk -F, 'NR==1{for(i=1;i<=NF;i++)c[$i]=i} {print $c["image"]","$c["blur"]","$c["noise"]","$c["decision"]}' "$1"
}
for run in pd-cluster pd-hdfs; do
  if diff <(cols "$work/pd-plain/predictions.csv") <(cols "$work/$run/predictions.csv") > /dev/null; then
    echo "same decisions ($run): $(($(wc -l < "$work/pd-plain/predictions.csv") - 1)) images"
  else
    echo "DIFFERENT decisions ($run)"; status=1
  fi
done

# Ctrl-C on a --spark driver: the job is cancelled and output_dir holds nothing. (Job control on: a background
# job of a script otherwise ignores SIGINT.)
mkdir -p "$work/ctrl-c"
set -m
./faig --spark 'local[2]' --run "FAIG Compute Filters" "$(echo "$cf" | sed 's/steps=[0-9]*/steps=200/'),input_dir='$images',output_dir='$work/ctrl-c'" \
  > "$work/ctrl-c.log" 2>&1 &
driver=$!
for _ in $(seq 240); do grep -q "tasks done" "$work/ctrl-c.log" 2>/dev/null && break; sleep 0.5; done
kill -INT "$driver"
rc=0; wait "$driver" || rc=$?
set +m
left="$(find "$work/ctrl-c" -mindepth 1 | wc -l)"
echo "ctrl-c: exit status $rc, $left entries left in output_dir; $(grep "^faig:" "$work/ctrl-c.log" | tail -1)"
if [ "$rc" = 0 ] || [ "$left" != 0 ]; then status=1; fi
exit $status
