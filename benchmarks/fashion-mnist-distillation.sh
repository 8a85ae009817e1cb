#!/usr/bin/env bash
# Benchmark (not a test): the distillation results on Fashion-MNIST (Debian's
# dataset-fashion-mnist), all trained in .NET on ONNX Runtime.
#   1. `onnxkit train distillation-teacher` on the 60,000 training images;
#   2. `onnxkit soft-targets`: the teacher's logits over the training images, once;
#   3. for each seed (in parallel), `onnxkit distill --baseline --soft-targets` into
#      distillation-student: the student on the teacher's soft targets and the same student on
#      the labels alone, both scored on the 10,000 test images next to the teacher.
# Prints one JSON report per run and a summary (means over the seeds).
#   bash benchmarks/fashion-mnist-distillation.sh [OUT_DIR]
# Settings through the environment: TEACHER_EPOCHS (5), STUDENT_EPOCHS (5), SEEDS ("1 2 3"),
# TEMPERATURE (2), ALPHA (0.5), THREADS (2, for the teacher; each seed runs on 1). A finished
# stage (teacher.onnx, targets.npz) is kept and skipped when the script runs again on the same folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
teacher_epochs=${TEACHER_EPOCHS:-5}
student_epochs=${STUDENT_EPOCHS:-5}
seeds=${SEEDS:-"1 2 3"}
temperature=${TEMPERATURE:-2}
alpha=${ALPHA:-0.5}
threads=${THREADS:-2}
# The tool runs from a copy, so rebuilding the checkout meanwhile does not touch it; with
# ONNXKIT_CLI=FOLDER, from that already built copy.
cli=${ONNXKIT_CLI:-}
if [[ -z "$cli" ]]; then
  dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
  cli="$out/cli-$$"
  cp -r src/Cli/bin/Release/net10.0 "$cli"
fi
onnxkit() { dotnet "$cli/onnxkit.dll" "$@"; }

if [[ ! -f "$out/teacher.onnx" ]]; then
  onnxkit train distillation-teacher --data fashion-mnist:train --validation fashion-mnist:test \
    --epochs "$teacher_epochs" --batch 128 --optimizer adam --lr 0.002 --schedule cosine --seed 1 \
    --threads "$threads" --csv-log "$out/teacher.csv" -o "$out/teacher.onnx" --json > "$out/teacher.json"
fi
if [[ ! -f "$out/targets.npz" ]]; then
  onnxkit soft-targets "$out/teacher.onnx" --data fashion-mnist:train --temperature "$temperature" -o "$out/targets.npz" --json > "$out/targets.json"
fi
for seed in $seeds; do
  onnxkit distill --teacher "$out/teacher.onnx" --student distillation-student --data fashion-mnist:train \
    --soft-targets "$out/targets.npz" --test fashion-mnist:test --temperature "$temperature" --alpha "$alpha" \
    --epochs "$student_epochs" --batch 128 --optimizer adam --lr 0.002 --seed "$seed" --threads 1 --baseline \
    -o "$out/student-$seed.onnx" --json > "$out/distill-$seed.json" &
done
wait
/usr/bin/python3 - "$out" $seeds <<'PY'
import json, sys
out, seeds = sys.argv[1], sys.argv[2:]
teacher = json.load(open(f"{out}/teacher.json"))
runs = [json.load(open(f"{out}/distill-{s}.json")) for s in seeds]
def mean(key): return sum(r[key] for r in runs) / len(runs)
first = runs[0]
print(f"teacher trained {len(teacher['epochs'])} epochs in {teacher['seconds']:.0f} s; last epoch: " +
      ", ".join(f"{k} {v:.4f}" for k, v in teacher["epochs"][-1].items()))
print(f"teacher: {first['teacherParameters']:,} parameters, test accuracy {first['teacherAccuracy']:.4f}")
print(f"student: {first['studentParameters']:,} parameters ({first['studentParameters'] / first['teacherParameters']:.4f} of the teacher)")
for s, r in zip(seeds, runs):
    print(f"  seed {s}: distilled {r['studentAccuracy']:.4f}, labels only {r['baselineAccuracy']:.4f}")
print(f"mean over {len(runs)} seeds: distilled {mean('studentAccuracy'):.4f}, labels only {mean('baselineAccuracy'):.4f}")
PY
