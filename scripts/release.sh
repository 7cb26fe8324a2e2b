#!/usr/bin/env bash
# The release step: sets the project version to a release (no -SNAPSHOT) and builds the update site for it.
#   scripts/release.sh 0.1.0 [SITE_DIR]   # pom.xml -> 0.1.0, then FAIG_RELEASE=1 scripts/build-update-site.sh
#   scripts/release.sh --next 0.1.1       # after tagging: pom.xml -> 0.1.1-SNAPSHOT for further work
# The site build refuses any shipped name that still carries -SNAPSHOT. Then commit pom.xml, tag v<version>,
# publish SITE_DIR, and run --next. SITE_DIR (default update-site/site) should hold the previously published
# site, so the release keeps its history (see update-site/README.md).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
set_version() {
  # The project's own <version> is the first one after <artifactId>faig-fiji</artifactId>.
  sed -i "0,/<artifactId>faig-fiji<\/artifactId>/!{0,/<version>[^<]*<\/version>/s//<version>$1<\/version>/}" pom.xml
  grep -q "<version>$1</version>" pom.xml || { echo "release: could not set the version in pom.xml" >&2; exit 1; }
  echo "release: pom.xml version is now $1"
}
if [ "${1:-}" = "--next" ]; then
  [[ "${2:-}" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: $0 --next X.Y.Z" >&2; exit 2; }
  set_version "$2-SNAPSHOT"
  exit 0
fi
[[ "${1:-}" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: $0 X.Y.Z [SITE_DIR] | --next X.Y.Z" >&2; exit 2; }
set_version "$1"
FAIG_RELEASE=1 scripts/build-update-site.sh "${2:-$home/update-site/site}"
echo "release: built the site for $1. Next: git commit -am 'Release $1' && git tag v$1; publish the site;" \
  "then scripts/release.sh --next <following version>"
