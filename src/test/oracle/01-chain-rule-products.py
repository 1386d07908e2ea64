#!/usr/bin/python3
"""Oracle for lesson 01 (gradientkata.chain.ChainRule): writes src/test/resources/oracle/01-chain-rule-products/*.csv.

Run: /usr/bin/python3 src/test/oracle/01-chain-rule-products.py   (needs python3-mpmath)

- repeated-product.csv, log10-magnitude.csv, composite-derivative.csv: mpmath at 60 digits,
  rounded once to the nearest double.
- underflow-depth.csv, depth-below.csv: the contract is about the product multiplied out one
  factor at a time in double arithmetic, so the expected depth comes from Python's IEEE-754
  doubles (which round exactly as Java's do); depth-below.csv also records the depth in exact
  arithmetic (mpmath), for the reader, and says where the two differ.
- depth-below-stuck.csv: inputs whose double product sticks at a subnormal at or above the threshold.
"""
import math
import os
import random

import mpmath

mpmath.mp.dps = 60
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "oracle", "01-chain-rule-products")
SCRIPT = "src/test/oracle/01-chain-rule-products.py"
rng = random.Random(20260301)
MIN = 5e-324


def write(name, method, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write("# written by %s, do not edit: run the script instead\n" % SCRIPT)
        f.write("# %s\n" % method)
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(str(v) for v in row) + "\n")


def d(x):
    """An mpf rounded once to the nearest double, printed so that it reads back exactly."""
    return repr(float(x))


