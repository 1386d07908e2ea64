#!/usr/bin/python3
"""Oracle for lesson 04 (exploding factors): expected values at 50+ significant digits.

Writes src/test/resources/oracle/04-exploding-factors/*.csv. Every input is a double, written with
Python's repr (Java's Double.parseDouble reads back the same double); vectors are entries separated
by spaces, matrices rows separated by ';'. Expected values are exact answers for those doubles,
computed with mpmath and rounded once to the nearest double (through a 40-digit decimal string,
which Python's float() rounds correctly, subnormals included). Products "multiplied out in double"
are, by their contract, the IEEE 754 double products that Python's float also computes, one
multiplication at a time. The Java code under test is never consulted.
Run: /usr/bin/python3 src/test/oracle/04-exploding-factors.py
"""
import math
import os
import random

from mpmath import mp, mpf, sqrt, acosh, nstr, matrix, eig, svd_r

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "oracle", "04-exploding-factors")
SCRIPT = "src/test/oracle/04-exploding-factors.py"
MAX_VALUE = 1.7976931348623157e308
MIN_VALUE = 5e-324


def nearest(x):
    """The double nearest the mpmath number x; Infinity beyond the largest double's rounding edge."""
    if x == 0:
        return 0.0
    if abs(x) >= mpf(2) ** 1024 * (1 - mpf(2) ** -54):
        return math.inf if x > 0 else -math.inf
    return float(nstr(x, 40, min_fixed=1, max_fixed=0))


def text(v):
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return v
    if v != v:
        raise ValueError("NaN in an oracle row")
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(float(v))


def vec(xs):
    return " ".join(text(x) for x in xs)


def mat(rows):
    return "; ".join(vec(r) for r in rows)


