#!/usr/bin/python3
"""Writes src/Cli/Demo/fashion-mnist-sample.npz: the first 128 images (uint8, 28x28) and labels of
Fashion-MNIST's test split, the real data `onnxkit demo` calibrates its INT8 variant on, so the demo
needs nothing beyond the .NET SDK. Fashion-MNIST is Copyright 2017 Zalando SE, MIT (Expat) licence;
the sample carries that notice in fashion-mnist-sample.LICENSE.txt.

Run once, by hand: /usr/bin/python3 tools/make_demo_samples.py
It reads the IDX files of Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist).
"""
import os

import numpy as np

from fashion_mnist_idx import DATA, read_idx

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Cli", "Demo", "fashion-mnist-sample.npz")
COUNT = 128

images = read_idx(os.path.join(DATA, "t10k-images-idx3-ubyte.gz"))[:COUNT]
labels = read_idx(os.path.join(DATA, "t10k-labels-idx1-ubyte.gz"))[:COUNT].astype(np.int64)
np.savez_compressed(OUT, x=images, y=labels)
print(f"wrote {OUT}: {COUNT} images, {os.path.getsize(OUT)} bytes")
