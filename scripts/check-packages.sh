#!/usr/bin/env bash
# Packs OnnxKit's packages and uses them as a user would (about 10 minutes on 2 cores):
#   1. a clean HOME installs the onnxkit tool from the packed packages and runs `onnxkit demo`;
#   2. a consumer console app references OnnxKit.Runtime, then OnnxKit.Runtime.Gpu, and runs a
#      model on the CPU; with the GPU package it also asks for CUDA and TensorRT and checks the
#      error names the missing NVIDIA libraries, and that Auto falls back to the CPU saying why;
#   3. prints package and install sizes, and the consumer's output size with and without a RID; checks that the
#      GPU consumer built for a non-Windows RID holds no Windows ONNX Runtime library.
# Needs the .NET SDK and the package registry (for ONNX Runtime); prints "package checks passed" at the end.
#   bash scripts/check-packages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)
# A version no earlier run used, so NuGet's cache never serves a stale copy of these packages.
version="$(tr -d '[:space:]' < version.txt)-check.$(date +%s)"
feed="$work/feed"
size() { du -sh "$1" | cut -f1; }
fail() { echo "FAILED: $*" >&2; exit 1; }

echo "== packing $version into $feed"
for project in src/Core src/Runtime src/Runtime.Gpu; do
  dotnet pack "$project" -c Release -o "$feed" -p:VersionSuffix="${version#*-}" -v quiet -nologo >/dev/null
done
dotnet pack src/Cli -c Release -o "$feed" -p:VersionSuffix="${version#*-}" -p:ToolPackageRuntimeIdentifiers="$rid" -v quiet -nologo >/dev/null
ls "$feed"
for package in "$feed"/*.nupkg; do echo "  $(basename "$package"): $(size "$package")"; done

echo "== 1. clean HOME: dotnet tool install OnnxKit.Cli, onnxkit demo"
home="$work/home"
mkdir -p "$home"
cat > "$work/tool.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="onnxkit" value="$feed" /></packageSources></configuration>
XML
HOME="$home" DOTNET_CLI_HOME="$home" NUGET_PACKAGES="$home/.nuget/packages" DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
  dotnet tool install OnnxKit.Cli --version "$version" --tool-path "$home/tools" --configfile "$work/tool.config"
echo "  installed: $(size "$home/tools") (tool folder)"
(cd "$work" && HOME="$home" DOTNET_CLI_HOME="$home" DOTNET_NOLOGO=1 "$home/tools/onnxkit" demo -o "$work/demo" --iterations 20) > "$work/demo.log" 2>&1 \
  || { cat "$work/demo.log"; fail "onnxkit demo"; }
tail -n 15 "$work/demo.log"
ls "$work/demo"/*.onnx "$work/demo"/*.html >/dev/null || fail "demo wrote no model or page"

echo "== 2. consumer app"
app="$work/consumer"
mkdir -p "$app"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="onnxkit" value="$feed" /></packageSources></configuration>
XML
cat > "$app/Program.cs" <<'CS'
using OnnxKit.Ir;
using OnnxKit.Runtime;

// y = x + 1 for x: float[1,4], built with OnnxKit's IR.
var graph = new Graph("add_one");
var x = new Value("x", new TensorType(DataType.Float, Shape.Of(1, 4)));
graph.Inputs.Add(x);
var one = graph.AddInitializer("one", DenseTensor.FromFloats([1f], [], "one"));
var add = new Node("", "Add", [x, one], ["y"]);
add.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(1, 4));
graph.Nodes.Add(add);
graph.Outputs.Add(add.Outputs[0]);
var model = new Model(graph, 8, [new OpsetImport("", 13)]);

var provider = Enum.Parse<ExecutionProviderKind>(args.FirstOrDefault() ?? "Cpu", ignoreCase: true);
Console.WriteLine($"providers in this build: {string.Join(", ", ExecutionProviders.Available())}");
try
{
    using var session = OnnxSession.FromModel(model, new SessionSettings { Provider = provider });
    foreach (string note in session.ProviderNotes) Console.WriteLine($"note: {note}");
    var y = session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats([1f, 2f, 3f, 4f], [1, 4]) })["y"];
    Console.WriteLine($"ran on {session.Provider}: y = [{string.Join(", ", y.ToArray<float>())}]");
}
catch (ProviderUnavailableException e)
{
    Console.WriteLine($"error: {e.Message}");
    return 1;
}
return 0;
CS
consumer() { # package, extra build args...
  local package=$1; shift
  cat > "$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="$package" Version="$version" /></ItemGroup>
</Project>
XML
  rm -rf "$app/bin" "$app/obj"
  dotnet build "$app" -c Release -v quiet -nologo "$@" >/dev/null || fail "building the consumer with $package"
}
run() { dotnet "$(find "$app/bin" -name Consumer.dll | head -1)" "$@"; }
expect() { # output, text
  grep -qF -- "$2" <<< "$1" || { echo "$1"; fail "expected '$2'"; }
}

consumer OnnxKit.Runtime
echo "  OnnxKit.Runtime, no RID: output $(size "$app/bin")"
out=$(run cpu); echo "$out"
expect "$out" "ran on Cpu: y = [2, 3, 4, 5]"
out=$(run cuda || true); echo "$out"
expect "$out" "Reference the OnnxKit.Runtime.Gpu package"
consumer OnnxKit.Runtime -r "$rid" --no-self-contained
echo "  OnnxKit.Runtime, -r $rid: output $(size "$app/bin")"
out=$(run cpu); expect "$out" "ran on Cpu: y = [2, 3, 4, 5]"

consumer OnnxKit.Runtime.Gpu -r "$rid" --no-self-contained
echo "  OnnxKit.Runtime.Gpu, -r $rid: output $(size "$app/bin")"
# OnnxKit.Runtime.Gpu's buildTransitive targets keep ONNX Runtime's Windows GPU libraries out of a non-Windows build.
if [[ $rid != win* ]] && find "$app/bin" -name 'onnxruntime*.dll' | grep -q .; then
  fail "the $rid build copied Windows ONNX Runtime libraries: $(find "$app/bin" -name 'onnxruntime*.dll' | xargs -n1 basename | tr '\n' ' ')"
fi
out=$(run cpu); echo "$out"
expect "$out" "TensorrtExecutionProvider, CUDAExecutionProvider, CPUExecutionProvider"
expect "$out" "ran on Cpu: y = [2, 3, 4, 5]"
if out=$(run cuda); then
  echo "$out"; echo "  (this machine runs CUDA: the missing-library checks below are skipped)"
else
  echo "$out"
  expect "$out" "the NVIDIA driver (libcuda.so.1)"
  expect "$out" "cuDNN (libcudnn.so."
  out=$(run tensorrt || true); echo "$out"
  expect "$out" "TensorRT (libnvinfer.so."
  out=$(run auto); echo "$out"
  expect "$out" "note: TensorrtExecutionProvider:"
  expect "$out" "note: CUDAExecutionProvider:"
  expect "$out" "ran on Cpu: y = [2, 3, 4, 5]"
fi
echo "package checks passed"
