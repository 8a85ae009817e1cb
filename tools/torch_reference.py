#!/usr/bin/python3
"""PyTorch's answers for OnnxKit's training tests: an interpreter that runs an ONNX graph's
nodes with torch operations, so autograd differentiates the same computation OnnxKit's
gradient rules do.

Needs Debian's python3-torch (1.13), python3-onnx and python3-numpy; the tests call it with
/usr/bin/python3 and skip, saying so, where those are absent.

  torch_reference.py grads MANIFEST.json
      For every case {"model", "inputs", "output", "train"} of the manifest: loads the ONNX
      model (one node, or a small graph), feeds the arrays of inputs.npz (every float graph
      input is differentiated; "__upstream__" is the gradient arriving at the first output),
      and writes to the case's output .npz the gradient of sum(y * upstream) with respect to
      each differentiated input, keyed by input name. With "train", BatchNormalization runs in
      training mode and its updated running statistics are written too ("<input>/next").

  torch_reference.py step MANIFEST.json
      For every case {"model", "data", "output", "optimizer", "train"}: builds the model's
      weights (its initializers; those listed in "trainable" are parameters), runs one
      optimizer step on the batch ("x", "labels") with softmax cross-entropy, and writes the
      loss ("__loss__"), every updated parameter and every updated running statistic.

  torch_reference.py time MODEL.onnx BATCH THREADS STEPS
      The speed baseline of benchmarks/training-vs-pytorch.sh: Adam (lr 0.001) steps with
      softmax cross-entropy on random data of the model's input shape, after 2 warm-up steps,
      on THREADS threads; prints milliseconds per step.
"""
import json
import sys

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn.functional as F


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def spatial_pads(pads):
    """ONNX pads [b1, b2, ..., e1, e2, ...] as F.pad's (last axis first) [b_last, e_last, ...]."""
    n = len(pads) // 2
    out = []
    for axis in reversed(range(n)):
        out += [pads[axis], pads[n + axis]]
    return out


