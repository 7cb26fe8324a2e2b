#!/usr/bin/env bash
# Installs FAIG into a Fiji.app by hand, without the updater: exactly the update site's files for one platform
# (the same code builds both; see update-site/README.md):
#   scripts/install-in-fiji.sh FIJI_DIR [PLATFORM]
# FIJI_DIR is the Fiji.app folder (it has jars/); PLATFORM is linux64, linux-arm64, macos-arm64 or win64 (default:
# this machine's). It builds the project, downloads that platform's PyTorch natives once (~110 MB) and installs:
# jars/faig-fiji-<version>.jar, the third-party jars Fiji lacks, jars/<platform>/pytorch-native-cpu-2.7.1.jar (with
# a valid Java module name), models/faig/, scripts/Plugins/FAIG/Macros/, images/faig-samples/ and the File > Open
# Samples entry. It never deletes or overwrites a file it did not install: FIJI_DIR/.faig-installed records what it
# wrote; an earlier version it installed is replaced, anything else in the way stops it before it writes anything.
# FAIG_VERSION, FAIG_FIJI_JARS, FAIG_MVN_OPTS and FAIG_M2_REPO as for scripts/build-update-site.sh.
set -euo pipefail
bad() { echo "install-in-fiji: $1 (usage: scripts/install-in-fiji.sh FIJI_DIR [PLATFORM]; --help for more)" >&2; exit 2; }
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
  -*) bad "unknown option '$1' (a FIJI_DIR starting with - is given as ./$1)" ;;
  '') bad "no FIJI_DIR given" ;;
esac
[ $# -le 2 ] || bad "FIJI_DIR and PLATFORM at most, not $# arguments: $*"
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=scripts/site-inputs.sh
. "$home/scripts/site-inputs.sh"
fiji="$(realpath -m -- "$1")"
[ -d "$fiji" ] || bad "FIJI_DIR $fiji is not a folder"
[ -d "$fiji/jars" ] || bad "FIJI_DIR $fiji is not a Fiji.app folder (it has no jars/ folder)"
if [ $# = 2 ]; then
  platform=$2
  site_classifier "$platform" >/dev/null || bad "PLATFORM '$platform' is not one of ${site_all_platforms// /, }"
else
  case "$(uname -s)/$(uname -m)" in
    Linux/x86_64) platform=linux64 ;; Linux/aarch64|Linux/arm64) platform=linux-arm64 ;;
    Darwin/arm64) platform=macos-arm64 ;; MINGW*/x86_64|MSYS*/x86_64|CYGWIN*/x86_64) platform=win64 ;;
    *) bad "no PyTorch natives for this machine ($(uname -s) $(uname -m)); name a PLATFORM" ;;
  esac
fi
site_check_version install-in-fiji
home_rel() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
fiji_jars="$(home_rel "${FAIG_FIJI_JARS:-$home/update-site/fiji-jars.txt}")"
[ -e "$fiji_jars" ] || bad "FAIG_FIJI_JARS=$fiji_jars: no such list or Fiji.app"
work="$home/target/install-in-fiji-work" # the only folder this script deletes
trap site_cleanup EXIT
# shellcheck disable=SC2206 # FAIG_MVN_OPTS is a list of options, split on spaces
mvn_opts=(-q -B ${FAIG_MVN_OPTS:-})
[ -z "${FAIG_M2_REPO:-}" ] || mvn_opts+=("-Dmaven.repo.local=$FAIG_M2_REPO")
export FAIG_MVN_OPTS FAIG_M2_REPO="${FAIG_M2_REPO:-}"
cd "$home"
site_inputs "$work" "$platform"
FAIG_TOOLS_BUILT=1 scripts/dev-tool.sh install-in-fiji "$fiji" "$site_jar" "$work/jars" "$work/natives" \
  sample-models --fiji-jars "$fiji_jars" --scratch "$work/module-named" --platforms "$platform" \
  --add macros=scripts/Plugins/FAIG/Macros --add "$work/samples=images/faig-samples" \
  --add update-site/extras/scripts=scripts
