#!/usr/bin/env bash
# Same-run comparison of several published tools' `onnxkit optimize` with ONNX Runtime's own optimizer (a benchmark,
# not a test): each round runs the baseline (benchmarks/OrtOptimizerBaseline) and then every tool once on the model, so
# all see the same load; it prints each tool's median wall and CPU seconds and the median over the rounds of each
# round's ratio to the baseline. Use it to compare two builds (say main's and a branch's) on a shared machine, where
# separate runs of benchmarks/large-models.sh see different loads.
#
#   bash benchmarks/optimize-vs-ort.sh MODEL TOOL_DIR... [-- OPTIMIZE_ARGS...]
#   ROUNDS=9 bash benchmarks/optimize-vs-ort.sh model.onnx /tmp/main-tool /tmp/branch-tool -- --verify 0
#
# A TOOL_DIR holds a published tool (`dotnet publish src/Cli -c Release -r linux-x64 --self-contained false -o DIR`).
# Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "optimize-vs-ort.sh needs GNU time (/usr/bin/time)" >&2; exit 2; }
[ $# -ge 2 ] || { echo "usage: optimize-vs-ort.sh MODEL TOOL_DIR... [-- OPTIMIZE_ARGS...]" >&2; exit 2; }
model=$1; shift
tools=(); extra=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do tools+=("$1"); shift; done
[ $# -gt 0 ] && { shift; extra=("$@"); }
rounds=${ROUNDS:-9}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
dotnet build benchmarks/OrtOptimizerBaseline -c Release -o "$work/ort" -v quiet -nologo >/dev/null

# timed OUT CMD...: runs CMD, its output dropped, and writes "wall-seconds cpu-seconds" to OUT.
timed() {
  local out=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$out" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$out" >"$out.tmp" && mv "$out.tmp" "$out"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for _ in $(seq "$rounds"); do
  timed "$work/t" dotnet "$work/ort/OrtOptimizerBaseline.dll" "$model" "$work/ort.onnx"
  read -r bw bc <"$work/t"; echo "$bw" >>"$work/ort.wall"; echo "$bc" >>"$work/ort.cpu"
  for i in "${!tools[@]}"; do
    timed "$work/t" "${tools[$i]}/onnxkit" optimize "$model" -o "$work/opt.onnx" "${extra[@]}"
    read -r w c <"$work/t"; echo "$w" >>"$work/$i.wall"; echo "$c" >>"$work/$i.cpu"
    awk -v a="$w" -v b="$bw" 'BEGIN { printf "%.3f\n", a / b }' >>"$work/$i.rwall"
    awk -v a="$c" -v b="$bc" 'BEGIN { if (b == 0) print "nan"; else printf "%.3f\n", a / b }' >>"$work/$i.rcpu"
  done
done
echo "$(basename "$model"), optimize ${extra[*]:-(default verification)}, $rounds rounds (medians):"
printf '  %-40s wall %6s s  CPU %6s s\n' "ONNX Runtime's optimizer" "$(median <"$work/ort.wall")" "$(median <"$work/ort.cpu")"
for i in "${!tools[@]}"; do
  printf '  %-40s wall %6s s  CPU %6s s  ÷ ONNX Runtime: wall %s, CPU %s\n' "${tools[$i]}" "$(median <"$work/$i.wall")" \
    "$(median <"$work/$i.cpu")" "$(median <"$work/$i.rwall")" "$(median <"$work/$i.rcpu")"
done
