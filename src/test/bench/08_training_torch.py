#!/usr/bin/env python3
"""Lesson 08's benchmark configuration in PyTorch, for a side-by-side speed comparison.

Two spirals of 256 points (t uniform in [0, 3*pi], labels alternating 0/1, radius t/(3*pi),
point r*(cos(t + pi*l), sin(t + pi*l))), a net Linear(2,16), 16 x Linear(16,16), Linear(16,1),
float64, full-batch SGD with learning rate 0.05, binary cross-entropy on logits, 2000 steps,
two threads. The same four variants as the lesson:

  sigmoid-naive    sigmoid, plain blocks, weights N(0, 1/fan_in)
  relu-he          ReLU, plain blocks, weights N(0, 2/fan_in)        (the benchmark's default)
  residual-he      ReLU, residual blocks h <- h + relu(hW + b), He init
  residual-scaled  the same, branch weights scaled down by 1/sqrt(depth)

Prints one line: variant, seconds, steps per second, final loss, accuracy.
Usage: python3 08_training_torch.py [variant] [steps] [seed]
"""
import math
import sys
import time

import torch

torch.set_num_threads(2)
torch.set_default_dtype(torch.float64)

VARIANT = sys.argv[1] if len(sys.argv) > 1 else "relu-he"
STEPS = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 1
POINTS, WIDTH, DEPTH, RATE = 256, 16, 16, 0.05

torch.manual_seed(SEED)
t = torch.rand(POINTS) * 3 * math.pi
labels = (torch.arange(POINTS) % 2).double()
r = t / (3 * math.pi)
x = torch.stack([r * torch.cos(t + math.pi * labels), r * torch.sin(t + math.pi * labels)], dim=1)
y = labels.unsqueeze(1)

residual = VARIANT.startswith("residual")
act = torch.sigmoid if VARIANT == "sigmoid-naive" else torch.relu
layers = [torch.nn.Linear(2, WIDTH)] + [torch.nn.Linear(WIDTH, WIDTH) for _ in range(DEPTH)] + [torch.nn.Linear(WIDTH, 1)]
with torch.no_grad():
    for i, layer in enumerate(layers):
        fan_in = layer.in_features
        std = 1 / math.sqrt(fan_in) if VARIANT == "sigmoid-naive" else math.sqrt(2 / fan_in)
        if VARIANT == "residual-scaled" and 1 <= i <= DEPTH:
            std /= math.sqrt(DEPTH)
        layer.weight.normal_(0, std)
        layer.bias.zero_()
params = [p for layer in layers for p in layer.parameters()]
optimizer = torch.optim.SGD(params, lr=RATE)
loss_fn = torch.nn.BCEWithLogitsLoss()


def forward(inputs):
    h = act(layers[0](inputs))
    for layer in layers[1:-1]:
        h = h + act(layer(h)) if residual else act(layer(h))
    return layers[-1](h)


start = time.perf_counter()
for step in range(STEPS):
    optimizer.zero_grad()
    loss = loss_fn(forward(x), y)
    loss.backward()
    optimizer.step()
seconds = time.perf_counter() - start
with torch.no_grad():
    logits = forward(x)
    final = loss_fn(logits, y).item()
    accuracy = ((logits > 0).double() == y).double().mean().item()
print(f"{VARIANT} seconds={seconds:.3f} steps_per_second={STEPS / seconds:.1f} loss={final:.6g} accuracy={accuracy:.4f}")
