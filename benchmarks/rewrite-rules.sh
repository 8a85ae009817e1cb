#!/usr/bin/env bash
# Rewrite-rule speed (a benchmark, not a test): times remove-no-ops and the pattern fusions
# (benchmarks/RewriteRules) over ONNX's 1,802 conformance models at this checkout and at BASE,
# alternating the two builds, and prints each run's median processor time and the ratio this/BASE
# from the same run.
#   bash benchmarks/rewrite-rules.sh [BASE]   (default BASE: c914dbf, the last commit whose
#                                             no-op and fusion rules were imperative; about 3 minutes)
# REPEAT=N sets the repetitions per run (default 5); PASSES=a,b times other passes (any commit's).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-c914dbf}
cases="$(cd .. && pwd)/shared/onnx-backend-tests/node"
[ -d "$cases" ] || { echo "rewrite-rules.sh needs the conformance cases at $cases" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add --detach "$tmp/base" "$base" >/dev/null 2>&1
rm -rf "$tmp/base/benchmarks/RewriteRules"
mkdir -p "$tmp/base/benchmarks/RewriteRules"
cp benchmarks/RewriteRules/Program.cs benchmarks/RewriteRules/RewriteRules.csproj "$tmp/base/benchmarks/RewriteRules/"
dotnet build -c Release benchmarks/RewriteRules -v quiet -nologo >/dev/null
dotnet build -c Release "$tmp/base/benchmarks/RewriteRules" -v quiet -nologo >/dev/null
run() {
  dotnet "$1/benchmarks/RewriteRules/bin/Release/net10.0/RewriteRules.dll" --cases "$cases" --repeat "${REPEAT:-5}" \
    ${PASSES:+--passes "$PASSES"}
}
for round in 1 2 3; do
  head_line=$(run .)
  base_line=$(run "$tmp/base")
  head_ms=${head_line%% ms*}
  base_ms=${base_line%% ms*}
  echo "round $round: this $head_line"
  echo "round $round: base $base_line"
  echo "round $round: ratio this/base $(echo "scale=2; $head_ms / $base_ms" | bc)"
done
