#!/usr/bin/python3
"""Oracle for lesson 03 (sigmoid saturation): expected values at 50+ significant digits.

Writes src/test/resources/oracle/03-sigmoid-saturation/*.csv. Every input is a double, written
with Python's repr (which Java's Double.parseDouble reads back to the same double); every expected
value is the double nearest the exact answer for that input, computed with mpmath and rounded once
(through a 40-digit decimal string, which Python's float() rounds correctly, subnormals included).
The Java code under test is never consulted. Run: /usr/bin/python3 src/test/oracle/03-sigmoid-saturation.py
"""
import os
import random
import struct

from mpmath import mp, mpf, exp, log, sqrt, erfc, cosh, nstr

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "oracle", "03-sigmoid-saturation")
SCRIPT = "src/test/oracle/03-sigmoid-saturation.py"
MIN_VALUE = 5e-324
MIN_NORMAL = 2.2250738585072014e-308
MAX_VALUE = 1.7976931348623157e308


def nearest(x):
    """The double nearest the mpmath number x (correctly rounded, subnormals included)."""
    if x == 0:
        return 0.0
    return float(nstr(x, 40, min_fixed=1, max_fixed=0))


def next_up(x):
    b = struct.unpack("<q", struct.pack("<d", x))[0]
    return struct.unpack("<d", struct.pack("<q", b + 1 if x >= 0 else b - 1))[0]


def next_down(x):
    return -next_up(-x)


