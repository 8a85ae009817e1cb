#!/usr/bin/env bash
# Runtime benchmarks (not tests): per-call overhead of OnnxKit against ONNX Runtime's C API
# from a C++ program built here, and dynamic batching at 32 concurrent callers.
#   bash benchmarks/run-runtime-benchmarks.sh          per-call, and batching on four CNNs (about 4 minutes)
#   bash benchmarks/run-runtime-benchmarks.sh --bdn    also BenchmarkDotNet with MemoryDiagnoser (several minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

project=benchmarks/OnnxKit.Runtime.Benchmarks
dotnet build -c Release "$project" -v quiet -nologo >/dev/null
dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
bench() { dotnet "$project/bin/Release/net10.0/OnnxKit.Runtime.Benchmarks.dll" "$@"; }
bench write-models "$out"
# Zoo CNNs for batching, exported as a user would (symbolic batch dimension).
for zoo in small-cnn lenet5 sign-cnn; do
  dotnet src/Cli/bin/Release/net10.0/onnxkit.dll export "$zoo" --opset 17 -o "$out/$zoo.onnx" >/dev/null
done

# The ORT package in the NuGet cache ships the C headers and the same libonnxruntime.so the managed code loads.
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
ort_version=$(sed -n 's/.*"Microsoft.ML.OnnxRuntime" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
ort="$packages/microsoft.ml.onnxruntime/$ort_version"
native_lib="$ort/runtimes/linux-x64/native"
# The library's soname is libonnxruntime.so.1 but the package names the file libonnxruntime.so: link it under both names.
ln -s "$native_lib/libonnxruntime.so" "$out/libonnxruntime.so.1"
g++ -O2 -std=c++17 -I"$ort/build/native/include" benchmarks/native/ort_per_call.cpp -L"$native_lib" -lonnxruntime \
  -Wl,-rpath,"$out" -o "$out/ort_per_call"

calls=200000 rounds=7
echo "== per-call overhead on add_one.onnx ($calls calls x $rounds rounds, best and median round)"
native=$("$out/ort_per_call" "$out/add_one.onnx" $calls $rounds)
managed=$(bench per-call "$out/add_one.onnx" $calls $rounds)
echo "$native"
echo "$managed"
value() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
awk -v m="$(value best_ns_per_call "$managed")" -v n="$(value best_ns_per_call "$native")" \
    -v mm="$(value median_ns_per_call "$managed")" -v nm="$(value median_ns_per_call "$native")" \
    'BEGIN { printf "managed/native per call: best %.2fx, median %.2fx (goal: at most 1.20x)\n", m / n, mm / nm }'

for model in small_cnn small-cnn lenet5 sign-cnn; do
  echo "== dynamic batching on $model.onnx, 32 concurrent callers"
  bench batching "$out/$model.onnx" 4
done

if [[ "${1:-}" == "--bdn" ]]; then
  echo "== BenchmarkDotNet"
  bench --filter '*PerRunOverhead*' --job short --inProcess --memory --artifacts "$out/bdn"
fi
