#!/usr/bin/env bash
# Verification with one ONNX Runtime session or two (a benchmark, not a test): the ONNX Runtime work of
# `onnxkit optimize`'s check, done the way it does it (see VerificationSessions/Program.cs), with the original
# and the optimized model in two sessions one after the other (the design in use) and merged into one model
# that holds both, sharing the inputs, in one session and one run (the alternative). Fresh processes, the two
# designs in turn, $RUNS times; prints the medians and the median of the ratios one/two, wall and CPU.
#
#   bash benchmarks/verification-sessions.sh            (about a minute on two busy cores)
#   RUNS=9 bash benchmarks/verification-sessions.sh
#
# Models: MobileNet-V2 and ResNet-50 v1 exported here, and PaddleOCR v4 det from tools/fetch-real-models.sh's
# cache (left out with a note when absent). Needs /usr/bin/python3 with onnx, which merges the models.
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 -c "import onnx" 2>/dev/null || { echo "verification-sessions.sh needs /usr/bin/python3 with onnx (it merges the models)" >&2; exit 2; }
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
real_models="${ONNXKIT_REAL_MODELS:-$HOME/.cache/onnxkit/real-models}"
dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/VerificationSessions -c Release -v quiet -nologo >/dev/null
onnxkit=(dotnet src/Cli/bin/Release/net10.0/onnxkit.dll)
bench=(dotnet benchmarks/VerificationSessions/bin/Release/net10.0/VerificationSessions.dll)

models=(mobilenet-v2 resnet50-v1)
for zoo in "${models[@]}"; do "${onnxkit[@]}" export "$zoo" -o "$work/$zoo.onnx" >/dev/null; done
if [ -f "$real_models/paddleocr/ch_PP-OCRv4_det_infer.onnx" ]; then
  cp "$real_models/paddleocr/ch_PP-OCRv4_det_infer.onnx" "$work/paddleocr-det.onnx"
  models+=(paddleocr-det)
else
  echo "note: PaddleOCR det not in $real_models (run tools/fetch-real-models.sh); left out" >&2
fi

# merge ORIGINAL OPTIMIZED OUT: one model computing both, names behind the prefixes ref/ and cand/, reading the
# original's graph inputs; the outputs are the original's, then the optimized model's.
merge() {
  /usr/bin/python3 - "$@" <<'PY'
import sys
import onnx
from onnx import helper
original, optimized = onnx.load(sys.argv[1]), onnx.load(sys.argv[2])
shared = {v.name for v in original.graph.input} - {t.name for t in original.graph.initializer}
def prefix(graph, p):
    rename = lambda name: name if name in shared or name == "" else p + name
    for node in graph.node:
        node.input[:] = [rename(n) for n in node.input]
        node.output[:] = [rename(n) for n in node.output]
        node.name = p + node.name
    for tensor in graph.initializer:
        tensor.name = p + tensor.name
    for value in list(graph.output) + list(graph.value_info):
        value.name = p + value.name
prefix(original.graph, "ref/")
prefix(optimized.graph, "cand/")
graph = helper.make_graph(list(original.graph.node) + list(optimized.graph.node), "verification",
    [v for v in original.graph.input if v.name in shared], list(original.graph.output) + list(optimized.graph.output),
    list(original.graph.initializer) + list(optimized.graph.initializer))
opsets = {o.domain: o.version for o in original.opset_import}
for o in optimized.opset_import:
    opsets[o.domain] = max(opsets.get(o.domain, 0), o.version)
merged = helper.make_model(graph, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets.items()])
merged.ir_version = max(original.ir_version, optimized.ir_version)
onnx.save(merged, sys.argv[3])
PY
}

echo "one session over the merged model / two sessions (original, then optimized), median of $runs fresh-process pairs"
printf '%-16s %10s %10s %10s %10s %12s %12s\n' model "two ms" "two CPU" "one ms" "one CPU" "wall ratio" "CPU ratio"
for model in "${models[@]}"; do
  "${onnxkit[@]}" optimize "$work/$model.onnx" -o "$work/$model.opt.onnx" --verify 0 >/dev/null
  merge "$work/$model.onnx" "$work/$model.opt.onnx" "$work/$model.merged.onnx"
  for _ in $(seq "$runs"); do
    two=$("${bench[@]}" "$work/$model.onnx" "$work/$model.opt.onnx" | awk '/^total/ { print $2, $3 }')
    one=$("${bench[@]}" "$work/$model.merged.onnx" | awk '/^total/ { print $2, $3 }')
    echo "$two $one"
  done | awk -v model="$model" '
    { tw[NR] = $1; tc[NR] = $2; ow[NR] = $3; oc[NR] = $4; rw[NR] = $3 / $1; rc[NR] = $4 / $2 }
    function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[int((n + 1) / 2)] }
    END { printf "%-16s %10.1f %10.1f %10.1f %10.1f %11.2fx %11.2fx\n", model, median(tw, NR), median(tc, NR), median(ow, NR), median(oc, NR), median(rw, NR), median(rc, NR) }'
done