def write(name, header, columns, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write("# Written by %s (do not edit by hand).\n" % SCRIPT)
        for line in header:
            f.write("# " + line + "\n")
        f.write(",".join(columns) + "\n")
        for row in rows:
            f.write(",".join(text(v) for v in row) + "\n")


def random_vector(rng, low, high):
    n = rng.randint(1, 8)
    return [rng.choice((-1.0, 1.0)) * rng.uniform(1.0, 2.0) * 2.0 ** rng.randint(low, high) for _ in range(n)]


def exact_norm(g):
    return sqrt(sum(mpf(x) ** 2 for x in g))


def vectors(rng):
    vs = [[3.0, 4.0], [1e200, 1e200], [1e-200, 1e-200], [MIN_VALUE, MIN_VALUE], [MAX_VALUE, MAX_VALUE],
          [1.5e308, 1.5e308], [1.2e308, 1.2e308], [1e308, 1e308, 1e-308], [MIN_VALUE], [-MAX_VALUE], [0.0, 0.0],
          [0.0, -0.0, 5e-324], [1e300, 1e-20], [3e-310, 4e-310], [1e154, 1e154], [1e-162, 1e-162]]
    for _ in range(80):
        vs.append(random_vector(rng, -1074, 1023))
    for _ in range(40):
        vs.append(random_vector(rng, 1015, 1023))
    for _ in range(40):
        vs.append(random_vector(rng, -1074, -1015))
    for _ in range(40):
        vs.append(random_vector(rng, -30, 30))
    return [[x if x != 0 or True else x for x in v] for v in vs]


def norms(rng):
    mp.dps = 60
    rows = []
    for g in vectors(rng):
        g = [max(-MAX_VALUE, min(MAX_VALUE, x)) if not math.isinf(x) else MAX_VALUE for x in g]
        rows.append((vec(g), nearest(exact_norm(g))))
    write("norms.csv",
          ["norm = sqrt(sum of g_i^2), exactly (mpmath at 60 digits) for the double entries, rounded once;",
           "Infinity where it exceeds the largest double. Inputs: edges (huge, tiny and subnormal entries, norms",
           "that overflow though every entry is finite) and seeded random vectors of 1 to 8 entries of any size."],
          ["gradient", "norm"], rows)


def clips(rng):
    mp.dps = 60
    cases = [([3.0, 4.0], 5.0), ([3.0, 4.0], 2.5), ([1.5e308, 1.5e308], 1.0), ([MAX_VALUE, -MAX_VALUE, MAX_VALUE], 2.0),
             ([3e300, 4e300], 1e-300), ([3e300, 4e300], MIN_VALUE), ([1e300, 1e-20], 1e299), ([MIN_VALUE, MIN_VALUE], MIN_VALUE),
             ([3 * 2.0 ** -1070, 4 * 2.0 ** -1070], 2.0 ** -1070), ([1e-300, -2e-300], 1e-301), ([6.0, 8.0], 10.0),
             ([3 * 2.0 ** 900, 4 * 2.0 ** 900], 5 * 2.0 ** 900), ([3 * 2.0 ** 900, 4 * 2.0 ** 900], 4.999 * 2.0 ** 900),
             ([1.0, 1.0], math.inf), ([MAX_VALUE, MAX_VALUE], MAX_VALUE)]
    for g in vectors(rng):
        norm = exact_norm(g)
        if norm == 0:
            continue
        choice = rng.random()
        if choice < 0.6:   # clipped: θ below the norm, anywhere down to the subnormals
            theta = float(nstr(norm * mpf(10) ** -rng.uniform(0.0, 300.0), 20))
        else:              # left alone: θ above the norm
            theta = float(nstr(norm * mpf(10) ** rng.uniform(0.01, 3.0), 20))
        if not (0 < theta < math.inf):
            continue
        cases.append((g, theta))
    rows = []
    for g, theta in cases:
        norm = exact_norm(g)
        if norm > theta:
            out = [nearest(mpf(theta) * mpf(x) / norm) for x in g]
        else:
            out = list(g)
        rows.append((vec(g), theta, vec(out)))
    write("clip-by-norm.csv",
          ["clipped = theta*g/||g|| when ||g|| > theta (exact norm, mpmath at 60 digits, each entry rounded once),",
           "else g itself. Inputs: edges (a norm that overflows, theta/||g|| that underflows, ties ||g|| = theta,",
           "subnormal gradients and thresholds, theta = Infinity) and seeded random gradients of every size with",
           "thresholds below and above their norm."],
          ["gradient", "threshold", "clipped"], rows)


def sequential_product(a, n):
    p = 1.0
    for _ in range(n):
        p *= a
    return p


def overflow_depth(a):
    p, n = 1.0, 0
    while not math.isinf(p):
        p *= a
        n += 1
    return n


def products(rng):
    cases = [(0.75, 2000), (-0.75, 2001), (-0.75, 2000), (0.4, 2000), (0.5, 1074), (0.5, 1075), (2.0, 1023),
             (2.0, 1024), (-2.0, 1025), (1.1, 50), (10.0, 308), (10.0, 309), (0.1, 323), (0.1, 324), (math.inf, 3),
             (-math.inf, 3), (0.0, 0), (0.0, 5), (-0.0, 3), (1.0, 100000), (-1.0, 99999), (MIN_VALUE, 1),
             (MAX_VALUE, 1), (MAX_VALUE, 2), (0.9999, 100000), (1.0001, 100000)]
    for _ in range(120):
        a = rng.choice((-1, 1)) * 2.0 ** rng.uniform(-3.0, 3.0)
        cases.append((a, rng.randint(0, 4000)))
    rows = [(a, n, sequential_product(a, n)) for a, n in cases]
    write("repeated-products.csv",
          ["product = factor^depth multiplied out in IEEE double one layer at a time, first factor first (Python's",
           "float arithmetic is that same IEEE 754 arithmetic). Inputs: edges (products that stall at the smallest",
           "double, that underflow or overflow at a power of two, infinite and zero factors) and seeded random rows."],
          ["factor", "depth", "product"], rows)
    factors = [2.0, -2.0, 10.0, -10.0, 1.1, MAX_VALUE, -MAX_VALUE, math.inf, 1.01, -1.01, 1.001, 1.5,
               math.sqrt(MAX_VALUE), -math.sqrt(MAX_VALUE), 1.3407807929942596e154, 1.0 + 2.0 ** -12]
    for _ in range(150):
        factors.append(rng.choice((-1, 1)) * math.exp(math.exp(rng.uniform(math.log(0.05), math.log(709.0)))))
    # rounding edges: factors where ln(MAX_VALUE) / ln|a| rounded up is not the counted depth
    found = 0
    for _ in range(4000):
        if found == 25:
            break
        a = math.exp(math.exp(rng.uniform(math.log(0.05), math.log(50.0))))
        estimate = math.ceil(math.log(MAX_VALUE) / math.log(a))
        if overflow_depth(a) != estimate:
            factors.append(a)
            found += 1
    rows = [(a, overflow_depth(a)) for a in factors]
    write("overflow-depths.csv",
          ["depth = the first n >= 1 at which factor^n multiplied out in IEEE double (as above) is infinite.",
           "Inputs: edges (the largest double, its square root, infinite factors, factors near one), up to 25 seeded",
           "factors (from 4000 tries) where ceil(ln(MAX_VALUE)/ln|a|) is off by one, and seeded random factors with ln|a| in (0.05, 709)."],
          ["factor", "depth"], rows)


def half_width(w):
    return 2 * acosh(sqrt(abs(mpf(w))) / 2)


def bands(rng):
    mp.dps = 60
    weights = [4.0000000000000009, 4.000000000000001, 4.0 + 2.0 ** -40, 4.001, 4.5, 5.0, 8.0, 10.0, 100.0, 1e4, 1e8,
               1e15, 1e16, 1e17, 1e100, 1e300, MAX_VALUE]
    weights += [-w for w in weights[:8]]
    for _ in range(120):
        weights.append(rng.choice((-1, 1)) * 4.0 * 10.0 ** rng.uniform(1e-12, 308.0 - 0.7))
    for _ in range(30):
        weights.append(rng.choice((-1, 1)) * (4.0 + 10.0 ** rng.uniform(-15.0, 0.0)))
    rows = [(w, nearest(half_width(w))) for w in weights if abs(w) > 4]
    write("half-widths.csv",
          ["halfWidth = ln((1 + r)/(1 - r)) with r = sqrt(1 - 4/|w|) = 2*acosh(sqrt(|w|)/2), mpmath at 60 digits",
           "from the exact binary weight, rounded once. Inputs: weights just above 4, huge weights up to the largest",
           "double, and seeded random weights spread in log scale."],
          ["weight", "halfWidth"], rows)
    cases = [(5.0, 0.0), (-5.0, 0.0), (8.0, -2.0), (-8.0, 3.0), (4.000000000000001, 1e-300), (MAX_VALUE, 1.0),
             (1e300, -1e300), (5.0, 1e20), (-6.0, -MAX_VALUE), (1e-300 + 5.0, 7.5)]
    for _ in range(100):
        w = rng.choice((-1, 1)) * 4.0 * 10.0 ** rng.uniform(1e-9, 6.0)
        b = rng.choice((-1, 1)) * 10.0 ** rng.uniform(-5.0, 5.0)
        cases.append((w, b))
    rows = []
    for w, b in cases:
        c = half_width(w)
        ends = sorted([(-c - mpf(b)) / mpf(w), (c - mpf(b)) / mpf(w)])
        rows.append((w, b, nearest(ends[0]), nearest(ends[1])))
    write("bands.csv",
          ["low, high = the ends of the x with |w*x + b| < c, c the half-width above: (-c - b)/w and (c - b)/w in",
           "order, exactly (mpmath at 60 digits), each rounded once. Inputs: edges and seeded random rows."],
          ["weight", "bias", "low", "high"], rows)


def random_matrix(rng, rows, columns, scale):
    return [[rng.gauss(0.0, 1.0) * scale for _ in range(columns)] for _ in range(rows)]


def spectra(rng):
    mp.dps = 50
    square = [[[1e10, 2e10], [-3e10, 1e10]], [[1e-20, 2e-20], [3e-20, 4e-20]], [[0.0, 0.0], [0.0, 0.0]],
              [[MIN_VALUE, 0.0], [0.0, 3 * MIN_VALUE]], [[1e300, 1e300], [-1e300, 1e300]], [[0.0, 1e-310], [1e-310, 0.0]],
              [[2.0, 0.0], [0.0, 0.5]], [[0.9, 5.0], [0.0, 0.9]], [[1e10, 0.0, 0.0], [0.0, 1e10, 1e10], [0.0, 0.0, 1e10]]]
    for _ in range(60):
        n = rng.randint(1, 4)
        square.append(random_matrix(rng, n, n, 10.0 ** rng.uniform(-300.0, 300.0)))
    rows = []
    for w in square:
        m = matrix([[mpf(x) for x in r] for r in w])
        if all(x == 0 for r in w for x in r):
            radius = mpf(0)
        else:
            scale = max(abs(mpf(x)) for r in w for x in r)
            values = eig(m / scale)[0]
            radius = max(abs(v) for v in values) * scale
        rows.append((mat(w), nearest(radius)))
    write("spectral-radii.csv",
          ["radius = the largest |lambda| over the (possibly complex) eigenvalues of W, mpmath eig at 50 digits on the",
           "exact binary entries (divided by the largest entry, then multiplied back), rounded once. Inputs: edges",
           "(entries near 1e10, 1e-20, 1e300, subnormal, all zero) and seeded random matrices up to 4x4 of every scale."],
          ["matrix", "radius"], rows)
    shapes = [[[1e10, 2e10], [-3e10, 1e10]], [[1e-20, 2e-20, 5e-21], [3e-20, 4e-20, 0.0]], [[0.0, 0.0]],
              [[MIN_VALUE], [2 * MIN_VALUE]], [[1e300, 1e300], [1e300, 1e300]], [[3.0], [4.0]], [[3.0, 4.0]]]
    for _ in range(60):
        shapes.append(random_matrix(rng, rng.randint(1, 4), rng.randint(1, 4), 10.0 ** rng.uniform(-300.0, 300.0)))
    rows = []
    for w in shapes:
        if all(x == 0 for r in w for x in r):
            largest = mpf(0)
        else:
            scale = max(abs(mpf(x)) for r in w for x in r)
            m = matrix([[mpf(x) / scale for x in r] for r in w])
            largest = max(svd_r(m, compute_uv=False)) * scale
        rows.append((mat(w), nearest(largest)))
    write("singular-values.csv",
          ["largest = the largest singular value of W, mpmath svd at 50 digits on the exact binary entries (divided by",
           "the largest entry, then multiplied back), rounded once. Inputs: edges and seeded random matrices of every",
           "shape up to 4x4 and every scale."],
          ["matrix", "largest"], rows)


if __name__ == "__main__":
    rng = random.Random(40401)
    norms(rng)
    clips(rng)
    products(rng)
    bands(rng)
    spectra(rng)
