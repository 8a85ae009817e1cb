#!/usr/bin/env bash
# Checks that a clone of this repository at a path containing /src/ builds and tests, and that
# the libraries still produce their XML documentation while test projects do not. (Whether a
# project documents its members used to be decided by testing its path for "/src/", which broke
# every clone under a folder named src.) Not part of the test suite: about two minutes on 2 cores.
#   bash tools/check-build-under-src.sh [TEST_PROJECT] [TEST_FILTER]
# It clones the committed HEAD (not uncommitted edits) to a temporary .../src/onnxkit folder,
# builds TEST_PROJECT (default tests/OnnxKit.Core.Tests) with the libraries it references, runs
# the tests matching TEST_FILTER (default FullyQualifiedName~OnnxKit.Tests.Ir), and exits 0 when
# all of that held.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
project=${1:-tests/OnnxKit.Core.Tests}
filter=${2:-FullyQualifiedName~OnnxKit.Tests.Ir}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clone="$work/src/onnxkit"

git clone --quiet --no-hardlinks "$repo" "$clone"
echo "== building $project in $clone"
dotnet build "$clone/$project" -c Release -nologo -v quiet
echo "== testing ($filter)"
dotnet test "$clone/$project" -c Release --no-build -nologo --filter "$filter"

# The libraries the test project built must carry their documentation; the test project must not.
name=$(basename "$project")
built=$(find "$clone/src" -path '*/bin/Release/*' -name 'OnnxKit.*.dll' | wc -l)
documented=$(find "$clone/src" -path '*/bin/Release/*' -name 'OnnxKit.*.xml' | wc -l)
if [ "$built" -eq 0 ] || [ "$documented" -eq 0 ]; then
  echo "FAILED: the libraries under src/ built $built assemblies but $documented XML documentation files" >&2
  exit 1
fi
if [ -e "$clone/$project/bin/Release/net10.0/$name.xml" ]; then
  echo "FAILED: the test project $name generated XML documentation" >&2
  exit 1
fi
echo "OK: a clone under $work/src builds and tests; $documented library documentation file(s) generated"
