#!/usr/bin/env python3
"""Oracle values for lesson 08 (training deep nets), computed with 60-digit decimal arithmetic (mpmath).

Writes src/test/resources/oracle/08-training-deep-nets/bce.csv: for one sample with logit z and
label y, the binary cross-entropy -[y log sigma(z) + (1 - y) log(1 - sigma(z))] and its derivative
d loss / dz = sigma(z) - y, each rounded to the nearest double (printed with 17 significant digits).
Run from the kata's root: /usr/bin/python3 src/test/oracle/08-training-deep-nets.py
"""
import os
from mpmath import mp, mpf, exp, log1p

mp.dps = 60
LOGITS = ["0", "1", "-1", "2.5", "-2.5", "30", "-30", "40", "-40", "700", "-700", "1000", "-1000"]


def sigmoid(z):
    return 1 / (1 + exp(-z))


def row(z_text, y):
    z = mpf(z_text)
    # -log sigma(z) = log(1 + e^-z) and -log(1 - sigma(z)) = log(1 + e^z): log1p keeps the tiny losses
    # of confident right answers (1e-304 at z = 700), which 1 + e^-z would round away even at 60 digits.
    loss = log1p(exp(-z)) if y == 1 else log1p(exp(z))
    # sigma(z) - 1 = -sigma(-z): the same number, without the cancellation.
    grad = -sigmoid(-z) if y == 1 else sigmoid(z)
    return f"{z_text},{y},{float(loss)!r},{float(grad)!r}"


out_dir = os.path.join("src", "test", "resources", "oracle", "08-training-deep-nets")
os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "bce.csv"), "w") as f:
    f.write("# logit z, label y, loss -[y log s + (1-y) log(1-s)] with s = sigmoid(z), dloss/dz = s - y; mpmath, 60 digits\n")
    f.write("logit,label,loss,gradient\n")
    for z in LOGITS:
        for y in (1, 0):
            f.write(row(z, y) + "\n")
