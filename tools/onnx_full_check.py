#!/usr/bin/python3
"""Run ONNX's own checker with full checks (shape inference included) on models.

Usage:
  onnx_full_check.py MODEL.onnx [MODEL.onnx ...]   check files
  onnx_full_check.py --stdin                        check models framed on standard input:
      for each model, a little-endian uint32 name length, the UTF-8 name,
      a little-endian uint64 model length, and the serialized ModelProto.
Prints one line per model, "ok <name>" or "FAIL <name>: <reason>", and exits 1 if any failed.
Used by OnnxKit's opset tests with Debian's python3-onnx (onnx 1.12 checks opsets up to 17).
"""
import struct
import sys

import onnx
import onnx.checker


def check(name, load):
    try:
        onnx.checker.check_model(load(), full_check=True)
        print(f"ok {name}", flush=True)
        return True
    except Exception as error:  # report every model, do not stop at the first
        reason = " ".join(str(error).split())
        print(f"FAIL {name}: {reason}", flush=True)
        return False


def framed(stream):
    while True:
        header = stream.read(4)
        if not header:
            return
        (name_length,) = struct.unpack("<I", header)
        name = stream.read(name_length).decode("utf-8")
        (model_length,) = struct.unpack("<Q", stream.read(8))
        yield name, stream.read(model_length)


if sys.argv[1:] == ["--stdin"]:
    results = [check(name, lambda data=data: onnx.load_model_from_string(data)) for name, data in framed(sys.stdin.buffer)]
else:
    results = [check(path, lambda path=path: path) for path in sys.argv[1:]]
sys.exit(0 if all(results) else 1)
