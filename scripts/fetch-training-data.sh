#!/usr/bin/env bash
# Builds the training/validation photographs from Debian packages (the pinned list below, with their licences):
# downloads pinned package versions, unpacks them without installing, then runs the project's developer tool
# TrainingSetBuilder (scripts/dev-tool.sh build-training-set: carve GCompris bundles, convert WebP with dwebp,
# downscale large photos with an antialiasing area filter, drop near-duplicates, write manifest.tsv with SHA-256,
# source, licence, split).
#
#   scripts/fetch-training-data.sh [data-dir]        (default: data/, ignored by git)
#
# The photos are GPL/CC licensed and are never committed; this script recreates them bit for bit.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${1:-$home/data}"
mkdir -p "$data/debs" "$data/unpacked"
data="$(cd "$data" && pwd)"

packages=(
  "gcompris-qt-data=3.1-2"
  "kphotoalbum=5.9.1-1"
  "tuxpaint-data=1:0.9.28-sdl2-1"
  "lomiri-wallpapers-16.04=20.04.0-2"
  "lomiri-wallpapers-20.04=20.04.0-2"
  "mate-backgrounds=1.26.0-1"
  "plasma-workspace-wallpapers=4:5.27.5-2"
  "opencv-doc=4.6.0+dfsg-12"
  "webp=1.2.4-0.2+deb12u1"
  "libwebp7=1.2.4-0.2+deb12u1"
  "libwebpdemux2=1.2.4-0.2+deb12u1"
)

cd "$data/debs"
for p in "${packages[@]}"; do
  name="${p%%=*}"
  if ! ls "${name}"_*.deb >/dev/null 2>&1; then
    echo "fetch: downloading $p" >&2
    if ! apt-get download "$p" >/dev/null 2>&1; then
      echo "fetch: refreshing package lists (apt-get update)" >&2
      apt-get update -q >/dev/null
      apt-get download "$p"
    fi
  fi
  if [ ! -d "$data/unpacked/$name" ]; then
    dpkg -x "${name}"_*.deb "$data/unpacked/$name.part"
    mv "$data/unpacked/$name.part" "$data/unpacked/$name"
  fi
done

export PATH="$data/unpacked/webp/usr/bin:$PATH"
# dwebp's libraries come from the unpacked packages too, so nothing is installed on the system.
export LD_LIBRARY_PATH="$data/unpacked/libwebp7/usr/lib/x86_64-linux-gnu:$data/unpacked/libwebpdemux2/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
command -v dwebp >/dev/null || { echo "fetch: dwebp not found in the unpacked webp package" >&2; exit 1; }

cd "$home"
scripts/dev-tool.sh build-training-set "$data/unpacked" "$data/photos"
echo "fetch: done; manifest at $data/photos/manifest.tsv" >&2
