#!/usr/bin/env bash
# Builds the Fiji update site into SITE_DIR (default update-site/site/), on top of the site already there:
#   scripts/build-update-site.sh [SITE_DIR]
# A file whose content changed gets a new timestamp and keeps its earlier versions as <previous-version>
# records; unchanged files keep their timestamps; files no longer shipped become obsolete records. The site
# holds the project jar, the third-party jars Fiji does not have (checked against the artifacts pom-scijava
# manages; see update-site/README.md), the PyTorch 2.7.1 CPU natives of every platform DJL publishes
# (jars/linux64, jars/linux-arm64, jars/macos-arm64, jars/win64; about 290 MB to download once), the sample
# models and filter sets (models/faig/), the macros (scripts/Plugins/FAIG/Macros/), the demo photographs
# (images/faig-samples/) and the menu entry that opens them (File > Open Samples > FAIG Demo Photographs).
# FAIG_RELEASE=1 refuses any -SNAPSHOT name (scripts/release.sh sets it). Host SITE_DIR over HTTP or use it as
# file:///.../site/ (see update-site/README.md).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
site="$(mkdir -p "${1:-$home/update-site/site}" && cd "${1:-$home/update-site/site}" && pwd)"
cd "$home"
mvn -q -B ${FAIG_MVN_OPTS:-} -DskipTests package
rm -rf target/site-jars target/site-natives
mvn -q -B ${FAIG_MVN_OPTS:-} dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/site-jars
for c in linux-x86_64 linux-aarch64 osx-aarch64 win-x86_64; do
  mvn -q -B ${FAIG_MVN_OPTS:-} dependency:copy -Dartifact=ai.djl.pytorch:pytorch-native-cpu:2.7.1:jar:$c \
    -DoutputDirectory=target/site-natives
done
version=$(sed -n '/<artifactId>faig-fiji<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' pom.xml)
jar="target/faig-fiji-$version.jar"
[ -f "$jar" ] || { echo "build-update-site: $jar not built" >&2; exit 1; }
# pom-scijava (the parent POM) lists the artifacts Fiji's components are built against: the offline stand-in
# for the list of jars Fiji ships.
parent=$(sed -n '/<parent>/,/<\/parent>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
repo="${FAIG_M2_REPO:-$HOME/.m2/repository}"
managed="$repo/org/scijava/pom-scijava/$parent/pom-scijava-$parent.pom"
[ -f "$managed" ] || { echo "build-update-site: $managed not found (set FAIG_M2_REPO)" >&2; exit 1; }
rm -rf target/site-samples && mkdir -p target/site-samples
cp src/demo/images/*.png src/demo/images/NOTICE.md target/site-samples/
release=()
[ "${FAIG_RELEASE:-0}" = 1 ] && release=(--release)
./faig build-update-site "$site" "$jar" target/site-jars target/site-natives sample-models --managed "$managed" \
  --add macros=scripts/Plugins/FAIG/Macros --add target/site-samples=images/faig-samples \
  --add update-site/extras/scripts=scripts "${release[@]}"
