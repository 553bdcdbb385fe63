#!/usr/bin/env bash
# Renders the PNG icons of the installed app from public/icons/icon.svg. Not part of the build:
# run it by hand after changing the icon, and commit the PNGs (the build then needs no image
# tools). Needs Debian's librsvg2-bin (rsvg-convert); pngquant and optipng, if present, shrink
# the output (the icons are precached, so every reader downloads them once over 3G).
#
#   apt-get install librsvg2-bin pngquant optipng && bash scripts/make-icons.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Launchers crop maskable icons to any shape inside the central circle of 80% diameter, so the
# mark is drawn at 60% of the size on a full-bleed background. The same square, less padded,
# is the iOS home-screen icon (iOS draws transparent corners black and rounds them itself).
mark='<path fill="#ffd54a" d="M256 92l38 117h123l-99 72 38 117-100-72-100 72 38-117-99-72h123z"/><rect x="136" y="420" width="240" height="28" rx="14" fill="#fff"/>'
cat > "$tmp/maskable.svg" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#a3141c"/><g transform="translate(256 256) scale(0.6) translate(-256 -270)">$mark</g></svg>
SVG
cat > "$tmp/apple.svg" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="#a3141c"/><g transform="translate(256 256) scale(0.8) translate(-256 -270)">$mark</g></svg>
SVG

rsvg-convert -w 192 -h 192 "$out/icon.svg" -o "$out/icon-192.png"
rsvg-convert -w 512 -h 512 "$out/icon.svg" -o "$out/icon-512.png"
rsvg-convert -w 512 -h 512 "$tmp/maskable.svg" -o "$out/icon-maskable-512.png"
rsvg-convert -w 180 -h 180 "$tmp/apple.svg" -o "$out/apple-touch-icon.png"
pngs=("$out"/icon-192.png "$out"/icon-512.png "$out"/icon-maskable-512.png "$out"/apple-touch-icon.png)
# A flat three-colour mark: a 64-colour palette is indistinguishable and a third of the size.
if command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --strip --quality 90-100 64 --ext .png "${pngs[@]}"
fi
if command -v optipng >/dev/null; then
  optipng -quiet -o7 -strip all "${pngs[@]}"
fi
ls -l "$out"
