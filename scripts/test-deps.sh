#!/usr/bin/env bash
# Makes a bare Debian/Ubuntu machine (JDK 17 + Maven) ready for the default test run:
#  - the system packages listed in scripts/test-packages.txt (installed with apt-get when run as root,
#    otherwise named and the script stops with exit 1);
#  - thin-provisioning-tools 1.1.0 (Debian 13's binary, the version distributions run now), downloaded with a
#    private apt directory and unpacked with dpkg -x into .cache/thin-tools-1.1.0 (never installed). Without root
#    or the Debian package tools it is skipped and the tests that need it say so.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

missing=()
while read -r pkg cmd; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || [ -x "/sbin/$cmd" ] || missing+=("$pkg")
done < scripts/test-packages.txt

root=0; [ "$(id -u)" = 0 ] && root=1
if [ ${#missing[@]} -gt 0 ]; then
  if [ $root = 1 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-deps: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test-deps: the tests need these packages; install them (as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

bash scripts/fetch-thin-tools-1x.sh "$top/.cache" || echo "test-deps: thin-provisioning-tools 1.1.0 unavailable; the 1.x cross-tool tests will be skipped" >&2