class Interpreter:
    def __init__(self, model, train):
        self.graph = model.graph
        self.train = train
        self.statistics = {}

    def run(self, values):
        for node in self.graph.node:
            outs = self.op(node, [values[i] if i else None for i in node.input], attrs(node))
            if not isinstance(outs, (list, tuple)):
                outs = [outs]
            for name, value in zip(node.output, outs):
                if name:
                    values[name] = value
        return [values[o.name] for o in self.graph.output]

    def op(self, node, x, a):
        t = node.op_type
        if t == "Constant":
            return torch.from_numpy(onnx.numpy_helper.to_array(a["value"]).copy())
        if t in ("Add", "Sub", "Mul", "Div"):
            return {"Add": torch.add, "Sub": torch.sub, "Mul": torch.mul, "Div": torch.div}[t](x[0], x[1])
        if t == "Relu":
            return F.relu(x[0])
        if t == "LeakyRelu":
            return F.leaky_relu(x[0], a.get("alpha", 0.01))
        if t == "Sigmoid":
            return torch.sigmoid(x[0])
        if t == "Tanh":
            return torch.tanh(x[0])
        if t == "Exp":
            return torch.exp(x[0])
        if t == "Log":
            return torch.log(x[0])
        if t == "Sqrt":
            return torch.sqrt(x[0])
        if t == "Neg":
            return -x[0]
        if t == "Reciprocal":
            return torch.reciprocal(x[0])
        if t == "Abs":
            return torch.abs(x[0])
        if t == "Softplus":
            return F.softplus(x[0])
        if t == "Identity":
            return x[0]
        if t == "Clip":
            return torch.clamp(x[0], float(x[1]) if len(x) > 1 and x[1] is not None else None,
                               float(x[2]) if len(x) > 2 and x[2] is not None else None)
        if t == "Softmax":
            return torch.softmax(x[0], a.get("axis", -1))
        if t == "LogSoftmax":
            return torch.log_softmax(x[0], a.get("axis", -1))
        if t == "Gemm":
            A = x[0].t() if a.get("transA", 0) else x[0]
            B = x[1].t() if a.get("transB", 0) else x[1]
            y = a.get("alpha", 1.0) * (A @ B)
            if len(x) > 2 and x[2] is not None:
                y = y + a.get("beta", 1.0) * x[2]
            return y
        if t == "MatMul":
            return torch.matmul(x[0], x[1])
        if t == "Conv":
            w = x[1]
            n = w.dim() - 2
            xp = F.pad(x[0], spatial_pads(a.get("pads", [0] * 2 * n)))
            conv = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}[n]
            return conv(xp, w, x[2] if len(x) > 2 else None, stride=a.get("strides", [1] * n),
                        dilation=a.get("dilations", [1] * n), groups=a.get("group", 1))
        if t == "MaxPool":
            k = a["kernel_shape"]
            n = len(k)
            xp = F.pad(x[0], spatial_pads(a.get("pads", [0] * 2 * n)), value=float("-inf"))
            pool = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}[n]
            return pool(xp, k, a.get("strides", [1] * n), dilation=a.get("dilations", [1] * n))
        if t == "AveragePool":
            k = a["kernel_shape"]
            n = len(k)
            pads = a.get("pads", [0] * 2 * n)
            assert pads[:n] == pads[n:], "symmetric pads only"
            pool = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}[n]
            return pool(x[0], k, a.get("strides", [1] * n), pads[:n], count_include_pad=bool(a.get("count_include_pad", 0)))
        if t == "GlobalAveragePool":
            return x[0].mean(dim=tuple(range(2, x[0].dim())), keepdim=True)
        if t == "BatchNormalization":
            eps, momentum = a.get("epsilon", 1e-5), a.get("momentum", 0.9)
            if not self.train:
                return F.batch_norm(x[0], x[3], x[4], x[1], x[2], False, 0.0, eps)
            mean, var = x[3].detach().clone(), x[4].detach().clone()
            y = F.batch_norm(x[0], mean, var, x[1], x[2], True, 1.0 - momentum, eps)
            self.statistics[node.input[3]] = mean
            self.statistics[node.input[4]] = var
            return y
        if t == "Dropout":
            return x[0]
        if t == "Reshape":
            shape = [int(s) for s in x[1]]
            shape = [x[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
            return x[0].reshape(shape)
        if t == "Flatten":
            axis = a.get("axis", 1)
            return x[0].reshape(int(np.prod(x[0].shape[:axis])), -1)
        if t == "Transpose":
            return x[0].permute(a.get("perm", list(reversed(range(x[0].dim())))))
        if t == "Concat":
            return torch.cat(x, a["axis"])
        if t == "Slice":
            starts, ends = [int(v) for v in x[1]], [int(v) for v in x[2]]
            axes = [int(v) for v in x[3]] if len(x) > 3 and x[3] is not None else list(range(len(starts)))
            index = [slice(None)] * x[0].dim()
            for s, e, ax in zip(starts, ends, axes):
                index[ax] = slice(s, e)
            return x[0][tuple(index)]
        if t == "Pad":
            pads = [int(v) for v in x[1]]
            value = float(x[2]) if len(x) > 2 and x[2] is not None else 0.0
            return F.pad(x[0], spatial_pads(pads), value=value)
        if t == "Squeeze":
            if len(x) < 2 or x[1] is None:
                return x[0].squeeze()
            y = x[0]
            for axis in sorted((int(a) % x[0].dim() for a in x[1]), reverse=True):
                y = y.squeeze(axis)
            return y
        if t == "Unsqueeze":
            y = x[0]
            rank = x[0].dim() + len(x[1])
            for axis in sorted(int(a) % rank for a in x[1]):
                y = y.unsqueeze(axis)
            return y
        if t in ("ReduceSum", "ReduceMean"):
            axes = a.get("axes") or ([int(v) for v in x[1]] if len(x) > 1 and x[1] is not None else None)
            keep = bool(a.get("keepdims", 1))
            f = torch.sum if t == "ReduceSum" else torch.mean
            return f(x[0], dim=tuple(axes), keepdim=keep) if axes else f(x[0])
        raise NotImplementedError(f"no torch form for {t}")


def initial_values(model):
    return {i.name: torch.from_numpy(onnx.numpy_helper.to_array(i).copy()) for i in model.graph.initializer}


def grads(case):
    model = onnx.load(case["model"])
    arrays = dict(np.load(case["inputs"]))
    upstream = torch.from_numpy(arrays.pop("__upstream__"))
    values = initial_values(model)
    leaves = {}
    for name, array in arrays.items():
        tensor = torch.from_numpy(array.copy())
        if tensor.is_floating_point():
            tensor.requires_grad_(True)
            leaves[name] = tensor
        values[name] = tensor
    interpreter = Interpreter(model, case.get("train", False))
    y = interpreter.run(values)[0]
    (y * upstream).sum().backward()
    out = {name: t.grad.numpy() if t.grad is not None else np.zeros(t.shape, np.float32) for name, t in leaves.items()}
    out.update({f"{name}/next": t.numpy() for name, t in interpreter.statistics.items()})
    np.savez(case["output"], **out)


def step(case):
    model = onnx.load(case["model"])
    data = np.load(case["data"])
    values = initial_values(model)
    dtype = torch.float64 if case.get("double") else torch.float32
    values = {k: v.to(dtype) if v.is_floating_point() else v for k, v in values.items()}
    params = {n: values[n].requires_grad_(True) for n in case["trainable"]}
    spec = case["optimizer"]
    if spec["kind"] == "sgd":
        optimizer = torch.optim.SGD(params.values(), lr=spec["lr"], momentum=spec.get("momentum", 0.0),
                                    weight_decay=spec.get("weight_decay", 0.0))
    else:
        optimizer = torch.optim.Adam(params.values(), lr=spec["lr"], betas=(spec["beta1"], spec["beta2"]),
                                     eps=spec["eps"], weight_decay=spec.get("weight_decay", 0.0))
    interpreter = Interpreter(model, True)
    inputs = [i.name for i in model.graph.input if i.name not in values]
    values[inputs[0]] = torch.from_numpy(data["x"].copy()).to(dtype)
    interpreter.run(values)
    # Like OnnxKit (and Keras), train a model ending in Softmax on the Softmax's input.
    output = model.graph.output[0].name
    producer = next((n for n in model.graph.node if output in n.output), None)
    logits = values[producer.input[0]] if producer is not None and producer.op_type == "Softmax" else values[output]
    loss = F.cross_entropy(logits, torch.from_numpy(data["labels"].astype(np.int64)))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    out = {"__loss__": np.array(loss.item(), np.float32)}
    out.update({name: p.detach().numpy() for name, p in params.items()})
    out.update({name: t.numpy() for name, t in interpreter.statistics.items()})
    out = {name: np.asarray(v, np.float64 if case.get("double") else np.float32) for name, v in out.items()}
    np.savez(case["output"], **out)


def time_steps(path, batch, threads, steps):
    import time
    torch.set_num_threads(threads)
    model = onnx.load(path)
    values = initial_values(model)
    params = [values[i.name].requires_grad_(True) for i in model.graph.initializer if values[i.name].is_floating_point()]
    optimizer = torch.optim.Adam(params, lr=1e-3)
    interpreter = Interpreter(model, True)
    graph_input = next(i for i in model.graph.input if i.name not in values)
    dims = [batch] + [d.dim_value for d in graph_input.type.tensor_type.shape.dim[1:]]
    generator = torch.Generator().manual_seed(7)
    x = torch.rand(dims, generator=generator)
    classes = model.graph.output[0].type.tensor_type.shape.dim[1].dim_value
    labels = torch.arange(batch) % classes

    def one_step():
        values[graph_input.name] = x
        logits = interpreter.run(values)[0]
        loss = F.cross_entropy(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    for _ in range(2):
        one_step()
    start = time.perf_counter()
    for _ in range(steps):
        one_step()
    print(f"pytorch batch {batch} threads {threads}: {(time.perf_counter() - start) / steps * 1000:.1f} ms/step")


def main():
    if sys.argv[1] == "time":
        time_steps(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
        return
    torch.set_num_threads(1)
    mode, manifest = sys.argv[1], json.load(open(sys.argv[2]))
    for case in manifest:
        try:
            (grads if mode == "grads" else step)(case)
            print("ok", case["output"], flush=True)
        except Exception as error:  # reported per case, so one bad case does not hide the rest
            print("error", case["output"], type(error).__name__, str(error).replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()
