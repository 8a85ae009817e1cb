# Sourced by the Fashion-MNIST distillation benchmarks, from the repository root with $out set to
# the output folder: defines `onnxkit`, which runs the tool from a copy of a fresh Release build
# (so rebuilding the checkout meanwhile does not touch it), or with ONNXKIT_CLI=FOLDER from that
# already built copy.
cli=${ONNXKIT_CLI:-}
if [[ -z "$cli" ]]; then
  dotnet build -c Release src/Cli -v quiet -nologo >/dev/null
  cli="$out/cli-$$"
  cp -r src/Cli/bin/Release/net10.0 "$cli"
fi
onnxkit() { dotnet "$cli/onnxkit.dll" "$@"; }
