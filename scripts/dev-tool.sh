#!/usr/bin/env bash
# Runs one of the developer tools of src/tools/java. They make what the plugin ships and are not part of it: Maven
# compiles and tests them with the test sources, so the plugin jar holds only what users run.
#   scripts/dev-tool.sh model-card <models-dir>[:<models-dir or model>...] <photos-dir> [max-side]
#       PSNR/SSIM table of the models on the validation photographs (sample-models/README.md)
#   scripts/dev-tool.sh grey-network <rgb-model> <output-model>
#       the grey network (num_in_ch = num_out_ch = 1) computing the RGB one followed by luminance (RESULTS.md)
#   scripts/dev-tool.sh grey-images <photos-dir> <new-output-dir>
#       8-bit grey PNG copies (luminance, as the grey networks' training data) of a folder's photographs
#   scripts/dev-tool.sh build-training-set <unpacked-packages-dir> <out-dir>   (run by scripts/fetch-training-data.sh)
#   scripts/dev-tool.sh build-update-site <site-dir> <jar> ...                 (run by scripts/build-update-site.sh)
#   scripts/dev-tool.sh install-in-fiji <Fiji.app> <jar> ...                   (run by scripts/install-in-fiji.sh)
# Builds first (mvn -DskipTests test-compile) unless FAIG_TOOLS_BUILT=1 says the caller just built the project.
# FAIG_HEAP (default 4g), FAIG_JAVA_OPTS, FAIG_MVN_OPTS and FAIG_M2_REPO as for ./faig.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${FAIG_TOOLS_BUILT:-0}" != 1 ]; then
  # Maven's output on stderr without the colour codes it prints even in batch and quiet mode, as ./faig does
  # shellcheck disable=SC2086 # FAIG_MVN_OPTS is a list of options
  (cd "$home" && mvn -q -B ${FAIG_MVN_OPTS:-} ${FAIG_M2_REPO:+"-Dmaven.repo.local=$FAIG_M2_REPO"} -DskipTests \
    test-compile 2>&1 | sed $'s/\e\\[[0-9;]*m//g' | { grep -v '^$' || true; } >&2)
fi
[ -f "$home/target/test-classes/io/github/faig/tools/DevTools.class" ] ||
  { echo "dev-tool: target/test-classes holds no tools (built with -Dmaven.test.skip?)" >&2; exit 1; }
exec java -Xmx"${FAIG_HEAP:-4g}" -Djava.awt.headless=true -Dai.djl.offline=true \
  -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error ${FAIG_JAVA_OPTS:-} \
  -cp "$home/target/test-classes:$home/target/classes:$(cat "$home/target/classpath.txt")" \
  io.github.faig.tools.DevTools "$@"
