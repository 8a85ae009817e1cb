#!/usr/bin/env bash
# Benchmark (not a test): choose the distillation temperature T and weight alpha for a student
# (distillation-student unless STUDENT names another) on a validation split, never on the test split.
# The 60,000 Fashion-MNIST training images are split as `--validation-split 5000` does: the first
# 55,000 train, the last 5,000 validate. For each (T, alpha) of the grid, and for alpha = 0 (the
# labels alone through the same loss), `onnxkit distill` trains the student with each seed of SEEDS
# on the 55,000 and scores it on the 5,000 (--test points at the validation split); the test images
# are not read. The summary gives each pair's validation accuracy per seed and their mean.
#   bash benchmarks/fashion-mnist-distillation-sweep.sh OUT_DIR
# OUT_DIR must hold teacher.onnx and targets.npz (the soft-targets archive over all 60,000
# training images) from benchmarks/fashion-mnist-distillation.sh.
# Settings through the environment: EPOCHS (20), GRID ("1:0 2:0.5 2:0.9 4:0.5 4:0.9",
# T:alpha pairs), LANES (3 runs at once, 1 thread each), SEEDS ("1"), STUDENT (distillation-student),
# ONNXKIT_CLI (a built copy of the tool). Runs already in OUT_DIR (same student, epochs, T, alpha
# and seed) are kept, so a grid can be widened by running again.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?give the folder holding teacher.onnx and targets.npz}
epochs=${EPOCHS:-20}
grid=${GRID:-"1:0 2:0.5 2:0.9 4:0.5 4:0.9"}
lanes=${LANES:-3}
seeds=${SEEDS:-1}
student=${STUDENT:-distillation-student}
source benchmarks/onnxkit-cli.sh
# The split as .npz archives: images and labels of the first 55,000 and the last 5,000 training
# images, and the teacher's logits over the first 55,000.
if [[ ! -f "$out/split-train.npz" ]]; then
  /usr/bin/python3 - "$out" <<'PY'
import gzip, sys
import numpy as np
out, d, n = sys.argv[1], "/usr/share/datasets/fashion-mnist/", 55000
x = np.frombuffer(gzip.open(d + "train-images-idx3-ubyte.gz").read(), np.uint8, offset=16).reshape(-1, 28, 28)
y = np.frombuffer(gzip.open(d + "train-labels-idx1-ubyte.gz").read(), np.uint8, offset=8).astype(np.int64)
t = np.load(f"{out}/targets.npz")
np.savez(f"{out}/split-validation.npz", x=x[n:], y=y[n:])
np.savez(f"{out}/split-targets.npz", logits=t["logits"][:n], soft_targets=t["soft_targets"][:n])
np.savez(f"{out}/split-train.npz", x=x[:n], y=y[:n])
PY
fi
# The report of one run: student, epochs, T, alpha and seed.
name() { local t=${1%%:*} a=${1##*:}; echo "sweep-$student-e$epochs-T$t-a$a-s$2"; }
run() {
  local t=${1%%:*} a=${1##*:} name
  name=$(name "$1" "$2")
  [[ -f "$out/$name.json" ]] && return
  onnxkit distill --teacher "$out/teacher.onnx" --student "$student" \
    --data "$out/split-train.npz" --soft-targets "$out/split-targets.npz" --test "$out/split-validation.npz" \
    --temperature "$t" --alpha "$a" --epochs "$epochs" --batch 128 --optimizer adam --lr 0.002 --schedule cosine \
    --seed "$2" --threads 1 -o "$out/$name.onnx" --json > "$out/$name.tmp" && mv "$out/$name.tmp" "$out/$name.json"
}
running=0
for pair in $grid; do
  for seed in $seeds; do
    run "$pair" "$seed" &
    if (( ++running >= lanes )); then wait -n || true; running=$((running - 1)); fi
  done
done
wait
/usr/bin/python3 - "$out" "$student" "$epochs" "$seeds" $grid <<'PY'
import json, sys
out, student, epochs, seeds, grid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5:]
print(f"{student}, {epochs} epochs: validation accuracy (5,000 held-out training images)")
print("T      alpha  " + "  ".join(f"seed {s:<3}" for s in seeds) + "  mean")
for pair in grid:
    t, a = pair.split(":")
    acc = [json.load(open(f"{out}/sweep-{student}-e{epochs}-T{t}-a{a}-s{s}.json"))["studentAccuracy"] for s in seeds]
    label = "  labels only" if float(a) == 0 else ""
    print(f"{t:<6} {a:<6} " + "  ".join(f"{x:.4f}  " for x in acc) + f"  {sum(acc) / len(acc):.4f}{label}")
PY
