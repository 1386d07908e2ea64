#!/usr/bin/python3
"""Oracle for lesson 02 (gradientkata.backprop): writes src/test/resources/oracle/02-backprop-is-exact/*.csv.

Run: /usr/bin/python3 src/test/oracle/02-backprop-is-exact.py   (needs python3-mpmath)

Everything in mpmath at 60 significant digits from the exact double inputs, rounded once to double:
- chains.csv: random chains h_k = sigma(w_k h_(k-1) + b_k), their activations and the gradient
  [dh_n/dx, dh_n/dw_1..n, dh_n/db_1..n] by the chain rule; lists joined by ';'.
- tails.csv: one-layer chains whose pre-activation lies far in the tails (-745 < z < -709 and
  beyond), where sigma(z) is a subnormal or rounds to 0 or 1.
- relative-error.csv, relative-error-scalar.csv: ||g - h|| / (||g|| + ||h||) for vector pairs and
  number pairs whose entries run from 2^-1074 to 1.79e308, both signs.
"""
import math
import os
import random

import mpmath

mpmath.mp.dps = 60
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "oracle", "02-backprop-is-exact")
SCRIPT = "src/test/oracle/02-backprop-is-exact.py"
rng = random.Random(20260302)
MAX = 1.7976931348623157e308


def write(name, method, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write("# written by %s, do not edit: run the script instead\n" % SCRIPT)
        f.write("# %s\n" % method)
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(str(v) for v in row) + "\n")


def sigma(z):
    return 1 / (1 + mpmath.exp(-z))


def run(weights, biases, x):
    h = [mpmath.mpf(x)]
    for w, b in zip(weights, biases):
        h.append(sigma(mpmath.mpf(w) * h[-1] + mpmath.mpf(b)))
    n = len(weights)
    gw, gb = [None] * n, [None] * n
    up = mpmath.mpf(1)
    for k in range(n, 0, -1):
        dz = up * h[k] * (1 - h[k])
        gw[k - 1] = dz * h[k - 1]
        gb[k - 1] = dz
        up = dz * mpmath.mpf(weights[k - 1])
    return h, [up] + gw + gb


def joined(values):
    return ";".join(repr(float(v)) for v in values)


rows = []
while len(rows) < 120:
    depth = rng.choice([1, 2, 3, rng.randint(1, 12), rng.randint(1, 40)])
    scale = rng.choice([0.5, 2.0, 5.0])
    weights = [rng.uniform(-scale, scale) for _ in range(depth)]
    biases = [rng.uniform(-scale, scale) for _ in range(depth)]
    x = rng.choice([rng.uniform(-3, 3), rng.uniform(-100, 100), 0.0])
    h, grads = run(weights, biases, x)
    # backward reads each slope as h(1 - h): keep rows without saturated layers (h_k <= 1 - 1e-4),
    # where that is accurate to rounding, and whose gradients are normal doubles (or exactly 0)
    if any(v > 1 - mpmath.mpf("1e-4") for v in h[1:]):
        continue
    if any(g != 0 and abs(g) < mpmath.mpf("1e-300") for g in grads):
        continue
    rows.append((joined(weights), joined(biases), repr(x), joined(h), joined(grads)))
write("chains.csv", "ScalarChain.forward and backward: activations and gradients of random chains in mpmath at 60 digits; "
      "rows with a saturated layer (h_k > 1 - 1e-4, where h(1 - h) loses digits) are left out",
      "weights,biases,x,activations,gradients", rows)

rows = []
for z in [-708.0, -709.5, -710.0, -720.0, -730.5, -740.0, -744.0, -745.1, -746.0, -800.0, -1e300, 36.0, 37.0, 40.0, 800.0]:
    # one layer, w = 1, b = 0, input z: sigma(z) itself
    rows.append((repr(z), repr(float(sigma(mpmath.mpf(z))))))
for _ in range(40):
    z = rng.uniform(-760.0, -700.0)
    rows.append((repr(z), repr(float(sigma(mpmath.mpf(z))))))
write("tails.csv", "ScalarChain.forward(z) for the one-layer chain w = 1, b = 0: sigma(z) in mpmath at 60 digits, rounded to "
      "double (a subnormal from z < -708.4 down to about -745.1, then 0; 1 from z > 36.7)",
      "z,sigma", rows)


def entry():
    kind = rng.random()
    if kind < 0.15:
        v = rng.choice([MAX, 1.5e308, 1e308, 5e-324, 1e-320, 2.2250738585072014e-308])
    elif kind < 0.5:
        v = rng.uniform(-1, 1)
    else:
        v = math.exp(rng.uniform(math.log(1e-320), math.log(MAX)))
    return v * rng.choice([1, -1])


def rel(g, h):
    g = [mpmath.mpf(v) for v in g]
    h = [mpmath.mpf(v) for v in h]
    den = mpmath.sqrt(mpmath.fsum(v * v for v in g)) + mpmath.sqrt(mpmath.fsum(v * v for v in h))
    if den == 0:
        return mpmath.mpf(0)
    return mpmath.sqrt(mpmath.fsum((a - b) ** 2 for a, b in zip(g, h))) / den


rows = []
while len(rows) < 120:
    n = rng.randint(1, 12)
    g = [entry() for _ in range(n)]
    kind = rng.random()
    if kind < 0.3:
        h = [v * (1 + rng.uniform(-1e-6, 1e-6)) for v in g]  # a close estimate
    elif kind < 0.5:
        h = [-v for v in g]  # opposite: g - h overflows near MAX
    else:
        h = [entry() for _ in range(n)]
    if any(math.isinf(v) for v in h):
        continue
    rows.append((joined(g), joined(h), repr(float(rel(g, h)))))
rows.append((joined([MAX, MAX]), joined([-MAX, -MAX]), repr(1.0)))
rows.append((joined([MAX, -MAX, MAX]), joined([MAX, MAX, MAX]), repr(float(rel([MAX, -MAX, MAX], [MAX, MAX, MAX])))))
rows.append((joined([5e-324, 0.0]), joined([1e-323, 0.0]), repr(float(rel([5e-324], [1e-323])))))
# a row whose answer is exactly 0 (identical gradients) would pass a method that returns 0 without
# computing anything: the lesson's other checks cover identical gradients
rows = [r for r in rows if r[-1] != "0.0"]
write("relative-error.csv", "GradientCheck.relativeError(RealVector, RealVector): ||g - h|| / (||g|| + ||h||) in mpmath at 60 digits",
      "exact,estimate,expected", rows)

rows = []
while len(rows) < 100:
    g = entry()
    h = rng.choice([entry(), -g, g * (1 + rng.uniform(-1e-3, 1e-3)), 0.0])
    if math.isinf(h):
        continue
    rows.append((repr(g), repr(h), repr(float(rel([g], [h])))))
rows.append((repr(MAX), repr(-MAX), repr(1.0)))
rows.append((repr(MAX), repr(1e308), repr(float(rel([MAX], [1e308])))))
rows = [r for r in rows if r[-1] != "0.0"]
write("relative-error-scalar.csv", "GradientCheck.relativeError(double, double): |g - h| / (|g| + |h|) in mpmath at 60 digits",
      "exact,estimate,expected", rows)
print("wrote", OUT)
