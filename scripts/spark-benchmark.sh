#!/usr/bin/env bash
# RESULTS.md §10: FAIG Compute Filters plain, with --spark 'local[2]', and on a standalone cluster of two one-core
# workers (scripts/spark-cluster.sh), on the same work; then the projection to more executors from the measured
# item times and the driver's fixed cost.
#   scripts/spark-benchmark.sh [work-folder]
# The work: the SRCNN-style x2 sample pair (its receptive field, 17 LR pixels, fits the crops), 8 ground truths (the
# four demo photographs and the four 48x48 test crops), three 24x24 LR crops each, Gauss-Legendre N=8: 8 equal items
# of 6 attributions. Runs niced (the cores are shared).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
work="${1:-$(mktemp -d /tmp/faig-spark-bench.XXXXXX)}"
mkdir -p "$work/images"
work="$(cd "$work" && pwd)"
cp src/demo/images/*.png spark/src/test/resources/images/*.png "$work/images/"
cf="baseline_model='srcnn-x2-baseline',target_model='srcnn-x2-target',crop_size=24,crops=3,steps=8"
cf="$cf,quadrature='gauss-legendre',seed=5"
line="$cf,input_dir='$work/images',output_dir="
now() { date +%s.%N; }
run() { # name output args...: one timed run, its Spark summary kept
  local name="$1" out="$2"; shift 2
  local s; s=$(now)
  nice -n 10 ./faig "$@" "${line}'$work/$out'" 2> "$work/$out.log"
  echo "time: $name $(echo "$(now) - $s" | bc) s"
  grep "faig: spark:" "$work/$out.log" || true
}
# builds first, outside the timings: the plugin, the Spark part and job jar, Spark's own class path
./faig --list > /dev/null
./faig --spark 'local[1]' --run "FAIG About" "" > /dev/null 2>&1
mvn -q -B -f spark/cluster/pom.xml generate-resources
run plain plain --run "FAIG Compute Filters"
run "local[2]" local2 --spark 'local[2]' --run "FAIG Compute Filters"
cmp "$work/plain/blur_index.txt" "$work/local2/blur_index.txt" && echo "same: blur_index.txt (local[2])"
FAIG_SPARK_IMAGES="$work/images" FAIG_SPARK_CF="$cf" FAIG_SPARK_SKIP_BUILD=1 nice -n 10 \
  scripts/spark-cluster.sh "$work/cluster" | tee "$work/cluster.out"
