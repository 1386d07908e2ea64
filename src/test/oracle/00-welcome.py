#!/usr/bin/python3
"""Oracle for lesson 00 (gradientkata.welcome.Welcome): writes src/test/resources/oracle/00-welcome/derivative.csv.

Run: /usr/bin/python3 src/test/oracle/00-welcome.py   (needs python3-mpmath)

f'(x) = cos(x^2) * 2x for the double x itself, with x^2 exact: mpmath at 400 significant digits
(x^2 reaches 1.8e308, and cos needs x^2 to far more digits than that), rounded once to double.
"""
import math
import os
import random

import mpmath

mpmath.mp.dps = 400
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "oracle", "00-welcome")
rng = random.Random(20260300)
LARGEST = 1.3407807929942596e154  # the largest double whose square is finite (the next one up squares to Infinity)
assert math.isfinite(LARGEST * LARGEST) and math.isinf(math.nextafter(LARGEST, math.inf) * math.nextafter(LARGEST, math.inf))

xs = [5e-324, -5e-324, 1e-300, 2.2250738585072014e-308, 1.4916681462400413e-154, 0.5, 1.0, 2.0, -3.0,
      100.1, 12345.678, 1e5 + 0.1, 3037000499.97605, 1e8 + 1, 6.7108864e7 + 0.5, 1e15 + 0.3, 1e100, -1e150,
      LARGEST, -LARGEST, math.nextafter(LARGEST, 0.0)]
while len(xs) < 240:
    kind = rng.random()
    if kind < 0.3:
        x = rng.uniform(-10, 10)
    elif kind < 0.6:
        x = math.exp(rng.uniform(math.log(10), math.log(1e9)))
    else:
        x = math.exp(rng.uniform(math.log(1e-320), math.log(LARGEST)))
    xs.append(x * rng.choice([1, -1]))

rows, left_out = [], 0
for x in xs:
    X = mpmath.mpf(x)
    c = mpmath.cos(X * X)
    # near a zero of cos(x^2) the answer has no relative accuracy to give (its absolute error is a
    # few 1e-16 times 2|x|): keep rows with |cos(x^2)| >= 1e-3 so that 1e-12 relative is fair
    if abs(c) < mpmath.mpf("1e-3"):
        left_out += 1
        continue
    rows.append((repr(x), repr(float(c * 2 * X))))
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "derivative.csv"), "w") as f:
    f.write("# written by src/test/oracle/00-welcome.py, do not edit: run the script instead\n")
    f.write("# Welcome.derivative(x): cos(x^2) * 2x with x^2 exact, mpmath at 400 digits, rounded to double; "
            "%d inputs with |cos(x^2)| < 1e-3 left out\n" % left_out)
    f.write("x,expected\n")
    for r in rows:
        f.write(",".join(r) + "\n")
print("wrote", len(rows), "rows,", left_out, "left out")
