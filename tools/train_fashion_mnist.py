#!/usr/bin/python3
"""Trains the zoo's 28x28 models on Fashion-MNIST with PyTorch and saves their weights
as .npz archives keyed the way `onnxkit export --weights` expects (layer/weight, ONNX layout).

Run once, by hand (not in CI): /usr/bin/python3 tools/train_fashion_mnist.py [--epochs N]
It needs Debian's python3-torch and python3-numpy and the Fashion-MNIST IDX files of
Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist). It writes
models/weights/fashion-mnist/<model>.npz and training.json (framework, seed, epochs,
preprocessing and test accuracy of every model), which the tests read.

Inputs are the raw pixels scaled to [0, 1] (x / 255), as `onnxkit eval --scale 1/255` does.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from fashion_mnist_idx import DATA, read_idx

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "weights", "fashion-mnist")
SEED = 20240601


def load(split):
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(DATA, f"{prefix}-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    y = read_idx(os.path.join(DATA, f"{prefix}-labels-idx1-ubyte.gz")).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


class Mlp128(nn.Module):
    """mnist-mlp-128: Flatten(28x28) -> Dense 128 relu -> Dense 10 softmax (trained on logits)."""
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(784, 128)
        self.dense_1 = nn.Linear(128, 10)

    def forward(self, x):
        return self.dense_1(F.relu(self.dense(x.reshape(x.shape[0], -1))))


class LeNet5(nn.Module):
    """lenet5: conv 6@5x5 same relu, pool, conv 16@5x5 valid relu, pool, 120, 84, 10 softmax."""
    def __init__(self):
        super().__init__()
        self.conv2d = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2d_1 = nn.Conv2d(6, 16, 5)
        self.dense = nn.Linear(400, 120)
        self.dense_1 = nn.Linear(120, 84)
        self.dense_2 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv2d(x.unsqueeze(1))), 2)
        x = F.max_pool2d(F.relu(self.conv2d_1(x)), 2)
        x = F.relu(self.dense(x.flatten(1)))
        return self.dense_2(F.relu(self.dense_1(x)))


class Student(nn.Module):
    """distillation-student: conv 8@3x3 valid relu, pool, Dense 10 (logits)."""
    def __init__(self):
        super().__init__()
        self.conv2d = nn.Conv2d(1, 8, 3)
        self.dense = nn.Linear(1352, 10)

    def forward(self, x):
        return self.dense(F.max_pool2d(F.relu(self.conv2d(x.unsqueeze(1))), 2).flatten(1))


class Member(nn.Module):
    """One CNN of distillation-teacher: conv a@3x3 same, pool, conv b@3x3 same, pool, 128, 10."""
    def __init__(self, first, second):
        super().__init__()
        self.conv_a = nn.Conv2d(1, first, 3, padding=1)
        self.conv_b = nn.Conv2d(first, second, 3, padding=1)
        self.hidden = nn.Linear(second * 49, 128)
        self.logits = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv_a(x.unsqueeze(1))), 2)
        x = F.max_pool2d(F.relu(self.conv_b(x)), 2)
        return self.logits(F.relu(self.hidden(x.flatten(1))))


class Teacher(nn.Module):
    """distillation-teacher: the average of three members' logits (each member trained on its own)."""
    def __init__(self, members):
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, x):
        return torch.stack([m(x) for m in self.members]).mean(0)


def train(model, x, y, epochs, batch=128, lr=2e-3):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(SEED)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), batch):
            idx = order[start:start + batch]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        print(f"  epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f}", flush=True)


@torch.no_grad()
def accuracy(model, x, y):
    model.eval()
    correct = sum((model(x[s:s + 1000]).argmax(1) == y[s:s + 1000]).sum().item() for s in range(0, len(x), 1000))
    return correct / len(x)


def linear(layer):
    """A torch Linear's weights as the exporter's Dense: kernel [in, out], bias [out]."""
    return layer.weight.detach().numpy().T.copy(), layer.bias.detach().numpy().copy()


def conv(layer):
    """A torch Conv2d's weights as the exporter's Conv2D: kernel [out, in, kh, kw] (same as torch), bias."""
    return layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy()


def arrays(named):
    out = {}
    for name, (kernel, bias) in named:
        out[f"{name}/kernel"] = kernel.astype(np.float32)
        out[f"{name}/bias"] = bias.astype(np.float32)
    return out


def weights_of(name, model):
    if name == "mnist-mlp-128":
        return arrays([("dense", linear(model.dense)), ("dense_1", linear(model.dense_1))])
    if name == "lenet5":
        return arrays([("conv2d", conv(model.conv2d)), ("conv2d_1", conv(model.conv2d_1)),
                       ("dense", linear(model.dense)), ("dense_1", linear(model.dense_1)), ("dense_2", linear(model.dense_2))])
    if name == "distillation-student":
        return arrays([("conv2d", conv(model.conv2d)), ("dense", linear(model.dense))])
    # The teacher's members are named in call order: member i has conv2d_{2i}, conv2d_{2i+1}, dense_{2i}, dense_{2i+1}.
    named = []
    for i, m in enumerate(model.members):
        suffix = lambda k: "" if k == 0 else f"_{k}"
        named += [(f"conv2d{suffix(2 * i)}", conv(m.conv_a)), (f"conv2d{suffix(2 * i + 1)}", conv(m.conv_b)),
                  (f"dense{suffix(2 * i)}", linear(m.hidden)), (f"dense{suffix(2 * i + 1)}", linear(m.logits))]
    return arrays(named)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--teacher-epochs", type=int, default=3, help="epochs of each of the teacher's three members")
    parser.add_argument("--only", nargs="*", help="train only these models")
    args = parser.parse_args()
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    x_train, y_train = load("train")
    x_test, y_test = load("test")
    builders = {
        "mnist-mlp-128": lambda: Mlp128(),
        "lenet5": lambda: LeNet5(),
        "distillation-student": lambda: Student(),
        "distillation-teacher": lambda: Teacher([Member(16, 32), Member(24, 48), Member(32, 64)]),
    }
    record_path = os.path.join(OUT, "training.json")
    record = json.load(open(record_path)) if os.path.exists(record_path) else {}
    for name, build in builders.items():
        if args.only and name not in args.only:
            continue
        torch.manual_seed(SEED)
        model = build()
        started = time.time()
        print(f"{name}:", flush=True)
        if isinstance(model, Teacher):
            for i, member in enumerate(model.members):
                print(f" member {i + 1}", flush=True)
                train(member, x_train, y_train, args.teacher_epochs)
        else:
            train(model, x_train, y_train, args.epochs)
        acc = accuracy(model, x_test, y_test)
        print(f"  test accuracy {acc:.4%} ({time.time() - started:.0f} s)", flush=True)
        np.savez_compressed(os.path.join(OUT, f"{name}.npz"), **weights_of(name, model))
        record[name] = {
            "framework": f"PyTorch {torch.__version__} (CPU)",
            "seed": SEED,
            "epochs": args.teacher_epochs if isinstance(model, Teacher) else args.epochs,
            "optimizer": "Adam, learning rate 0.002, batch 128, cross-entropy on logits",
            "preprocessing": "pixels / 255 (onnxkit eval --scale 1/255)",
            "trainExamples": int(len(x_train)),
            "testExamples": int(len(x_test)),
            "testAccuracy": acc,
            "testCorrect": int(round(acc * len(x_test))),
        }
        with open(record_path, "w") as f:
            json.dump(record, f, indent=2, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
