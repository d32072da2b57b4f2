#!/bin/sh
# Shows that a refactoring changed no output: builds BASE and HEAD (default:
# the working tree) in release mode, runs scripts/command_outputs.sh with
# each, and diffs every file and every command's standard output and error,
# leaving out only the manifests (engine version, command line) and
# the graph files' bytes (they carry the source file's modification time;
# `info` on them is compared).
#
#   scripts/compare_commits.sh 6bce179          # working tree against 6bce179
#   scripts/compare_commits.sh 6bce179 main
#
# Exit 0 when identical; prints the differing files otherwise.
set -eu
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then echo "usage: $0 BASE [HEAD]" >&2; exit 2; fi
base=$1
head=${2:-}
# one folder per checkout: two checkouts compared at once share nothing
work=${TMPDIR:-/tmp}/geoaccess-compare/$(pwd | cksum | cut -d' ' -f1)
mkdir -p "$work"

build_at() { # build_at REV DIR: a release build of REV ("" = the working tree)
    rev=$1; dir=$2
    if [ -n "$rev" ]; then
        src="$work/src-$(git rev-parse --short "$rev")"
        if [ ! -d "$src" ]; then
            git worktree add --detach "$src" "$rev" >/dev/null 2>&1
        fi
    else
        src=$(pwd)
    fi
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$src" --buildtype=release >/dev/null
    fi
    ninja -C "$dir" engine/cli/geoaccess >/dev/null
    echo "$src"
}

base_src=$(build_at "$base" "$work/build-base-$(git rev-parse --short "$base")")
base_bin="$work/build-base-$(git rev-parse --short "$base")/engine/cli/geoaccess"
if [ -n "$head" ]; then
    head_src=$(build_at "$head" "$work/build-head-$(git rev-parse --short "$head")")
    head_bin="$work/build-head-$(git rev-parse --short "$head")/engine/cli/geoaccess"
else
    head_src=$(pwd)
    head_bin="$work/build-tree/engine/cli/geoaccess"
    build_at "" "$work/build-tree" >/dev/null
fi

# the same source tree for both runs (the data and fixtures of BASE), so
# that only the binaries differ
# and the same output folder (messages name the files written)
rm -rf "$work/out-base" "$work/out-head"
(cd "$base_src" && sh "$head_src/scripts/command_outputs.sh" "$base_bin" "$work/out")
mv "$work/out" "$work/out-base"
(cd "$base_src" && sh "$head_src/scripts/command_outputs.sh" "$head_bin" "$work/out")
mv "$work/out" "$work/out-head"
if diff -r -x '.geoaccess-*.manifest' -x '*.gagraph' \
        "$work/out-base" "$work/out-head" > "$work/diff.txt"; then
    n=$(find "$work/out-head" -type f | wc -l)
    echo "identical: $n files (outputs, standard output and error of every command), base $(git rev-parse --short "$base")"
else
    echo "DIFFERENT (base $(git rev-parse --short "$base")):"
    grep -E '^(diff|Only|Binary)' "$work/diff.txt" | head -40
    exit 1
fi
