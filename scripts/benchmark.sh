#!/usr/bin/env bash
# Runs one of the benchmarks of src/test/java/io/github/faig/bench (mains, not tests):
#   scripts/benchmark.sh SrBenchmark [model|paper] [size] [tile]      (heap: FAIG_HEAP, default 1g)
#   scripts/benchmark.sh FaigBenchmark ...
#   scripts/benchmark.sh TwoPassPrediction [filter-sets] [calibration-dir] [test-dir]   (FAIG_HEAP=3g)
# FAIG_JAVA_OPTS adds JVM options, e.g. FAIG_JAVA_OPTS=-Dfaig.pair=srcnn-x2 for FaigBenchmark on the SRCNN-style pair.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
name="$1"; shift
mvn -q -B -DskipTests test-compile >&2
exec java -Xmx"${FAIG_HEAP:-1g}" -Djava.awt.headless=true -Dai.djl.offline=true -Dfaig.home="$home" \
  -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error ${FAIG_JAVA_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" "io.github.faig.bench.$name" "$@"
