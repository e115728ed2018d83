#!/usr/bin/env bash
# Headless Chromium for the report's browser tests (tests/test_report_browser.py): Debian's
# chromium and chromium-driver packages, and CJK fonts so that screenshots show the text.
# Does nothing when they are there. Without root (or sudo) it only says what is missing: the
# browser tests then skip, except under CI=true, where they fail.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh | grep -q .; then need+=(fonts-noto-cjk); fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "install-browser: missing ${need[*]}; install them (apt-get install ${need[*]}) to run the browser tests" >&2
  exit 0
fi
echo "install-browser: apt-get install ${need[*]}" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
