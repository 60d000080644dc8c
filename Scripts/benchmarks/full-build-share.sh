#!/usr/bin/env bash
# The templates' share of a full build: the real `design-history build` command, writing the site,
# on LayoutsBenchmark's synthetic design history (default 4,000 posts, each with three screenshots).
#
#     Scripts/benchmarks/full-build-share.sh [posts] [runs]     # default 4000 posts, 5 runs
#
# Each build runs with `SITE_TIMINGS=1`, which gives every stage's wall-clock and CPU time (user and
# system, all threads); the `layouts` stage renders every page's layout chain and the generated pages
# (feed, sitemap, search index, tags), with the Site's filters they call. Its share of the build's CPU
# is read within each build, which a slow or loaded machine moves less than it moves two builds'
# times; but the stage runs on both cores, whose CPU time grows when both are busy (shared caches),
# so the share still varies from build to build: take the median of several. The site and its output
# are in `/dev/shm` where there is one: memory, where writing is cheapest, so the share is the largest
# a build on disk would show. Prints each build's stages and the median share.
# Needs the release build: swift build -c release --scratch-path .build-release --product design-history
# (and --product LayoutsBenchmark).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
posts=${1:-4000}
runs=${2:-5}
base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
site=$(mktemp -u "$base/full-build-share.XXXXXX")
trap 'rm -rf "$site"' EXIT
MAKE_SITE="$site" "$root/.build-release/release/LayoutsBenchmark" "$posts" > /dev/null
cd "$site"
for _ in $(seq "$runs"); do
    SITE_TIMINGS=1 "$root/.build-release/release/design-history" build 2>&1 | grep '^timings:'
done | python3 -c '
import re, statistics, sys
shares = []
for line in sys.stdin:
    stages = {m.group(1): (float(m.group(2)), float(m.group(3)))
              for m in re.finditer(r"([\w-]+) ([\d.]+)ms \(CPU ([\d.]+)ms", line)}
    layouts, total = stages["layouts"], stages["total"]
    shares.append(100 * layouts[1] / total[1])
    print("layouts %.0f ms CPU of %.0f ms CPU (%.1f%%); wall %.0f of %.0f ms (%.1f%%); writing %.0f ms CPU"
          % (layouts[1], total[1], shares[-1], layouts[0], total[0], 100 * layouts[0] / total[0], stages["write-files"][1]))
print("median share of the CPU of a build: %.1f%% (%d builds)" % (statistics.median(shares), len(shares)))
'
