#!/usr/bin/env bash
# Installs the Debian packages Flowscope needs, only those that are missing: cairo and libpng to
# build, DejaVu for the figures' text, Latin Modern for the LaTeX theme (assets/themes/latex.json)
# that a gallery figure uses, and make for README's two commands. Animations: giflib and libwebp to
# build, ffmpeg to write MP4; webp (webpinfo) and poppler-utils (pdfinfo) check them in the tests.
# OpenBLAS for ode-bench (the machine's dgemm peak and the kernel comparison).
set -euo pipefail
packages=(libcairo2-dev libpng-dev libdeflate-dev libssl-dev liblapack-dev libopenblas-dev libgif-dev libwebp-dev pkg-config fonts-dejavu-core fonts-lmodern make ffmpeg webp poppler-utils)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
# libopenblas-dev makes OpenBLAS the system's libblas/liblapack; the equilibria's eigenvalues
# (dgeev) and the gallery's checked numbers come from the reference LAPACK, so keep that one.
# ode-bench links OpenBLAS by name and is not affected.
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
for lib in blas lapack; do
  ref=/usr/lib/$arch/$lib/lib$lib.so.3
  if [ -e "$ref" ]; then $sudo update-alternatives --set "lib$lib.so.3-$arch" "$ref" >/dev/null; fi
done
