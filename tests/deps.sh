#!/bin/sh
# Install the Debian packages dscope needs to build, run and test, if any is
# missing.  Quiet when everything is there.
set -e
need="build-essential pkg-config libbpf-dev libelf-dev zlib1g-dev libzstd-dev libncurses-dev libreadline-dev libunwind-dev libcmocka-dev tmux bpftool clang libclang-rt-14-dev clang-format"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
	echo "dscope: missing packages:$missing (run as root, or apt-get install them)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $missing >/dev/null
