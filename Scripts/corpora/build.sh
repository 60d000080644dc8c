#!/bin/sh
# Materialize each corpus of ../shared/corpora into a scratch folder, add its design-history.yml,
# and build it with this repository's generator. Usage: Scripts/corpora/build.sh [SCRATCH] [BINARY]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpora=${CORPORA:-$here/../../../shared/corpora}
[ -d "$corpora" ] || corpora=/work/shared/corpora
scratch=${1:-$(mktemp -d)}
binary=${2:-$(cd "$here/../.." && swift build --product design-history --show-bin-path)/design-history}
case "$binary" in /*) ;; *) binary="$(pwd)/$binary" ;; esac
status=0
for config in "$here"/*/design-history.yml; do
    name=$(basename "$(dirname "$config")")
    target="$scratch/$name"
    rm -rf "$target"
    python3 "$corpora/materialize.py" "$corpora/$name" "$target" >/dev/null
    cp "$config" "$target/design-history.yml"
    echo "== $name"
    (cd "$target" && "$binary" build) || status=1
done
exit $status
