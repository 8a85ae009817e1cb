#!/usr/bin/env bash
# Optimizer figures (a benchmark, not a test): exports zoo models at full size, optimizes
# each with every pass (verified), and also with --fp16 (verified on the reference evaluator), and benches
# exported against optimized with ONNX Runtime's own graph optimizations off and on.
#   bash benchmarks/optimizer-figures.sh [MODEL ...]   (default: five zoo CNNs, about 5 minutes)
# Needs jq. Prints one table; every ratio is optimized / exported from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "optimizer-figures.sh needs jq" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
onnxkit() { dotnet src/Cli/bin/Release/net10.0/onnxkit.dll "$@"; }
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(resnet50-v1 mobilenet-v2 googlenet densenet-small composable-featurepool-learner)
iterations=${ITERATIONS:-40}

printf '%-31s %-12s %-9s %-11s %-12s %-15s %-15s\n' model nodes BN "file size" "fp16 weights" "p50, ORT off" "p50, ORT all"
for model in "${models[@]}"; do
  onnxkit export "$model" --opset 17 -o "$out/$model.onnx" >/dev/null
  onnxkit optimize "$out/$model.onnx" -o "$out/$model.opt.onnx" --report "$out/$model.opt.json" >/dev/null 2>&1
  onnxkit optimize "$out/$model.onnx" -o "$out/$model.fp16.onnx" --fp16 --report "$out/$model.fp16.json" >/dev/null 2>&1
  report="$out/$model.opt.json"
  nodes=$(jq -r '.optimization | "\(.before.nodes)→\(.after.nodes)"' "$report")
  bn=$(jq -r '.optimization | "\(.before.ops.BatchNormalization // 0)→\(.after.ops.BatchNormalization // 0)"' "$report")
  size=$(jq -r '"\(.outputFileBytes / .inputFileBytes * 1000 | round / 1000)×"' "$report")
  half=$(jq -r '.optimization | "\(.after.parameterBytes / .before.parameterBytes * 1000 | round / 1000)×"' "$out/$model.fp16.json")
  ratios=()
  for level in none all; do
    onnxkit bench "$out/$model.onnx" "$out/$model.opt.onnx" --opt-level "$level" --iterations "$iterations" --warmup 5 \
      --json "$out/$model.$level.json" >/dev/null 2>&1
    ratios+=("$(jq -r '.comparisons[0] | "\(.latencyRatio * 100 | round / 100)× (\(.baselineP50 * 10 | round / 10) ms)"' "$out/$model.$level.json")")
  done
  printf '%-31s %-12s %-9s %-11s %-12s %-15s %-15s\n' "$model" "$nodes" "$bn" "$size" "$half" "${ratios[0]}" "${ratios[1]}"
done
echo "nodes, BatchNormalization nodes and file size: exported → optimized; fp16 weights: weight bytes after optimize --fp16 / exported;"
echo "p50: latency of optimized / exported at batch 1 (exported's p50 in brackets), ONNX Runtime optimizations off and all."
