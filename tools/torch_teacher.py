#!/usr/bin/python3
"""A classifier exported by PyTorch, for OnnxKit's distillation tests: another framework's
ONNX teacher, with PyTorch's own logits and soft targets to compare against.

Needs Debian's python3-torch (1.13) and python3-numpy; the tests call it with /usr/bin/python3
and skip, saying so, where those are absent.

  torch_teacher.py FOLDER TEMPERATURE
      Writes FOLDER/teacher.onnx: Conv 4@5x5 stride 4, ReLU, Flatten, Linear 10, Softmax over
      [N, 1, 28, 28] (seeded weights, opset 13, dynamic batch), and FOLDER/reference.npz with
      x (32 seeded inputs), y (labels: the argmax of a fixed random projection, so roughly
      balanced), logits (PyTorch's, before the softmax) and soft_targets (softmax(logits / T)).
"""
import sys

import numpy as np
import torch


def main():
    folder, temperature = sys.argv[1], float(sys.argv[2])
    torch.manual_seed(3)
    torch.set_num_threads(1)
    body = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 5, stride=4), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(4 * 6 * 6, 10))
    model = torch.nn.Sequential(body, torch.nn.Softmax(dim=1)).eval()
    x = torch.rand(32, 1, 28, 28)
    torch.onnx.export(model, x, f"{folder}/teacher.onnx", input_names=["image"], output_names=["probabilities"],
                      dynamic_axes={"image": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=13)
    with torch.no_grad():
        logits = body(x)
        y = (x.reshape(32, -1) @ torch.randn(28 * 28, 10)).argmax(dim=1)
    np.savez(f"{folder}/reference.npz", x=x.numpy(), y=y.numpy().astype(np.int64), logits=logits.numpy(),
             soft_targets=torch.softmax(logits / temperature, dim=1).numpy())


if __name__ == "__main__":
    main()
