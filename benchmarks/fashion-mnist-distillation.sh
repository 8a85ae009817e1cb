#!/usr/bin/env bash
# Benchmark (not a test): the distillation results on Fashion-MNIST (Debian's
# dataset-fashion-mnist), all trained in .NET on ONNX Runtime.
#   1. `onnxkit train distillation-teacher` on the 60,000 training images;
#   2. `onnxkit soft-targets`: the teacher's logits over the training images, once;
#   3. for each seed, all at once: `onnxkit distill` into distillation-student on the first
#      55,000 training images (the last 5,000 are the validation split, --validation-split 5000),
#      and `onnxkit train distillation-student` on the labels alone with the same split and recipe
#      (the run `distill --baseline` makes, done as its own process so the seeds run side by side);
#   4. `onnxkit eval` scores each seed's two students on the 10,000 test images, side by side
#      (with McNemar's test); the teacher's test accuracy comes from distill's report.
# T and alpha are chosen on the validation split by benchmarks/fashion-mnist-distillation-sweep.sh;
# the test images are read only in step 4 and by distill's final scoring.
# Prints one JSON report per run and a summary (means over the seeds).
#   bash benchmarks/fashion-mnist-distillation.sh [OUT_DIR]
# Settings through the environment: TEACHER_EPOCHS (5), STUDENT_EPOCHS (20), SEEDS ("1 2 3"),
# STUDENT (distillation-student; distillation-student-wide is the 4× wider one, distillation-student-mlp
# the fully connected one), TEMPERATURE (2), ALPHA (0.9), VALIDATION (5000), THREADS (2, for the teacher; each student run
# takes 1). A finished stage (teacher.onnx, targets.npz, a seed's reports) is kept and skipped
# when the script runs again on the same folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
teacher_epochs=${TEACHER_EPOCHS:-5}
student_epochs=${STUDENT_EPOCHS:-20}
seeds=${SEEDS:-"1 2 3"}
student=${STUDENT:-distillation-student}
temperature=${TEMPERATURE:-2}
alpha=${ALPHA:-0.9}
validation=${VALIDATION:-5000}
threads=${THREADS:-2}
source benchmarks/onnxkit-cli.sh

# The teacher's recipe is fixed (5 epochs, cosine); its per-epoch test figures are logged, not used to choose anything.
if [[ ! -f "$out/teacher.onnx" ]]; then
  onnxkit train distillation-teacher --data fashion-mnist:train --validation fashion-mnist:test \
    --epochs "$teacher_epochs" --batch 128 --optimizer adam --lr 0.002 --schedule cosine --seed 1 \
    --threads "$threads" --csv-log "$out/teacher.csv" -o "$out/teacher.onnx" --json > "$out/teacher.json"
fi
if [[ ! -f "$out/targets.npz" ]]; then
  onnxkit soft-targets "$out/teacher.onnx" --data fashion-mnist:train --temperature "$temperature" -o "$out/targets.npz" --json > "$out/targets.json"
fi
# One recipe for both students: 20 epochs of Adam under a cosine schedule, validated on the split.
recipe=(--data fashion-mnist:train --validation-split "$validation" --epochs "$student_epochs" --batch 128 --optimizer adam --lr 0.002
  --schedule cosine --threads 1)
# Writes $2 from the command after it, atomically (a failed run leaves no report).
report() { local file=$1; shift; "$@" > "$file.tmp" && mv "$file.tmp" "$file"; }
for seed in $seeds; do
  [[ -f "$out/distilled-$seed.json" ]] || report "$out/distilled-$seed.json" onnxkit distill --teacher "$out/teacher.onnx" \
    --student "$student" --soft-targets "$out/targets.npz" --test fashion-mnist:test --temperature "$temperature" --alpha "$alpha" \
    "${recipe[@]}" --seed "$seed" --csv-log "$out/distilled-$seed.csv" -o "$out/distilled-$seed.onnx" --json &
  [[ -f "$out/labels-$seed.json" ]] || report "$out/labels-$seed.json" onnxkit train "$student" \
    "${recipe[@]}" --seed "$seed" --csv-log "$out/labels-$seed.csv" -o "$out/labels-$seed.onnx" --json &
done
wait
for seed in $seeds; do
  [[ -f "$out/eval-$seed.json" ]] || onnxkit eval "$out/distilled-$seed.onnx" "$out/labels-$seed.onnx" --data fashion-mnist:test \
    --scale 1/255 --threads 1 --json "$out/eval-$seed.json" > /dev/null
done
/usr/bin/python3 - "$out" $seeds <<'PY'
import json, sys
out, seeds = sys.argv[1], sys.argv[2:]
teacher = json.load(open(f"{out}/teacher.json"))
print(f"teacher: {teacher['parameters']:,} parameters, trained {len(teacher['epochs'])} epochs in {teacher['seconds']:.0f} s")
rows = []
for s in seeds:
    d = json.load(open(f"{out}/distilled-{s}.json"))
    labels = json.load(open(f"{out}/labels-{s}.json"))
    e = json.load(open(f"{out}/eval-{s}.json"))
    test = [m["accuracy"] for m in e["models"]]
    rows.append((s, d["teacherAccuracy"], test[0], test[1], d["studentEpochs"][-1]["val_accuracy"], labels["epochs"][-1]["val_accuracy"]))
    print(f"  seed {s}: teacher {d['teacherAccuracy']:.4f}; test: distilled {test[0]:.4f} (distill's own scoring {d['studentAccuracy']:.4f}), "
          f"labels only {test[1]:.4f} (McNemar exact p {e['comparisons'][0]['mcNemar']['exactPValue']:.3f}); validation: distilled {rows[-1][4]:.4f}, labels only {rows[-1][5]:.4f}")
n = len(rows)
mean = lambda i: sum(r[i] for r in rows) / n
print(f"student: {d['studentParameters']:,} parameters ({d['studentParameters'] / d['teacherParameters']:.4f} of the teacher), T = {d['temperature']}, alpha = {d['alpha']}")
print(f"mean over {n} seeds (test): teacher {mean(1):.4f}, distilled {mean(2):.4f}, labels only {mean(3):.4f}; "
      f"distilled - teacher {100 * (mean(2) - mean(1)):+.2f} points, distilled - labels only {100 * (mean(2) - mean(3)):+.2f} points")
print(f"mean over {n} seeds (validation): distilled {mean(4):.4f}, labels only {mean(5):.4f}")
PY
