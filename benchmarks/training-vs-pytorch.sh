#!/usr/bin/env bash
# Benchmark (not a test): OnnxKit's training step on ONNX Runtime against PyTorch 1.13 on CPU
# (Debian's python3-torch), same model (the zoo model's ONNX export, which PyTorch runs with
# tools/torch_reference.py's interpreter: one torch call per ONNX node), same batch, same
# thread count, same optimizer (Adam), in the same run. An epoch is steps × (examples / batch),
# so the ratio of step times is the ratio of epoch times without data loading.
#   bash benchmarks/training-vs-pytorch.sh [MODEL] [BATCH] [THREADS] [STEPS]
# Defaults: distillation-teacher 128 1 20 (a couple of minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-distillation-teacher}
batch=${2:-128}
threads=${3:-1}
steps=${4:-20}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build -c Release benchmarks/OnnxKit.Training.Benchmarks -v quiet -nologo >/dev/null
bench() { dotnet benchmarks/OnnxKit.Training.Benchmarks/bin/Release/net10.0/OnnxKit.Training.Benchmarks.dll "$@"; }
bench export "$model" "$out/$model.onnx"
onnxkit_line=$(bench epoch "$model" --batch "$batch" --threads "$threads" --steps "$steps")
torch_line=$(/usr/bin/python3 tools/torch_reference.py time "$out/$model.onnx" "$batch" "$threads" "$steps")
echo "$onnxkit_line"
echo "$torch_line"
/usr/bin/python3 - "$onnxkit_line" "$torch_line" <<'PY'
import re, sys
ours, theirs = (float(re.search(r"([0-9.]+) ms/step", line).group(1)) for line in sys.argv[1:3])
print(f"ratio onnxkit/pytorch: {ours / theirs:.2f}x per step (= per epoch, data loading aside)")
PY