def write(name, header, columns, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write("# Written by %s (do not edit by hand).\n" % SCRIPT)
        for line in header:
            f.write("# " + line + "\n")
        f.write(",".join(columns) + "\n")
        for row in rows:
            f.write(",".join(text(v) for v in row) + "\n")


def text(v):
    """A number as Java's Double.parseDouble and Integer.parseInt read it."""
    if isinstance(v, int):
        return str(v)
    if v != v:
        raise ValueError("NaN in an oracle row")
    if v in (float("inf"), float("-inf")):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(float(v))


def activations():
    mp.dps = 60
    rng = random.Random(30301)
    zs = [0.0, MIN_VALUE, -MIN_VALUE, 1e-300, -1e-300, 1e-9, -1e-9]
    # the edges: σ′ leaves the normal doubles (708.396), e^−z overflows (709.78), σ(z) rounds to 1 (36.74),
    # cosh² overflows (355.58), tanh′ turns subnormal (354.89) and zero (373.26), σ turns zero (745.133),
    # 1 − tanh² becomes 0 (19.06)
    for edge in [708.3964185322641, 709.782712893384, 36.7368005696771, 355.5845036272519, 354.891356446692,
                 373.2597567315305, 745.1332191019412, 19.061547465398498, 720.0, 730.5, 740.25, 744.0, 745.0,
                 745.1, 1000.0, 1e300, MAX_VALUE, 20.0, 40.0, 100.0, 350.0, 360.0, 370.0]:
        for z in (edge, next_up(edge), next_down(edge)):
            zs += [z, -z]
    zs += [rng.uniform(-760.0, 760.0) for _ in range(200)]
    zs += [rng.choice((-1, 1)) * rng.uniform(720.0, 745.0) for _ in range(60)]
    zs += [rng.choice((-1, 1)) * rng.uniform(340.0, 375.0) for _ in range(60)]
    zs += [rng.choice((-1, 1)) * 10.0 ** rng.uniform(-300.0, 2.9) for _ in range(120)]
    rows = []
    for z in zs:
        Z = mpf(z)
        a = abs(Z)
        e = exp(-a)
        sigma = 1 / (1 + exp(-Z)) if Z > -1000 else exp(Z) / (1 + exp(Z))
        dsigma = e / (1 + e) ** 2
        dtanh = 1 / cosh(Z) ** 2 if a < 10000 else mpf(0)
        rows.append((z, nearest(sigma), nearest(dsigma), nearest(dtanh)))
    write("activations.csv",
          ["sigmoid = 1/(1 + e^-z), sigmoidDerivative = e^-|z|/(1 + e^-|z|)^2, tanhDerivative = 1/cosh(z)^2,",
           "each computed with mpmath at 60 significant digits from the exact binary value of z and rounded",
           "once to the nearest double. Inputs: the edges named in the script and seeded random z over",
           "[-760, 760], the far tails 720 < |z| < 745 and 340 < |z| < 375, and |z| from 1e-300 up."],
          ["z", "sigmoid", "sigmoidDerivative", "tanhDerivative"], rows)


def thresholds():
    mp.dps = 800  # 1 − 4d must keep d = 5e-324: about 330 digits, and then 50 more
    rng = random.Random(30302)
    levels = [0.25, next_down(0.25), 0.2499, MIN_VALUE, 2 * MIN_VALUE, 3 * MIN_VALUE, 1e-310, MIN_NORMAL,
              next_down(MIN_NORMAL), 1e-300, 1e-20, 0.1, 0.01, 5.56e-309, 5.57e-309, 1.0 / MAX_VALUE]
    levels += [0.25 - 2.0 ** -k for k in range(3, 60)]
    levels += [0.25 * 10.0 ** -rng.uniform(0.0, 323.0) for _ in range(200)]
    levels += [0.25 - rng.uniform(0.0, 1e-3) for _ in range(30)]
    rows = []
    for d in levels:
        if d <= 0 or d > 0.25:
            continue
        D = mpf(d)
        q = sqrt(1 - 4 * D)
        s = (1 + q) / 2
        z = log(s / (1 - s))
        rows.append((d, nearest(z)))
    write("thresholds.csv",
          ["threshold = ln(s/(1 - s)) with s = (1 + sqrt(1 - 4d))/2, the |z| >= 0 where the sigmoid's derivative",
           "equals the level d; mpmath at 800 significant digits (so 1 - 4d keeps even the smallest subnormal d),",
           "from the exact binary value of d, rounded once. Inputs: edges (1/4, levels just below 1/4,",
           "subnormal levels) and seeded random levels spread evenly in log scale over (5e-324, 1/4]."],
          ["level", "threshold"], rows)


def layer_bounds():
    mp.dps = 60
    rng = random.Random(30303)
    cases = [(0, 0.0), (3, 0.0), (1, 0.0), (0, 7.5), (10, 1.0), (10, 4.0), (1000, 4.0), (1, MAX_VALUE),
             (2, MAX_VALUE), (1, MIN_VALUE), (1, 3 * MIN_VALUE), (1, 4 * MIN_VALUE), (1, 6 * MIN_VALUE),
             (600, 6.0), (600, 2.0), (513, 8.0), (1074, 2.0), (1075, 2.0), (700, 3.0), (2000, 4.000001),
             (1, 1e-300), (2, 1e-160)]
    for _ in range(200):
        cases.append((rng.randint(0, 3000), 4.0 * 2.0 ** rng.uniform(-2.0, 2.0)))
    for _ in range(60):
        cases.append((rng.randint(0, 40), 10.0 ** rng.uniform(-20.0, 20.0)))
    rows = []
    for n, w in cases:
        b = (mpf(w) / 4) ** n
        if b > MAX_VALUE * (1 + mpf(2) ** -54):
            value = float("inf")
        else:
            value = nearest(b)
        rows.append((n, w, value))
    write("layer-bounds.csv",
          ["bound = (maxWeight/4)^depth, exactly (mpmath at 60 significant digits from the exact binary",
           "maxWeight), rounded once; Infinity where the exact value lies beyond every double. Inputs: edges",
           "(0^0, w = 4, the largest and the smallest doubles, 4^n overflowing) and seeded random rows."],
          ["depth", "maxWeight", "bound"], rows)


def fractions():
    mp.dps = 60
    rng = random.Random(30304)
    cases = [(1.0, 0.0), (MIN_VALUE, 0.0), (MAX_VALUE, 0.0), (MIN_VALUE, MIN_VALUE), (3 * MIN_VALUE, 3 * MIN_VALUE),
             (3 * MIN_VALUE, 5 * MIN_VALUE), (1e-310, 2e-310), (1e-300, 1e300), (1e300, 1e-300), (MAX_VALUE, MAX_VALUE),
             (1.0, 37.5), (1.0, 38.0), (1.0, 38.4), (1.0, 38.5), (1.0, 40.0), (1.0, 41.0), (2.0, 4.6), (10.0, 4.6)]
    for _ in range(150):
        s = 10.0 ** rng.uniform(-300.0, 300.0)
        r = rng.uniform(0.0, 38.0)
        cases.append((s, s * r))
    for _ in range(60):
        s = 10.0 ** rng.uniform(-5.0, 5.0)
        cases.append((s, s * 10.0 ** rng.uniform(-8.0, 1.5)))
    for _ in range(20):
        s = MIN_VALUE * rng.randint(1, 2000)
        cases.append((s, MIN_VALUE * rng.randint(0, 4000)))
    rows = []
    for s, t in cases:
        x = mpf(t) / (mpf(s) * sqrt(2))
        p = erfc(x) if x < 1000 else mpf(0)  # erfc(1000) < 1e-434000: far below every double
        rows.append((s, t, nearest(p)))
    write("saturated-fractions.csv",
          ["fraction = P(|z| > t) for z ~ N(0, s^2) = erfc(t/(s*sqrt(2))), mpmath at 60 significant digits",
           "from the exact binary s and t, rounded once. Inputs: edges (t = 0, subnormal s and t, a ratio t/s",
           "that overflows or underflows, the far tail t/s near 38.5) and seeded random rows."],
          ["standardDeviation", "threshold", "fraction"], rows)


if __name__ == "__main__":
    activations()
    thresholds()
    layer_bounds()
    fractions()
