#!/usr/bin/env bash
# Makes sure the browser tests can run: Debian's `chromium` (Playwright cannot download its own
# browser here) and a CJK font, so the Chinese console renders as text rather than boxes in
# screenshots. Installs them with apt-get when missing (needs root, as on the CI machine).
# Prints the browser's path on success.
set -euo pipefail

BROWSER=/usr/bin/chromium
need=()
[ -x "$BROWSER" ] || need+=(chromium)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then need+=(fonts-wqy-microhei); fi

if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "ensure-chromium: missing ${need[*]}; install them as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "ensure-chromium: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

[ -x "$BROWSER" ] || { echo "ensure-chromium: $BROWSER is still missing" >&2; exit 1; }
echo "$BROWSER"
