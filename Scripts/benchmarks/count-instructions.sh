#!/usr/bin/env bash
# Counts instructions, which load on a shared machine does not change (CPU time on the 2-core CI
# machine swings by a factor of two from run to run), with valgrind's callgrind.
#
#     Scripts/benchmarks/count-instructions.sh layouts [posts]     # default 1000 posts
#     Scripts/benchmarks/count-instructions.sh govuk [templates-folder]
#
# `layouts`: LayoutsBenchmark builds the site once and twice, with the built-in layouts
# (`ONLY_LAYOUTS=1`) and without (`ONLY_BARE=1`); one build is the difference of the two counts.
# Prints both builds' instructions per post, the layouts' cost per post and their share of a build.
# `govuk`: TemplatesBenchmark renders 500 posts through the real GOV.UK post layout chain once and
# twice (`GOVUK_ONLY=1`, the Site's filters replaced by cheap stand-ins); prints instructions a post.
# An optional folder of templates (`GOVUK_TEMPLATES`) measures a variant of the layouts.
# Both need the release build: swift build -c release --scratch-path .build-release --product <Name>Benchmark
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions of one run of the copied benchmark, with the environment given before it.
count() {
    env SWIFT_DETERMINISTIC_HASHING=1 "$@" valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/benchmark" "${arguments[@]}" 2>&1 \
        | sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' | tr -d ,
}

case "${1:-}" in
layouts)
    posts=${2:-1000}
    cp "$root/.build-release/release/LayoutsBenchmark" "$work/benchmark" && strip -g "$work/benchmark"
    arguments=(--runs 1 "$posts"); layouts1=$(count ONLY_LAYOUTS=1); bare1=$(count ONLY_BARE=1)
    arguments=(--runs 2 "$posts"); layouts2=$(count ONLY_LAYOUTS=1); bare2=$(count ONLY_BARE=1)
    awk -v l="$((layouts2 - layouts1))" -v b="$((bare2 - bare1))" -v n="$posts" 'BEGIN {
        printf "build with layouts: %.3f G instructions (%.0f a post)\n", l / 1e9, l / n
        printf "build without:      %.3f G instructions (%.0f a post)\n", b / 1e9, b / n
        printf "layouts: %.0f instructions a post, %.1f%% of the build\n", (l - b) / n, 100 * (l - b) / l
    }'
    ;;
govuk)
    cp "$root/.build-release/release/TemplatesBenchmark" "$work/benchmark" && strip -g "$work/benchmark"
    arguments=()
    extra=(GOVUK_ONLY=1 GOVUK_POSTS=500)
    if [ -n "${2:-}" ]; then extra+=(GOVUK_TEMPLATES="$2"); fi
    one=$(count "${extra[@]}" GOVUK_RUNS=1); two=$(count "${extra[@]}" GOVUK_RUNS=2)
    echo "GOV.UK post layout chain: $(((two - one) / 500)) instructions a post"
    ;;
*)
    echo "usage: $0 layouts [posts] | govuk [templates-folder]" >&2
    exit 2
    ;;
esac
