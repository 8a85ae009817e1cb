"""Share of ONNX conformance cases that onnx's version_converter converts to each opset 7-17, by direction.

Usage: /usr/bin/python3 benchmarks/convert-version-converter.py NODE_DIR [CASE_LIST]
A conversion counts when convert_version returns and onnx.checker accepts the result (onnx 1.12 has no
reference evaluator to check outputs with). CASE_LIST restricts the cases to those named in it, one per line
(convert-sweep.sh passes the cases ONNX Runtime runs, which OnnxKit's sweep checks).
"""
import os
import sys

try:
    import onnx
    from onnx import version_converter
except ImportError:
    print("skipped: onnx is not installed for this python (Debian's python3-onnx)")
    sys.exit(0)

node_dir = sys.argv[1]
names = sorted(os.listdir(node_dir))
if len(sys.argv) > 2:
    wanted = set(open(sys.argv[2]).read().split())
    names = [n for n in names if n in wanted]
counts = {"up": [0, 0], "down": [0, 0]}
for name in names:
    model = onnx.load(os.path.join(node_dir, name, "model.onnx"))
    source = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), None)
    if source is None:
        continue
    for target in range(7, 18):
        if target == source:
            continue
        direction = "up" if target > source else "down"
        counts[direction][0] += 1
        try:
            converted = version_converter.convert_version(model, target)
            onnx.checker.check_model(converted)
            counts[direction][1] += 1
        except Exception:  # the converter raises many kinds of errors; each is a case it does not convert
            pass
for direction, (tried, done) in counts.items():
    print(f"version_converter (onnx {onnx.__version__}) to opsets 7-17, {direction}: {done} of {tried} converted ({100.0 * done / max(1, tried):.1f}%)")
