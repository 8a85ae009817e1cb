#!/usr/bin/env bash
# Benchmark (not a test): the distillation results on Fashion-MNIST (Debian's
# dataset-fashion-mnist), all trained in .NET on ONNX Runtime.
#   1. `onnxkit train distillation-teacher` on the 60,000 training images;
#   2. for each seed, `onnxkit distill --baseline` into distillation-student: the student on
#      the teacher's soft targets and the same student on the labels alone, both scored on
#      the 10,000 test images next to the teacher.
# Prints one JSON report per run and a summary (means over the seeds).
#   bash benchmarks/fashion-mnist-distillation.sh [OUT_DIR]
# Settings through the environment: TEACHER_EPOCHS (8), STUDENT_EPOCHS (5), SEEDS ("1 2 3"),
# TEMPERATURE (4), ALPHA (0.9), THREADS (2). About an hour on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
teacher_epochs=${TEACHER_EPOCHS:-8}
student_epochs=${STUDENT_EPOCHS:-5}
seeds=${SEEDS:-"1 2 3"}
temperature=${TEMPERATURE:-4}
alpha=${ALPHA:-0.9}
threads=${THREADS:-2}
# The tool runs from a copy, so rebuilding the checkout during the hour does not touch it.
dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
rm -rf "$out/cli" && cp -r src/Cli/bin/Release/net10.0 "$out/cli"
onnxkit() { dotnet "$out/cli/onnxkit.dll" "$@"; }

if [[ ! -f "$out/teacher.onnx" ]]; then
  onnxkit train distillation-teacher --data fashion-mnist:train --validation fashion-mnist:test \
    --epochs "$teacher_epochs" --batch 128 --optimizer adam --lr 0.002 --schedule cosine --seed 1 \
    --threads "$threads" --csv-log "$out/teacher.csv" -o "$out/teacher.onnx" --json > "$out/teacher.json"
fi
for seed in $seeds; do
  onnxkit distill --teacher "$out/teacher.onnx" --student distillation-student --data fashion-mnist:train \
    --test fashion-mnist:test --temperature "$temperature" --alpha "$alpha" --epochs "$student_epochs" \
    --batch 128 --optimizer adam --lr 0.002 --seed "$seed" --threads "$threads" --baseline \
    -o "$out/student-$seed.onnx" --json > "$out/distill-$seed.json"
done
/usr/bin/python3 - "$out" $seeds <<'PY'
import json, sys
out, seeds = sys.argv[1], sys.argv[2:]
teacher = json.load(open(f"{out}/teacher.json"))
runs = [json.load(open(f"{out}/distill-{s}.json")) for s in seeds]
def mean(key): return sum(r[key] for r in runs) / len(runs)
first = runs[0]
print(json.dumps(teacher, indent=1)[:2000])
print(f"teacher: {first['teacherParameters']:,} parameters, test accuracy {first['teacherAccuracy']:.4f}")
print(f"student: {first['studentParameters']:,} parameters ({first['studentParameters'] / first['teacherParameters']:.4f} of the teacher)")
for s, r in zip(seeds, runs):
    print(f"  seed {s}: distilled {r['studentAccuracy']:.4f}, labels only {r['baselineAccuracy']:.4f}")
print(f"mean over {len(runs)} seeds: distilled {mean('studentAccuracy'):.4f}, labels only {mean('baselineAccuracy'):.4f}")
PY
