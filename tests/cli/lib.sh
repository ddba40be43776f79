# Helpers for tests/cli/*.sh: each test is a shell script run from the
# repository root with DSCOPE set to the binary under test; it exits 0 on
# success and prints why on failure.
fail() { echo "$*"; exit 1; }
expect_grep() { # pattern file
	grep -q -e "$1" "$2" || { echo "expected /$1/ in:"; cat "$2"; exit 1; }
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
