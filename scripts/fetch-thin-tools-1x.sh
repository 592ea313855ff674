#!/usr/bin/env bash
# Fetches thin-provisioning-tools 1.1.0 (Debian 13 "trixie") into DIR/thin-tools-1.1.0 without installing it:
# a private apt directory with a trixie source list, apt-get download, dpkg -x. The binary runs on Debian 12.
# Usage: fetch-thin-tools-1x.sh DIR    (prints the directory holding pdata_tools on success)
set -euo pipefail
dest=${1:?usage: fetch-thin-tools-1x.sh DIR}
out="$dest/thin-tools-1.1.0"
bin="$out/usr/sbin/pdata_tools"
if [ -x "$bin" ] && "$bin" thin_check -V 2>/dev/null | grep -q '^1\.'; then
  echo "$out/usr/sbin"; exit 0
fi
command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 || { echo "fetch-thin-tools-1x: needs apt-get and dpkg" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "fetch-thin-tools-1x: needs root (apt-get download from a private list)" >&2; exit 1; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "fetch-thin-tools-1x: $keyring missing (package debian-archive-keyring)" >&2; exit 1; }
apt=$(mktemp -d)
trap 'rm -rf "$apt"' EXIT
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/dl"
echo "deb [signed-by=$keyring] http://deb.debian.org/debian trixie main" > "$apt/sources.list"
touch "$apt/status"
opts=(-o Dir::Etc::sourcelist="$apt/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$apt/lists"
      -o Dir::State::status="$apt/status" -o Dir::Cache="$apt/cache" -o APT::Sandbox::User=root -qq)
apt-get "${opts[@]}" update >/dev/null
(cd "$apt/dl" && apt-get "${opts[@]}" download thin-provisioning-tools >/dev/null)
deb=$(ls "$apt"/dl/thin-provisioning-tools_1.*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "fetch-thin-tools-1x: trixie has no 1.x thin-provisioning-tools" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"
dpkg -x "$deb" "$out"
"$bin" thin_check -V >/dev/null
echo "$out/usr/sbin"
