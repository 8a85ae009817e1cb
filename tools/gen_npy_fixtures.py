"""Writes the NumPy fixtures that tests/OnnxKit.Core.Tests/Serialization/NumPy read.

Run with a Python that has NumPy: python3 tools/gen_npy_fixtures.py
Each array is a small, easily recomputed pattern so the C# tests can state the
expected values independently.
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "OnnxKit.Core.Tests", "Serialization", "NumPy", "Fixtures")
os.makedirs(OUT, exist_ok=True)


def pattern(dtype, shape):
    n = int(np.prod(shape)) if shape else 1
    values = np.arange(n, dtype=np.float64) - n // 2
    if np.issubdtype(np.dtype(dtype), np.unsignedinteger):
        values = np.arange(n, dtype=np.float64)
    if np.dtype(dtype) == np.bool_:
        return (np.arange(n) % 3 == 0).reshape(shape)
    if np.issubdtype(np.dtype(dtype), np.complexfloating):
        return (values + 0.5j * values).astype(dtype).reshape(shape)
    if np.issubdtype(np.dtype(dtype), np.floating):
        values = values * 0.25
    return values.astype(dtype).reshape(shape)


for name in ["f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1", "c8", "c16"]:
    dtype = "bool" if name == "b1" else name
    np.save(os.path.join(OUT, f"{name}_2x3.npy"), pattern("<" + dtype if name != "b1" else dtype, (2, 3)))

np.save(os.path.join(OUT, "f4_scalar.npy"), np.float32(1.5))
np.save(os.path.join(OUT, "f4_empty_0x3.npy"), np.zeros((0, 3), dtype=np.float32))
np.save(os.path.join(OUT, "i4_be_2x3.npy"), pattern(">i4", (2, 3)))
np.save(os.path.join(OUT, "f8_be_2x3.npy"), pattern(">f8", (2, 3)))
np.save(os.path.join(OUT, "f4_fortran_2x3x4.npy"), np.asfortranarray(pattern("<f4", (2, 3, 4))))
np.save(os.path.join(OUT, "bf16_as_v2_2x2.npy"), np.array([0x3F80, 0x4000, 0xBF80, 0x7FC0], dtype="<u2").view("V2").reshape(2, 2))
np.savez(os.path.join(OUT, "two_arrays.npz"), x=pattern("<f4", (2, 3)), idx=pattern("<i8", (4,)))
np.savez_compressed(os.path.join(OUT, "two_arrays_compressed.npz"), x=pattern("<f4", (2, 3)), idx=pattern("<i8", (4,)))
