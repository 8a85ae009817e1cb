#!/usr/bin/env bash
# The full opset-conversion sweep: every ONNX conformance case whose original gives its expected outputs on ONNX
# Runtime (or, failing that, on OnnxKit's reference evaluator), converted by OnnxKit to every opset 7-28 and
# judged there (checker valid, the case's expected outputs), beside onnx's version_converter (Debian's
# python3-onnx 1.12) converting the same cases to opsets 7-17, judged the same way on the same backend.
# Writes the per-opset table to $OUT (default: /tmp/convert-sweep.md).
# Usage: benchmarks/convert-sweep.sh [EVERY]   (from the repository root; ../shared/onnx-backend-tests must exist;
#        EVERY=k takes every k-th case, to narrow the run on a busy machine)
set -euo pipefail
node_dir=../shared/onnx-backend-tests/node
every=${1:-1}
out=${OUT:-/tmp/convert-sweep.md}
[ -d "$node_dir" ] || { echo "skipped: $node_dir is absent"; exit 0; }
converted=$(mktemp -d)
trap 'rm -rf "$converted"' EXIT
dotnet build tests/OnnxKit.Optimizer.Tests -c Release >/dev/null
if [ -x /usr/bin/python3 ]; then
    # A native crash (segmentation fault) inside version_converter kills the process; it is started again and
    # resumes after the conversion that crashed, which counts as refused.
    for _ in $(seq 1000); do
        rc=0
        /usr/bin/python3 benchmarks/convert-version-converter.py "$node_dir" "$converted" "$every" || rc=$?
        [ "$rc" -ge 128 ] || break
    done
    [ "$rc" -eq 0 ] || { echo "convert-version-converter.py failed (exit $rc)"; exit 1; }
else
    echo "skipped the version_converter comparison: /usr/bin/python3 is absent"
fi
ONNXKIT_CONVERT_SWEEP=full ONNXKIT_CONVERT_SWEEP_EVERY="$every" ONNXKIT_CONVERT_SWEEP_VERSION_CONVERTER="$converted" \
ONNXKIT_CONVERT_SWEEP_MARKDOWN="$out" dotnet test tests/OnnxKit.Optimizer.Tests -c Release --no-build \
    --filter "FullyQualifiedName~ConformanceConversionTests" --logger "console;verbosity=detailed" | sed -n '/cases judged/,/Finished/p' || true
echo "table written to $out"
