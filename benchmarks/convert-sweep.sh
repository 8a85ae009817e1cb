#!/usr/bin/env bash
# The full opset-conversion sweep: every ONNX conformance case ONNX Runtime runs, converted by OnnxKit to
# every opset 7-28 and checked (valid, expected outputs), then the share converted to opsets 7-17 in each
# direction compared with onnx's version_converter (Debian's python3-onnx 1.12) on the same cases.
# Usage: benchmarks/convert-sweep.sh   (from the repository root; ../shared/onnx-backend-tests must exist)
set -euo pipefail
node_dir=../shared/onnx-backend-tests/node
[ -d "$node_dir" ] || { echo "skipped: $node_dir is absent"; exit 0; }
cases=$(mktemp)
trap 'rm -f "$cases"' EXIT
dotnet build tests/OnnxKit.Optimizer.Tests -c Release >/dev/null
ONNXKIT_CONVERT_SWEEP=full ONNXKIT_CONVERT_SWEEP_CASES="$cases" dotnet test tests/OnnxKit.Optimizer.Tests -c Release --no-build \
    --filter "FullyQualifiedName~ConformanceConversionTests" --logger "console;verbosity=detailed" | sed -n '/runnable cases/,/Finished/p' || true
if [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 benchmarks/convert-version-converter.py "$node_dir" "$cases"
else
    echo "skipped the version_converter comparison: /usr/bin/python3 is absent"
fi
