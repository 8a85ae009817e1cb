#!/usr/bin/env bash
# Quantization accuracy and size figures (a benchmark, not a test) on real labelled data: the zoo's
# Fashion-MNIST models with the weights PyTorch trained (models/weights/fashion-mnist), exported at
# opset 17 (21 for 4-bit), quantized in every mode, and measured by the quantizer on all 10,000 test
# images against the float model. Calibration: the first 1,000 training images.
#   bash benchmarks/quantization-accuracy.sh [MODEL ...]   (default: lenet5 mnist-mlp-128; a few minutes)
# Needs jq and Debian's dataset-fashion-mnist. Every figure comes from this run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "quantization-accuracy.sh needs jq" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
onnxkit() { dotnet src/Cli/bin/Release/net10.0/onnxkit.dll "$@"; }
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(lenet5 mnist-mlp-128)
data=(--eval-data fashion-mnist:test --scale 1/255)
calibration=(--calibration-data fashion-mnist:train --calibration-samples 1000)

printf '| %-14s | %-38s | %-10s | %-10s | %-8s | %-8s | %-8s |\n' model variant "float top-1" "quant. top-1" drop cosine weights
printf '|%s|\n' "---|---|---|---|---|---|---"
for model in "${models[@]}"; do
  onnxkit export "$model" --opset 17 --weights "models/weights/fashion-mnist/$model.npz" -o "$out/$model.onnx" >/dev/null
  onnxkit export "$model" --opset 21 --weights "models/weights/fashion-mnist/$model.npz" -o "$out/$model.21.onnx" >/dev/null
  run() {
    local label=$1 input=$2; shift 2
    onnxkit quantize "$input" -o "$out/q.onnx" "${data[@]}" --json "$@" > "$out/q.json"
    jq -r --arg m "$model" --arg l "$label" '.quantization | "| \($m) | \($l) | \(.verification.floatAccuracy * 100 | round / 100)% | \(.verification.quantizedAccuracy * 100 | round / 100)% | \((.verification.floatAccuracy - .verification.quantizedAccuracy) * 100 | round / 100) | \(.verification.outputs[0].cosine * 100000 | round / 100000) | \(.after.parameterBytes / .before.parameterBytes * 1000 | round / 1000)× |"' "$out/q.json"
  }
  run "static INT8 (QDQ, u8/s8 per channel)" "$out/$model.onnx" "${calibration[@]}"
  run "static INT8, entropy calibration" "$out/$model.onnx" "${calibration[@]}" --calibrate entropy
  run "static INT8, QOperator" "$out/$model.onnx" "${calibration[@]}" --format qoperator
  run "dynamic INT8" "$out/$model.onnx" --mode dynamic
  run "weight-only INT8" "$out/$model.onnx" --mode weight-only
  run "weight-only INT4 (blocks of 128)" "$out/$model.21.onnx" --mode weight-only --weight-type s4
  run "static, 4-bit per-tensor weights + budget 0.2" "$out/$model.21.onnx" "${calibration[@]}" --weight-type s4 --per-channel false --max-accuracy-drop 0.2
done
echo "drop: top-1 points lost against the float model on the same 10,000 images; weights: weight bytes quantized / float."
