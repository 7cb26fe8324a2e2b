#!/usr/bin/env bash
# Builds the Fiji update site into update-site/site/: the project jar, its runtime jars (DJL api,
# pytorch-engine, pytorch-jni, the pickle reader), the PyTorch 2.7.1 CPU natives of every platform DJL
# publishes (jars/linux64, jars/linux-arm64, jars/macos-arm64, jars/win64; about 600 MB to download once)
# and the sample models and filter sets (models/faig/), with db.xml.gz. Host update-site/site/ over HTTP
# or use it as file:///.../update-site/site/ (see update-site/README.md).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
mvn -q -B -DskipTests package
rm -rf target/site-jars target/site-natives
mvn -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/site-jars
for c in linux-x86_64 linux-aarch64 osx-aarch64 win-x86_64; do
  mvn -q -B dependency:copy -Dartifact=ai.djl.pytorch:pytorch-native-cpu:2.7.1:jar:$c \
    -DoutputDirectory=target/site-natives
done
jar=$(ls target/faig-fiji-*.jar | grep -v -E 'sources|javadoc|tests' | head -1)
rm -rf update-site/site
./faig build-update-site update-site/site "$jar" target/site-jars target/site-natives sample-models
