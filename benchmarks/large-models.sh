#!/usr/bin/env bash
# Large-model figures (a benchmark, not a test): memory and time of `inspect`, `check` and
# `optimize` on big models, against Python's onnx.load and ONNX Runtime's own optimizer measured
# in the same run, plus the tool's cold start. Every figure is a ratio to a same-run baseline.
#
#   bash benchmarks/large-models.sh            (about 10 minutes on two busy cores)
#   LARGE_MODELS_CLI=DIR bash benchmarks/large-models.sh   (a tool already published in DIR)
#   LARGE_MODELS_ONLY=optimize bash benchmarks/large-models.sh   (one section: vgg16, optimize or cold-start)
#   LARGE_MODELS_VERIFY0=1 ...   (optimize also with --verify 0 against the same baseline: what verification costs)
#
# Models: the zoo's VGG-16 (553 MB, weights inline), ResNet-50 v1 and MobileNet-V2, exported
# here with `onnxkit export`, and PaddleOCR v4 det from tools/fetch-real-models.sh's cache
# (skipped with a note when absent). Needs /usr/bin/python3 with onnx (the onnx.load baseline;
# skipped with a note when absent) and GNU time (/usr/bin/time).
#
# The tool is run as published for a platform (`dotnet publish -r linux-x64`, ReadyToRun code)
# through its native launcher, as the per-platform tool packages install it. Peak memory is the
# peak resident set size GNU time reports; it includes the model file's pages that a process
# touched through its memory mapping. CPU seconds (user + system) are shown beside wall time: on a
# shared, oversubscribed machine a process spends most of its wall time waiting for a core, and the
# CPU ratio is the steadier of the two.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "large-models.sh needs GNU time (/usr/bin/time)" >&2; exit 2; }
work=${LARGE_MODELS_WORK:-$(mktemp -d)}
[ -n "${LARGE_MODELS_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/models"
real_models="${ONNXKIT_REAL_MODELS:-$HOME/.cache/onnxkit/real-models}"
runs=${RUNS:-5}
# want SECTION: true when LARGE_MODELS_ONLY is unset or names SECTION.
want() { [ -z "${LARGE_MODELS_ONLY:-}" ] || [ "$LARGE_MODELS_ONLY" = "$1" ]; }

echo "building (tool published for linux-x64 with ReadyToRun code, ONNX Runtime baseline)..." >&2
# LARGE_MODELS_CLI=DIR measures a tool already published there (e.g. to compare two builds in one run).
if [ -z "${LARGE_MODELS_CLI:-}" ]; then
  dotnet publish src/Cli -c Release -r linux-x64 --self-contained false -o "$work/cli" -v quiet -nologo >/dev/null
fi
dotnet build benchmarks/OrtOptimizerBaseline -c Release -o "$work/ort" -v quiet -nologo >/dev/null
onnxkit="${LARGE_MODELS_CLI:-$work/cli}/onnxkit"

# measure OUT CMD...: runs CMD once, writes "wall-seconds peak-KiB cpu-seconds" to OUT; the command's own output is dropped.
measure() {
  local out=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$out" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; echo "nan nan nan nan" >"$out"; }
  awk '{ if ($3 == "nan") print $1, $2, "nan"; else printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$out" >"$out.tmp" && mv "$out.tmp" "$out"
}
# median CMD...: the median wall time and the median CPU time in seconds of $runs runs ("wall cpu").
median() {
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    measure "$work/t" "$@"
    walls+=("$(cut -d' ' -f1 "$work/t")")
    cpus+=("$(cut -d' ' -f3 "$work/t")")
  done
  local mid='{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  echo "$(printf '%s\n' "${walls[@]}" | sort -g | awk "$mid") $(printf '%s\n' "${cpus[@]}" | sort -g | awk "$mid")"
}
# paired A... -- B...: runs A then B, $runs times in turn (so both see the same load), and prints the median and the best
# (smallest) of the ratios A/B, of wall time and of CPU time: "wall-median wall-best cpu-median cpu-best". The last
# pair's figures stay in $work/a and $work/b.
paired() {
  local a=() b=() side=a walls=() cpus=()
  for arg; do
    if [ "$arg" = "--" ]; then side=b; elif [ $side = a ]; then a+=("$arg"); else b+=("$arg"); fi
  done
  for _ in $(seq "$runs"); do
    measure "$work/a" "${a[@]}"
    measure "$work/b" "${b[@]}"
    walls+=("$(ratio "$(cut -d' ' -f1 "$work/a")" "$(cut -d' ' -f1 "$work/b")")")
    cpus+=("$(ratio "$(cut -d' ' -f3 "$work/a")" "$(cut -d' ' -f3 "$work/b")")")
  done
  local mid='{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  echo "$(printf '%s\n' "${walls[@]}" | sort -g | awk "$mid") $(printf '%s\n' "${walls[@]}" | sort -g | head -1)" \
    "$(printf '%s\n' "${cpus[@]}" | sort -g | awk "$mid") $(printf '%s\n' "${cpus[@]}" | sort -g | head -1)"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0 || a == "nan" || b == "nan") print "n/a"; else printf "%.3f", a / b }'; }
have_onnx() { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import onnx" 2>/dev/null; }

for zoo in vgg16 resnet50-v1 mobilenet-v2; do
  [ -f "$work/models/$zoo.onnx" ] || "$onnxkit" export "$zoo" -o "$work/models/$zoo.onnx" >/dev/null
done
models=(vgg16 resnet50-v1 mobilenet-v2)
if [ -f "$real_models/paddleocr/ch_PP-OCRv4_det_infer.onnx" ]; then
  cp "$real_models/paddleocr/ch_PP-OCRv4_det_infer.onnx" "$work/models/paddleocr-det.onnx"
  models+=(paddleocr-det)
else
  echo "note: PaddleOCR det not in $real_models (run tools/fetch-real-models.sh); left out" >&2
fi

vgg="$work/models/vgg16.onnx"
size=$(stat -c %s "$vgg")
if want vgg16; then
echo
echo "VGG-16, $((size / 1000000)) MB, weights inline: peak RSS / file size, wall time"
printf '%-42s %9s %9s %10s %10s\n' command seconds "CPU s" "peak MB" "RSS/file"
row() { # row LABEL FILE: prints one measured command
  read -r s kb cpu <"$2"
  printf '%-42s %9s %9s %10s %10s\n' "$1" "$s" "$cpu" "$((kb / 1024))" "$(ratio $((kb * 1024)) "$size")"
}
measure "$work/inspect" "$onnxkit" inspect "$vgg"; row "onnxkit inspect" "$work/inspect"
measure "$work/check" "$onnxkit" check "$vgg"; row "onnxkit check" "$work/check"
measure "$work/optimize" "$onnxkit" optimize "$vgg" -o "$work/vgg16.opt.onnx"; row "onnxkit optimize (default verification)" "$work/optimize"
measure "$work/ort-vgg" dotnet "$work/ort/OrtOptimizerBaseline.dll" "$vgg" "$work/vgg16.ort.onnx"; row "ONNX Runtime optimizer (baseline)" "$work/ort-vgg"
if have_onnx; then
  measure "$work/onnx-load" /usr/bin/python3 -c "import onnx, sys; onnx.load(sys.argv[1])" "$vgg"; row "python onnx.load (baseline)" "$work/onnx-load"
  read -r wm wb cm cb <<<"$(paired "$onnxkit" inspect "$vgg" -- /usr/bin/python3 -c "import onnx, sys; onnx.load(sys.argv[1])" "$vgg")"
  echo "inspect / onnx.load over $runs pairs: wall median $wm (best $wb), CPU median $cm (best $cb)"
else
  echo "note: /usr/bin/python3 with onnx is missing; no onnx.load baseline" >&2
fi

fi

if want optimize; then
echo
echo "optimize with default verification / ONNX Runtime's optimizer (session with an optimized-model path)"
echo "(ratios: median and best of $runs pairs run in turn; seconds and RSS: the last pair)"
printf '%-16s %7s %7s %16s %16s %11s %10s\n' model "ours s" "ORT s" "time med (best)" "CPU med (best)" "ours RSS/f" "ORT RSS/f"
for model in "${models[@]}"; do
  file="$work/models/$model.onnx"
  bytes=$(stat -c %s "$file")
  read -r wm wb cm cb <<<"$(paired "$onnxkit" optimize "$file" -o "$work/$model.opt.onnx" -- \
    dotnet "$work/ort/OrtOptimizerBaseline.dll" "$file" "$work/$model.ort.onnx")"
  read -r os okb _ <"$work/a"; read -r ts tkb _ <"$work/b"
  printf '%-16s %7s %7s %16s %16s %11s %10s\n' "$model" "$os" "$ts" "$wm ($wb)" "$cm ($cb)" \
    "$(ratio $((okb * 1024)) "$bytes")" "$(ratio $((tkb * 1024)) "$bytes")"
  [ -n "${LARGE_MODELS_VERIFY0:-}" ] || continue
  read -r wm wb cm cb <<<"$(paired "$onnxkit" optimize "$file" -o "$work/$model.opt.onnx" --verify 0 -- \
    dotnet "$work/ort/OrtOptimizerBaseline.dll" "$file" "$work/$model.ort.onnx")"
  read -r os okb _ <"$work/a"; read -r ts tkb _ <"$work/b"
  printf '%-16s %7s %7s %16s %16s %11s %10s\n' "  --verify 0" "$os" "$ts" "$wm ($wb)" "$cm ($cb)" \
    "$(ratio $((okb * 1024)) "$bytes")" "$(ratio $((tkb * 1024)) "$bytes")"
done

fi

want cold-start || exit 0
echo
small="$work/models/lenet5.onnx"
"$onnxkit" export lenet5 -o "$small" >/dev/null
echo "cold start, median of $runs fresh processes (wall and CPU seconds), small model: LeNet-5"
version=$(median "$onnxkit" --version)
inspect=$(median "$onnxkit" inspect "$small")
check=$(median "$onnxkit" check "$small")
printf '%-34s %8s %8s\n' "" wall CPU "onnxkit --version" $version "onnxkit inspect" $inspect "onnxkit check" $check
if have_onnx; then
  load=$(median /usr/bin/python3 -c "import onnx, sys; onnx.load(sys.argv[1])" "$small")
  printf '%-34s %8s %8s\n' "python onnx.load (baseline)" $load
  echo "inspect / onnx.load: wall $(ratio "${inspect% *}" "${load% *}"), CPU $(ratio "${inspect#* }" "${load#* }")"
fi
