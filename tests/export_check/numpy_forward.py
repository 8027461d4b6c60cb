"""Validation loss of a downloaded model on its downloaded data set, recomputed with a
plain NumPy forward pass written from the equations in the README ("The math"), in
float64. Used by tests/export.rs; prints the loss on stdout.

Usage: python3 numpy_forward.py model.json dataset.csv CELL READOUT LOSS
  CELL: rnn_tanh | rnn_relu | lstm | gru; READOUT: all_steps | last_step; LOSS: mse | cross_entropy
"""
import csv
import json
import sys

import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def read_validation_set(path):
    """Inputs [B, T, F] (floats) or [B, T] (token ids) and the targets by position."""
    with open(path) as f:
        rows = list(csv.reader(line for line in f if not line.startswith("#")))
    header, body = rows[0], [r for r in rows[1:] if r[0] == "val"]
    x_cols = [i for i, name in enumerate(header) if name.startswith("x") or name == "token"]
    y_cols = [i for i, name in enumerate(header) if name.startswith("y") or name == "class"]
    sequences = {}
    for r in body:
        sequences.setdefault(int(r[1]), []).append(r)
    inputs, targets = [], []
    for b in sorted(sequences):
        steps = sorted(sequences[b], key=lambda r: int(r[2]))
        inputs.append([[float(r[i]) for i in x_cols] for r in steps])
        for r in steps:
            if r[y_cols[0]] != "":
                targets.append([float(r[i]) for i in y_cols])
    x = np.array(inputs, dtype=np.float32).astype(np.float64)
    tokens = header[x_cols[0]] == "token"
    if tokens:
        x = x[:, :, 0].astype(np.int64)
    return x, np.array(targets, dtype=np.float32).astype(np.float64), tokens


def layer_forward(cell, x, w_ih, w_hh, b_ih, b_hh):
    """One recurrent layer over [B, T, in] with zero initial state; returns [B, T, H]."""
    batch, steps, _ = x.shape
    hidden = w_hh.shape[1]
    h = np.zeros((batch, hidden))
    c = np.zeros((batch, hidden))
    out = np.zeros((batch, steps, hidden))
    for t in range(steps):
        gi = x[:, t, :] @ w_ih.T + b_ih
        gh = h @ w_hh.T + b_hh
        if cell == "rnn_tanh":
            h = np.tanh(gi + gh)
        elif cell == "rnn_relu":
            h = np.maximum(gi + gh, 0.0)
        elif cell == "lstm":
            g = gi + gh
            i, f, gg, o = (g[:, k * hidden:(k + 1) * hidden] for k in range(4))
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(gg)
            h = sigmoid(o) * np.tanh(c)
        elif cell == "gru":
            part = lambda a, k: a[:, k * hidden:(k + 1) * hidden]
            r = sigmoid(part(gi, 0) + part(gh, 0))
            z = sigmoid(part(gi, 1) + part(gh, 1))
            n = np.tanh(part(gi, 2) + r * part(gh, 2))
            h = (1.0 - z) * n + z * h
        else:
            raise SystemExit(f"unknown cell {cell}")
        out[:, t, :] = h
    return out


def main(model_path, data_path, cell, readout, loss):
    with open(model_path) as f:
        state = {k: np.array(v, dtype=np.float32).astype(np.float64) for k, v in json.load(f).items()}
    x, y, tokens = read_validation_set(data_path)
    if "embed.weight" in state:
        x = state["embed.weight"][x]
    elif tokens:
        x = np.eye(state["rnn.weight_ih_l0"].shape[1])[x]
    layers = len([k for k in state if k.startswith("rnn.weight_ih_l")])
    for k in range(layers):
        x = layer_forward(cell, x, *(state[f"rnn.{n}_l{k}"] for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")))
    if readout == "last_step":
        x = x[:, -1, :]
    else:
        x = x.reshape(-1, x.shape[-1])
    out = x @ state["head.weight"].T + state["head.bias"]
    if loss == "mse":
        value = np.mean((out - y) ** 2)
    else:
        shifted = out - out.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        value = -np.mean(log_probs[np.arange(len(y)), y[:, 0].astype(np.int64)])
    print(repr(float(value)))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
