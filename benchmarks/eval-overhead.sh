#!/usr/bin/env bash
# Benchmark (not a test): `onnxkit eval` end to end against ONNX Runtime alone on the same
# batches, both from the data decoded into memory once (timed on its own), same session options,
# in one process (see EvalOverhead/Program.cs), on the trained zoo models and the Fashion-MNIST
# test set (Debian's dataset-fashion-mnist).
#   bash benchmarks/eval-overhead.sh [ROUNDS] [MODEL ...]   about a minute per model on two cores (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
models=(lenet5 mnist-mlp-128 distillation-teacher)
if [ $# -gt 1 ]; then shift; models=("$@"); fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build -c Release benchmarks/EvalOverhead -v quiet -nologo >/dev/null
dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
for model in "${models[@]}"; do
  dotnet src/Cli/bin/Release/net10.0/onnxkit.dll export "$model" --opset 17 -o "$out/$model.onnx" \
    --weights "models/weights/fashion-mnist/$model.npz" >/dev/null
  dotnet benchmarks/EvalOverhead/bin/Release/net10.0/EvalOverhead.dll "$out/$model.onnx" --rounds "$rounds"
done
