"""Converts ONNX conformance cases with onnx's version_converter to each opset 7-17, for OnnxKit's sweep to judge.

Usage: /usr/bin/python3 benchmarks/convert-version-converter.py NODE_DIR OUT_DIR [EVERY]
For each case (every EVERY-th one, sorted by name, as the sweep takes them) and each target opset other than
the case's own, writes OUT_DIR/CASE/OPSET.onnx when convert_version returns and onnx.checker accepts the
result, and OUT_DIR/CASE/OPSET.refused (the error) otherwise. onnx 1.12 has no reference evaluator, so the
outputs are checked by OnnxKit's sweep (ConversionSweep.cs) on the same backends as OnnxKit's own conversions.
A case already done (OUT_DIR/CASE/done) is skipped, so a run that a native crash of the converter stopped
can be started again: the case it was converting is then recorded as refused with the crash as its reason.
Prints the converted share per target opset.
"""
import os
import sys

try:
    import onnx
    from onnx import version_converter
except ImportError:
    print("skipped: onnx is not installed for this python (Debian's python3-onnx)")
    sys.exit(0)

node_dir, out_dir = sys.argv[1], sys.argv[2]
every = int(sys.argv[3]) if len(sys.argv) > 3 else 1
names = sorted(n for n in os.listdir(node_dir) if os.path.isfile(os.path.join(node_dir, n, "model.onnx")))[::every]
os.makedirs(out_dir, exist_ok=True)
attempt_file = os.path.join(out_dir, "attempting")


def write(path, data):
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


# A previous run that died inside the converter left the case and opset it was converting.
if os.path.exists(attempt_file):
    name, target = open(attempt_file).read().split()
    os.makedirs(os.path.join(out_dir, name), exist_ok=True)
    write(os.path.join(out_dir, name, target + ".refused"), b"version_converter crashed the process\n")

for name in names:
    case_out = os.path.join(out_dir, name)
    if os.path.exists(os.path.join(case_out, "done")):
        continue
    os.makedirs(case_out, exist_ok=True)
    model = onnx.load(os.path.join(node_dir, name, "model.onnx"))
    source = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), None)
    for target in range(7, 18):
        if source is None or target == source:
            continue
        stem = os.path.join(case_out, str(target))
        if os.path.exists(stem + ".onnx") or os.path.exists(stem + ".refused"):
            continue
        write(attempt_file, f"{name} {target}".encode())
        try:
            converted = version_converter.convert_version(model, target)
            onnx.checker.check_model(converted)
            write(stem + ".onnx", converted.SerializeToString())
        except Exception as error:  # the converter raises many kinds of errors; each is a conversion it does not make
            write(stem + ".refused", f"{type(error).__name__}: {error}\n".encode())
    write(os.path.join(case_out, "done"), b"")
if os.path.exists(attempt_file):
    os.remove(attempt_file)

for target in range(7, 18):
    tried = converted = 0
    for name in names:
        stem = os.path.join(out_dir, name, str(target))
        converted += os.path.exists(stem + ".onnx")
        tried += os.path.exists(stem + ".onnx") or os.path.exists(stem + ".refused")
    print(f"version_converter (onnx {onnx.__version__}) to opset {target}: {converted} of {tried} converted and accepted by onnx.checker")
