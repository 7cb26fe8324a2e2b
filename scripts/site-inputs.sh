# Sourced by scripts/build-update-site.sh and scripts/install-in-fiji.sh (not run by itself): builds the project and
# gathers what the update site (or the by-hand install) is made of, so that both give the same files.
#   site_inputs WORK PLATFORM...   (Fiji platform names: linux64 linux-arm64 macos-arm64 win64)
# Fills WORK/jars (the runtime jars), WORK/natives (the PyTorch CPU natives of the platforms), WORK/samples (the
# demo photographs) and sets site_jar (target/faig-fiji-<version>.jar) and site_version. Needs home (the repository)
# and mvn_opts (Maven's options). FAIG_VERSION=X.Y.Z[-SNAPSHOT] builds the plugin under that version instead of
# pom.xml's (through a copy of pom.xml; pom.xml itself is not changed); site_cleanup (the callers' EXIT trap)
# then removes that copy and the jars built under that version from target/, so they are not taken for the build.

# site_mvn ARGS...: Maven with mvn_opts, its output on stderr without the colour codes Maven prints even in batch
# and quiet mode (a stray "ESC[0m" line on every run), as ./faig does; Maven's status (the callers set pipefail)
site_mvn() {
  mvn "${mvn_opts[@]}" "$@" 2>&1 | sed $'s/\e\\[[0-9;]*m//g' | { grep -v '^$' || true; } >&2
}
# The DJL classifier of each Fiji platform.
site_classifier() {
  case "$1" in
    linux64) echo linux-x86_64 ;; linux-arm64) echo linux-aarch64 ;; macos-arm64) echo osx-aarch64 ;;
    win64) echo win-x86_64 ;; *) return 1 ;;
  esac
}
site_all_platforms="linux64 linux-arm64 macos-arm64 win64"

# Checks FAIG_VERSION; prints the version to build (pom.xml's when unset).
site_check_version() {
  local tool=$1 v
  if [ -n "${FAIG_VERSION:-}" ]; then
    [[ "$FAIG_VERSION" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-SNAPSHOT)?$ ]] || {
      echo "$tool: FAIG_VERSION='$FAIG_VERSION' is not a version X.Y.Z or X.Y.Z-SNAPSHOT (numbers without leading zeros)" >&2
      exit 2
    }
  fi
}

site_cleanup() {
  rm -f "$home/.part-faig-version-pom.xml"
  if [ -n "${site_other_version:-}" ]; then
    rm -f "$home/target/faig-fiji-$site_other_version.jar" "$home/target/faig-fiji-$site_other_version-sources.jar" \
      "$home/target/faig-fiji-$site_other_version-tests.jar"
  fi
}

site_inputs() {
  local work=$1 p c pom=pom.xml
  shift
  site_version=$(sed -n '/<artifactId>faig-fiji<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;}' pom.xml)
  if [ -n "${FAIG_VERSION:-}" ] && [ "$FAIG_VERSION" != "$site_version" ]; then
    # A copy beside pom.xml (same folder, so the same basedir); its name is git-ignored (.part-*).
    pom=.part-faig-version-pom.xml
    sed "0,/<artifactId>faig-fiji<\/artifactId>/!{0,/<version>[^<]*<\/version>/s//<version>$FAIG_VERSION<\/version>/}" \
      pom.xml > "$pom"
    site_version=$FAIG_VERSION
    site_other_version=$FAIG_VERSION
  fi
  site_mvn -f "$pom" -DskipTests package
  [ "$pom" = pom.xml ] || rm -f "$pom"
  touch target/.faig-built # just built (the developer tools too, with the test sources): nothing below builds again
  rm -rf "$work" && mkdir -p "$work/samples" "$work/natives"
  site_mvn dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$work/jars"
  for p in "$@"; do
    c=$(site_classifier "$p")
    site_mvn dependency:copy -Dartifact=ai.djl.pytorch:pytorch-native-cpu:2.7.1:jar:$c \
      -DoutputDirectory="$work/natives"
  done
  site_jar="target/faig-fiji-$site_version.jar"
  [ -f "$site_jar" ] || { echo "$site_jar not built" >&2; exit 1; }
  cp src/demo/images/*.png src/demo/images/NOTICE.md "$work/samples/"
}