def log_uniform(lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


# ---- repeatedProduct: a^n for |a| in (0, 4], n up to 1000, where a^n stays a normal double.
rows = []
while len(rows) < 120:
    a = log_uniform(1e-3, 4.0) * rng.choice([1, -1])
    n = rng.choice([rng.randint(0, 20), rng.randint(0, 1000)])
    exact = mpmath.mpf(a) ** n
    if exact != 0 and not (mpmath.mpf(2) ** -1000 < abs(exact) < mpmath.mpf(2) ** 1000):
        continue
    rows.append((repr(a), n, d(exact)))
write("repeated-product.csv", "ChainRule.repeatedProduct(factor, depth): a^n in mpmath at 60 digits, rounded to double; "
      "rows keep 2^-1000 < |a^n| < 2^1000, where n roundings cost at most n * 2^-53 relative",
      "factor,depth,expected", rows)

# ---- log10Magnitude: lists of 1 to 400 factors from subnormal to 1e300, both signs.
rows = []
while len(rows) < 100:
    count = rng.choice([1, 2, 3, rng.randint(1, 40), rng.randint(1, 400)])
    factors = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.05:
            f = rng.choice([MIN, 2.2250738585072014e-308, 1.7976931348623157e308, 1e-320])
        elif kind < 0.5:
            f = log_uniform(1e-3, 1.0)
        else:
            f = log_uniform(1e-310, 1e300)
        factors.append(f * rng.choice([1, -1]))
    terms = [mpmath.log10(abs(mpmath.mpf(f))) for f in factors]
    exact = mpmath.fsum(terms)
    # a sum that cancels to near zero has no relative accuracy: keep rows whose sum is not tiny
    # next to its terms (the check's 1e-12 relative tolerance must hold for any correct summation)
    if abs(exact) < 1e-2 * mpmath.fsum(abs(t) for t in terms):
        continue
    rows.append((";".join(repr(f) for f in factors), d(exact)))
write("log10-magnitude.csv", "ChainRule.log10Magnitude(factors): sum of log10|f| in mpmath at 60 digits, rounded to double; "
      "factors joined by ';'; rows whose sum cancels below 1% of the sum of |terms| are left out",
      "factors,expected", rows)


# ---- underflowDepth: |a| <= 1/2, from subnormal to exactly 1/2; Python doubles.
def underflow_depth(a):
    p, n = 1.0, 0
    while p != 0.0:
        p *= a
        n += 1
    return n


cases = [0.5, -0.5, 0.25, 0.3, 0.1, 0.49999999999999994, -0.4999999, 1e-10, 1e-200, MIN, -MIN, 0.0,
         2.2250738585072014e-308, 1.4916681462400413e-154]
while len(cases) < 100:
    cases.append(rng.choice([log_uniform(1e-300, 0.5), rng.uniform(0.3, 0.5), log_uniform(MIN, 1e-250)])
                 * rng.choice([1, -1]))
write("underflow-depth.csv", "ChainRule.underflowDepth(factor): the first n at which the product, multiplied out in "
      "IEEE-754 doubles (Python floats round as Java's doubles do), is exactly 0.0",
      "factor,depth", [(repr(a), underflow_depth(a)) for a in cases])


# ---- depthBelow: |a| < 1, threshold in (0, 1); Python doubles, plus the exact depth.
def depth_below_double(a, t):
    m, n = 1.0, 0
    while True:
        nxt = m * abs(a)
        if nxt == m:
            return None  # stuck at a subnormal
        m = nxt
        n += 1
        if m < t:
            return n


def depth_below_exact(a, t):
    a, t = abs(mpmath.mpf(a)), mpmath.mpf(t)
    if a == 0:
        return 1
    n = int(mpmath.floor(mpmath.log(t) / mpmath.log(a))) + 1
    while n > 1 and a ** (n - 1) < t:
        n -= 1
    while not a ** n < t:
        n += 1
    return n


cases = [(0.5, 2.0 ** -10), (0.25, 2.0 ** -20), (-0.5, 0.125), (0.5, MIN), (0.25, MIN), (0.1, 0.001),
         (0.9, 1e-6), (0.99, 0.5), (0.0, 0.5), (-0.0, 1e-300), (0.999999, 0.5), (0.5, 0.5), (0.5, 0.49999999999999994),
         (0.75, 2.0 ** -1073), (0.3, 1e-320), (MIN, 0.9), (0.9999999, 1e-3)]
while len(cases) < 160:
    kind = rng.random()
    if kind < 0.4:
        a = rng.uniform(0.0, 1.0)
    elif kind < 0.7:
        a = 1.0 - log_uniform(1e-6, 0.5)
    else:
        a = log_uniform(1e-300, 0.5)
    t = rng.choice([log_uniform(1e-300, 1.0), log_uniform(1e-323, 1e-300), rng.uniform(0.0, 1.0)])
    a *= rng.choice([1, -1])
    if not 0.0 < t < 1.0 or abs(a) >= 1.0 or (a != 0 and math.log(t) / math.log(abs(a)) > 2e6):
        continue
    cases.append((a, t))
rows, stuck, differ = [], [], 0
for a, t in cases:
    n = depth_below_double(a, t)
    if n is None:
        stuck.append((repr(a), repr(t)))
        continue
    exact = depth_below_exact(a, t)
    differ += exact != n
    rows.append((repr(a), repr(t), n, exact))
write("depth-below.csv", "ChainRule.depthBelow(factor, threshold): the first n with |a^n| < threshold, a^n multiplied out "
      "in IEEE-754 doubles (Python floats); exactDepth is the same in exact arithmetic (mpmath), for reference: "
      "they differ in %d of %d rows" % (differ, len(rows)),
      "factor,threshold,depth,exactDepth", rows)
write("depth-below-stuck.csv", "ChainRule.depthBelow(factor, threshold): inputs whose product, multiplied out in IEEE-754 "
      "doubles, sticks at a subnormal at or above the threshold (x * |a| rounds back to x): no depth exists",
      "factor,threshold", stuck)

# ---- compositeDerivative: chains of sigmoid, tanh, sin, exp, each derivative taken at the value flowing in.
LAYERS = {
    "sigmoid": (lambda u: 1 / (1 + mpmath.exp(-u)), lambda u: mpmath.exp(-u) / (1 + mpmath.exp(-u)) ** 2),
    "tanh": (mpmath.tanh, lambda u: 1 / mpmath.cosh(u) ** 2),
    "sin": (mpmath.sin, mpmath.cos),
    "exp": (mpmath.exp, mpmath.exp),
}
rows = []
while len(rows) < 120:
    names = [rng.choice(["sigmoid", "tanh", "sin", "sin", "exp"]) for _ in range(rng.randint(1, 12))]
    if names.count("exp") > 2:
        continue
    x = rng.choice([rng.uniform(-3, 3), rng.uniform(-30, 30)])
    u, deriv, ok = mpmath.mpf(x), mpmath.mpf(1), True
    for name in names:
        f, df = LAYERS[name]
        local = df(u)
        # a local derivative near a zero (cos near pi/2) is ill-conditioned: the layer's input,
        # computed in doubles, moves it by a large relative amount; leave such rows out
        if abs(local) < 1e-3 * (1 + abs(u)) and name == "sin":
            ok = False
        if abs(u) > 30 and name == "exp":
            ok = False
        # Commons Math's Tanh and Sigmoid differentiate as 1 - tanh^2 and s(1 - s), which lose
        # digits in their tails (at |u| = 5 about 1e-12 relative): compositeDerivative can be no
        # more accurate than its layers, so rows keep those layers' inputs within |u| <= 5
        if abs(u) > 5 and name in ("tanh", "sigmoid"):
            ok = False
        if abs(u) > 50 and name == "sin":
            ok = False
        deriv *= local
        u = f(u)
    if not ok or deriv == 0 or not (mpmath.mpf(10) ** -250 < abs(deriv) < mpmath.mpf(10) ** 250):
        continue
    rows.append(("-".join(names), repr(x), d(deriv)))
write("composite-derivative.csv", "ChainRule.compositeDerivative(layers, x): the product of the local derivatives, each at "
      "the value flowing into its layer, in mpmath at 60 digits, rounded to double; rows with a sine layer whose "
      "derivative is near zero (ill-conditioned), or a tanh or sigmoid layer fed |u| > 5 (Commons Math's own "
      "derivative loses digits there), are left out",
      "chain,x,expected", rows)
print("wrote", OUT, "- depthBelow: double and exact depths differ in", differ, "rows;", len(stuck), "stuck inputs")
