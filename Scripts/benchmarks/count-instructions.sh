#!/usr/bin/env bash
# Counts instructions, which load on a shared machine does not change (CPU time on the 2-core CI
# machine swings by a factor of two from run to run), with valgrind's callgrind.
#
#     Scripts/benchmarks/count-instructions.sh layouts [posts]     # default 1000 posts
#     Scripts/benchmarks/count-instructions.sh govuk [templates-folder]
#     Scripts/benchmarks/count-instructions.sh split [posts]      # default 1000 posts
#
# `layouts`: LayoutsBenchmark builds the site once and twice, with the built-in layouts
# (`ONLY_LAYOUTS=1`) and without (`ONLY_BARE=1`); one build is the difference of the two counts.
# Prints both builds' instructions per post, the layouts' cost per post and their share of a build.
# `govuk`: TemplatesBenchmark renders 500 posts through the real GOV.UK post layout chain once and
# twice (`GOVUK_ONLY=1`, the Site's filters replaced by cheap stand-ins); prints instructions a post.
# An optional folder of templates (`GOVUK_TEMPLATES`) measures a variant of the layouts.
# `split`: the layouts stage alone (callgrind collects only inside the closure that renders a page's
# layouts, `renderLayouts` in SiteSession.run), split into the template engine and the Site's filters
# (the closures that `SiteRenderer` and `BuiltInLayouts.register` register: `imageSize`, `searchIndex`,
# `screenshotGroups`, `markdown`, `url`…), whose instructions are left out of the second count. Prints
# both a post, of one build (twice minus once).
# All need the release build: swift build -c release --scratch-path .build-release --product <Name>Benchmark
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions of one run of the copied benchmark, with the environment (NAME=value) and callgrind
# options (--option) given.
count() {
    local settings=() options=()
    for item in "$@"; do case "$item" in --*) options+=("$item") ;; *) settings+=("$item") ;; esac; done
    env SWIFT_DETERMINISTIC_HASHING=1 "${settings[@]}" valgrind --tool=callgrind "${options[@]}" --callgrind-out-file="$work/callgrind.out" \
        "$work/benchmark" "${arguments[@]}" 2>&1 | sed -n 's/.*refs: *\([0-9,]*\).*/\1/p' | tr -d ,
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
split)
    posts=${2:-1000}
    cp "$root/.build-release/release/LayoutsBenchmark" "$work/benchmark" && strip -g "$work/benchmark"
    symbols=$(nm "$work/benchmark" | awk '{print $3}')
    # The closure (Int, String) -> (output: String, diagnostics: [Diagnostic]) that renders a page's layouts.
    stage=$(grep -E '^\$s4Site0A7SessionC3run.*6output_SayAA10DiagnosticVG11diagnosticstSi_SStYbcfU[0-9]*_$' <<< "$symbols")
    [ "$(wc -l <<< "$stage")" = 1 ] || { echo "cannot find the closure that renders layouts: $stage" >&2; exit 1; }
    # The Site's filters: the top-level closures of the two functions that register them (not the
    # closures nested in them, which would switch collection back on), or the thunk that calls one
    # when the closure was compiled into it.
    filters=()
    while read -r symbol; do
        if [[ "$symbol" == *_TA ]]; then grep -qxF "${symbol%TA}" <<< "$symbols" && continue; fi
        filters+=(--toggle-collect="$symbol")
    done < <(grep -E '^\$s4Site(14BuiltInLayoutsO8register2in8resolver|0A8RendererV13configuration).*YbcfU[0-9]?[0-9]?_(TA)?$' <<< "$symbols")
    [ "${#filters[@]}" -ge 10 ] || { echo "found only ${#filters[@]} filter closures" >&2; exit 1; }
    arguments=(--runs 1 "$posts"); all1=$(count ONLY_LAYOUTS=1 --collect-atstart=no --toggle-collect="$stage")
    engine1=$(count ONLY_LAYOUTS=1 --collect-atstart=no --toggle-collect="$stage" "${filters[@]}")
    arguments=(--runs 2 "$posts"); all2=$(count ONLY_LAYOUTS=1 --collect-atstart=no --toggle-collect="$stage")
    engine2=$(count ONLY_LAYOUTS=1 --collect-atstart=no --toggle-collect="$stage" "${filters[@]}")
    awk -v a="$((all2 - all1))" -v e="$((engine2 - engine1))" -v n="$posts" -v f="$((${#filters[@]}))" 'BEGIN {
        printf "layouts stage: %.0f instructions a post\n", a / n
        printf "  template engine: %.0f a post\n", e / n
        printf "  the Site'"'"'s filters (%d closures): %.0f a post\n", f, (a - e) / n
    }'
    ;;
*)
    echo "usage: $0 layouts [posts] | govuk [templates-folder] | split [posts]" >&2
    exit 2
    ;;
esac
