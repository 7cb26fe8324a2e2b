#!/usr/bin/env bash
# Builds the Fiji update site into SITE_DIR (default update-site/site/), on top of the site already there:
#   scripts/build-update-site.sh [SITE_DIR]
# A file whose content changed gets a new timestamp and keeps its earlier versions as <previous-version>
# records; unchanged files keep their timestamps; files no longer shipped become obsolete records. The site
# holds the project jar, the third-party jars Fiji does not have (checked against the jars Fiji ships,
# update-site/fiji-jars.txt; see update-site/README.md), the PyTorch 2.7.1 CPU natives of every platform DJL
# publishes (jars/linux64, jars/linux-arm64, jars/macos-arm64, jars/win64; about 290 MB to download once), each
# given a valid Java module name (Fiji puts jars/<platform>/ on the module path), the sample models and filter
# sets (models/faig/), the macros (scripts/Plugins/FAIG/Macros/), the demo photographs (images/faig-samples/) and
# the menu entry that opens them (File > Open Samples > FAIG Demo Photographs).
# SITE_DIR (relative to the current folder) must be new, empty, or a site this tool built (its db.xml.gz); it may
# not be, hold or lie in the repository's own folders (target/ included: its scratch target/update-site-work/ is
# deleted on every run). FAIG_RELEASE=1 refuses any -SNAPSHOT name (scripts/release.sh sets it).
# For tests: FAIG_SITE_PLATFORMS=linux64[,win64...] builds only those platforms' natives (default all four; into a
# new site only, as a site that ships the others would lose them); FAIG_VERSION=X.Y.Z[-SNAPSHOT] builds the plugin
# under that version instead of pom.xml's (pom.xml is not changed), e.g. a second, higher build to test upgrades.
# FAIG_FIJI_JARS: the jars Fiji ships, a list file or a Fiji.app folder (default update-site/fiji-jars.txt).
# FAIG_MVN_OPTS: extra options for every Maven call (./faig's build included); FAIG_M2_REPO: the local Maven
# repository (default ~/.m2/repository), given to Maven as -Dmaven.repo.local.
# Host SITE_DIR over HTTP or use it as file:///.../site/ (see update-site/README.md).
set -euo pipefail
usage="usage: scripts/build-update-site.sh [SITE_DIR]   (default update-site/site/; --help for more)"
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
  -*) echo "build-update-site: unknown option '$1' (a SITE_DIR starting with - is given as ./$1)" >&2
      echo "$usage" >&2; exit 2 ;;
esac
[ $# -le 1 ] || { echo "build-update-site: one SITE_DIR at most, not $#: $*" >&2; echo "$usage" >&2; exit 2; }
[ $# = 0 ] || [ -n "$1" ] || { echo "build-update-site: SITE_DIR is empty" >&2; echo "$usage" >&2; exit 2; }
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# Resolved from the caller's folder (symbolic links followed), before anything changes folder.
site="$(realpath -m -- "${1:-$home/update-site/site}")"
work="$home/target/update-site-work" # the only folder this script deletes
refuse() { echo "build-update-site: refused SITE_DIR $site: $1" >&2; exit 2; }
within() { [ "$1" = "$2" ] || [ "$2" = / ] || [[ "$1" == "$2"/* ]]; } # $1 is $2 or lies inside it
within "$home" "$site" && refuse "it is or holds the repository $home"
for d in target src scripts docs macros sample-models tools results update-site/extras .ci .git; do
  if within "$site" "$home/$d" || within "$home/$d" "$site"; then
    case "$d" in
      target) refuse "it is, holds or lies in target/ (Maven's output: mvn clean deletes it, and this script deletes its scratch $work)" ;;
      *) refuse "it is, holds or lies in the repository's own $d/" ;;
    esac
  fi
done
if [ -e "$site" ]; then
  [ -d "$site" ] || refuse "it is a file, not a folder"
  [ -f "$site/db.xml.gz" ] || [ -z "$(ls -A "$site")" ] ||
    refuse "it is neither empty nor an update site (no db.xml.gz): give a new or empty folder, or the published site's"
  created=0
else
  created=1
fi
platforms=$(echo "${FAIG_SITE_PLATFORMS:-linux64,linux-arm64,macos-arm64,win64}" | tr ',' ' ')
home_rel() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; } # before cd "$home"
fiji_jars="$(home_rel "${FAIG_FIJI_JARS:-$home/update-site/fiji-jars.txt}")"
# shellcheck source=scripts/site-inputs.sh
. "$home/scripts/site-inputs.sh"
for p in $platforms; do
  site_classifier "$p" >/dev/null || { echo "build-update-site: FAIG_SITE_PLATFORMS='$FAIG_SITE_PLATFORMS' names" \
    "'$p': expected a comma-separated list of ${site_all_platforms// /, }" >&2; exit 2; }
done
[ -n "$platforms" ] || { echo "build-update-site: FAIG_SITE_PLATFORMS is empty" >&2; exit 2; }
site_check_version build-update-site
[ -e "$fiji_jars" ] || { echo "build-update-site: FAIG_FIJI_JARS=$fiji_jars: no such list or Fiji.app" >&2; exit 2; }
# A failed first build leaves no half-made site behind (the folder did not exist, so all of it is ours).
trap 'rc=$?; site_cleanup; if [ $rc != 0 ] && [ $created = 1 ] && [ -d "$site" ]; then \
  rm -rf -- "$site"; echo "build-update-site: failed; removed the new $site" >&2; fi' EXIT

# shellcheck disable=SC2206 # FAIG_MVN_OPTS is a list of options, split on spaces
mvn_opts=(-q -B ${FAIG_MVN_OPTS:-})
[ -z "${FAIG_M2_REPO:-}" ] || mvn_opts+=("-Dmaven.repo.local=$FAIG_M2_REPO")
export FAIG_MVN_OPTS FAIG_M2_REPO="${FAIG_M2_REPO:-}" # ./faig and scripts/dev-tool.sh apply them too, should they build
cd "$home"
# shellcheck disable=SC2086 # the platforms are words
site_inputs "$work" $platforms
release=()
[ "${FAIG_RELEASE:-0}" = 1 ] && release=(--release)
FAIG_TOOLS_BUILT=1 scripts/dev-tool.sh build-update-site "$site" "$site_jar" "$work/jars" "$work/natives" \
  sample-models --fiji-jars "$fiji_jars" --scratch "$work/module-named" --platforms "${platforms// /,}" \
  --add macros=scripts/Plugins/FAIG/Macros --add "$work/samples=images/faig-samples" \
  --add update-site/extras/scripts=scripts "${release[@]}"
