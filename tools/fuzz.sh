#!/usr/bin/env bash
# Fuzzes OnnxKit for N minutes (default 30): mutants of ONNX's conformance models (../shared/onnx-backend-tests)
# and of the hostile models of issue 19 go through the in-process pipeline under SharpFuzz coverage and
# through the onnxkit commands (inspect, check, summary, optimize, run on both backends, bench, view), each
# under a 6 GB address-space limit and 30 s. Every crashing, hanging or internal-error input is copied to
# fuzz/regressions/ (the model and a JSON record), which the regression test replays; commit them with the fix.
#
#   tools/fuzz.sh [MINUTES] [SEED]
#
# Runs at low priority (nice); prints the figures at the end and writes them to $WORK/stats.json.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
seed=${2:-$RANDOM}
work=${WORK:-$(mktemp -d -t onnxkit-fuzz-XXXXXX)}
dotnet build src/Cli -c Release -v quiet -nologo >/dev/null
dotnet build fuzz/OnnxKit.Fuzzing -c Release -v quiet -nologo >/dev/null
status=0
nice -n 10 dotnet fuzz/OnnxKit.Fuzzing/bin/Release/net10.0/onnxkit-fuzz.dll --minutes "$minutes" --seed "$seed" \
  --onnxkit src/Cli/bin/Release/net10.0/onnxkit.dll --findings fuzz/regressions --work "$work" || status=$?
echo "seed $seed; figures in $work/stats.json"
exit $status
