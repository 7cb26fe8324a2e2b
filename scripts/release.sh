#!/usr/bin/env bash
# The release step: sets the project version to a release (no -SNAPSHOT) and builds the update site for it.
#   scripts/release.sh X.Y.Z [SITE_DIR]   # pom.xml -> X.Y.Z, then FAIG_RELEASE=1 scripts/build-update-site.sh
#   scripts/release.sh --first X.Y.Z [SITE_DIR]   # the very first release, into a new or empty SITE_DIR
#   scripts/release.sh --next X.Y.Z       # after tagging: pom.xml -> X.Y.Z-SNAPSHOT for further work
# SITE_DIR (default update-site/site, relative to the current folder) must hold the previously published site
# (its db.xml.gz), so the release keeps its history and existing users get updates (see update-site/README.md);
# without a db.xml.gz only --first builds. The site build refuses any shipped name that still carries -SNAPSHOT
# and a version below the site's current one. Versions are X.Y.Z without leading zeros. A failed release puts
# pom.xml back as it was. Then commit pom.xml, tag vX.Y.Z, publish SITE_DIR, and run --next.
set -euo pipefail
usage="usage: scripts/release.sh [--first] X.Y.Z [SITE_DIR] | scripts/release.sh --next X.Y.Z   (--help for more)"
bad() { echo "release: $1" >&2; echo "$usage" >&2; exit 2; }
version_re='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$'
first=0 next=0 args=()
for a in "$@"; do
  case "$a" in
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    --first) first=1 ;;
    --next) next=1 ;;
    -*) bad "unknown option '$a'" ;;
    *) args+=("$a") ;;
  esac
done
[ ${#args[@]} -ge 1 ] || bad "no version given"
# Test-build settings of scripts/build-update-site.sh: a release is every platform, under the version it sets.
for v in FAIG_VERSION FAIG_SITE_PLATFORMS; do
  [ -z "${!v:-}" ] || bad "$v is set (${!v}): it is for test builds of the site; unset it for a release"
done
[[ "${args[0]}" =~ $version_re ]] || bad "'${args[0]}' is not a version X.Y.Z (numbers without leading zeros)"
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
if [ $next = 1 ]; then
  [ $first = 0 ] && [ ${#args[@]} = 1 ] || bad "--next takes a version only"
else
  [ ${#args[@]} -le 2 ] || bad "one version and one SITE_DIR at most, not: ${args[*]}"
  [ ${#args[@]} = 1 ] || [ -n "${args[1]}" ] || bad "SITE_DIR is empty"
  # From the caller's folder, as scripts/build-update-site.sh resolves it.
  site="$(realpath -m -- "${args[1]:-$home/update-site/site}")"
  if [ -f "$site/db.xml.gz" ]; then
    [ $first = 0 ] || { echo "release: --first, but $site already holds a site (db.xml.gz): leave out --first" >&2; exit 2; }
  elif [ $first = 0 ]; then
    echo "release: $site holds no db.xml.gz, so it is not the published site: a release built there would strand" \
      "existing users. Give a copy of the published site, or --first for the very first release" >&2
    exit 2
  fi
fi
cd "$home"
set_version() {
  # The project's own <version> is the first one after <artifactId>faig-fiji</artifactId>.
  sed -i "0,/<artifactId>faig-fiji<\/artifactId>/!{0,/<version>[^<]*<\/version>/s//<version>$1<\/version>/}" pom.xml
  grep -q "<version>$1</version>" pom.xml || { echo "release: could not set the version in pom.xml" >&2; exit 1; }
  echo "release: pom.xml version is now $1"
}
if [ $next = 1 ]; then
  set_version "${args[0]}-SNAPSHOT"
  exit 0
fi
# pom.xml is put back should the build fail (or be interrupted), so a failed release leaves no change behind.
saved="$(mktemp)"
cp pom.xml "$saved"
trap 'rc=$?; if [ $rc != 0 ]; then cp "$saved" pom.xml; echo "release: failed; pom.xml restored" >&2; fi; rm -f "$saved"' EXIT
trap 'exit 130' INT TERM
set_version "${args[0]}"
FAIG_RELEASE=1 scripts/build-update-site.sh "$site"
echo "release: built the site for ${args[0]} in $site. Next: git commit -am 'Release ${args[0]}' &&" \
  "git tag v${args[0]}; publish the site; then scripts/release.sh --next <following version>"
