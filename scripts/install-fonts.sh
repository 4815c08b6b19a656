#!/usr/bin/env bash
# Installs a font with Chinese glyphs for the digest charts (Debian's fonts-noto-cjk) when none is
# present. Idempotent; needs root (apt-get). Prints the font file it found or installed.
set -euo pipefail
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
if [ ! -f "$FONT" ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk) >&2
fi
[ -f "$FONT" ] || { echo "fonts-noto-cjk did not install $FONT" >&2; exit 1; }
echo "$FONT"
