#!/usr/bin/python3
"""Oracle for lesson 09 (through time): expected values at 60 significant digits.

Writes src/test/resources/oracle/09-through-time/*.csv. Every input is a double, written with Python's
repr (Java's Double.parseDouble reads back the same double); a sequence is its entries separated by
spaces. Expected values are computed with mpmath and rounded once to the nearest double (through a
40-digit decimal string, which Python's float() rounds correctly, subnormals included). The Java code
under test is never consulted.

The recurrent net's contract is about its double forward pass: a_t = w*h_{t-1} + u*x_t + b in double
arithmetic, in that order (Python's floats round exactly as Java's doubles), and h_t = tanh(a_t)
rounded to a double (here: correctly rounded; Java's Math.tanh may differ by an ulp or two, which is
why random rows are kept where the net is not sensitive to its own roundings, see `sensitivity`).
From those a_t, the gradients are exact: each tanh'(a_t) rounded once to a double (the contract of
tanhDerivative), then products and sums carried out in 60 digits and rounded once.
Run: /usr/bin/python3 src/test/oracle/09-through-time.py
"""
import math
import os
import random

from mpmath import mp, mpf, cosh, tanh, nstr

mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "oracle", "09-through-time")
SCRIPT = "src/test/oracle/09-through-time.py"
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


def seq(xs):
    """Entries separated by spaces, a run of n equal entries as x*n; '-' for an empty sequence."""
    if not xs:
        return "-"
    parts = []
    i = 0
    while i < len(xs):
        j = i
        while j < len(xs) and repr(xs[j]) == repr(xs[i]):
            j += 1
        parts.append(text(xs[i]) if j - i == 1 else "%s*%d" % (text(xs[i]), j - i))
        i = j
    return " ".join(parts)


def write(name, header, columns, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        f.write("# Written by %s (do not edit by hand).\n" % SCRIPT)
        for line in header:
            f.write("# " + line + "\n")
        f.write(",".join(columns) + "\n")
        for row in rows:
            f.write(",".join(text(v) for v in row) + "\n")


def tanh_prime(z):
    """tanh'(z) = 1/cosh(z)^2, exact for the double z (0 for an infinite z)."""
    if math.isinf(z):
        return mpf(0)
    return 1 / cosh(mpf(z)) ** 2


def tanh_prime_double(z):
    return nearest(tanh_prime(z))


# ---------------------------------------------------------------- tanh'
def tanh_derivative_rows(rng):
    zs = [0.0, -0.0, 1e-300, MIN_VALUE, 0.5, -0.5, 1.0, 2.0, -3.0, 10.0, 18.0, 19.0, 20.0, -20.0, 25.0, 40.0, -40.0,
          100.0, 300.0, -300.0, 354.0, 360.0, 372.0, 373.0, 400.0, 710.0, 1000.0, MAX_VALUE, -MAX_VALUE]
    for _ in range(40):
        zs.append(rng.choice((-1.0, 1.0)) * rng.uniform(0, 30))
    for _ in range(20):
        zs.append(rng.choice((-1.0, 1.0)) * rng.uniform(30, 400))
    for _ in range(10):
        zs.append(rng.choice((-1.0, 1.0)) * 2.0 ** rng.uniform(-60, -1))
    return [(z, tanh_prime_double(z)) for z in zs]


# ---------------------------------------------------------------- the scalar recurrent net
def forward(w, u, b, h0, xs):
    """The double forward pass: the pre-activations a_1..a_T and the states h_0..h_T."""
    h = [h0]
    a = []
    for x in xs:
        at = w * h[-1] + u * x + b
        a.append(at)
        h.append(1.0 if at == math.inf else -1.0 if at == -math.inf else nearest(tanh(mpf(at))))
    return a, h


def gradients(w, a, h):
    """dh_T/dh_0 (exact product of w and the rounded tanh'), dh_T/dw, and the sum of |terms| of dh_T/dw."""
    T = len(a)
    delta = mpf(1)
    total = mpf(0)
    magnitude = mpf(0)
    for t in range(T, 0, -1):
        slope = mpf(tanh_prime_double(a[t - 1]))
        term = delta * slope * mpf(h[t - 1])
        total += term
        magnitude += abs(term)
        delta *= mpf(w) * slope
    return delta, total, magnitude


def sensitivity(w, a):
    """The largest |dh_T/dh_t| over t: how much the end moves when one state moves by an ulp."""
    largest = mpf(1)
    delta = mpf(1)
    for t in range(len(a), 0, -1):
        delta *= mpf(w) * tanh_prime(a[t - 1])
        largest = max(largest, abs(delta))
    return largest


def rnn_row(w, u, b, h0, xs):
    a, h = forward(w, u, b, h0, xs)
    through, dw, magnitude = gradients(w, a, h)
    return (w, u, b, h0, seq(xs), h[-1], nearest(through), nearest(dw), nearest(magnitude))


def rnn_rows(rng):
    rows = []
    # Structured rows: a_t = 0 exactly at every step, so the gradient through time is w^T exactly.
    for w, T in ((1.1, 50), (2.0, 1023), (2.0, 1024), (-2.0, 1023), (0.5, 1074), (0.5, 1076), (0.999, 3000), (-0.9, 7)):
        rows.append(rnn_row(w, 1.0, 0.0, 0.0, [0.0] * T))
    # Saturation: h_T = tanh(tanh(...)) from 0.5 with w = 1, three thousand steps; and huge inputs.
    rows.append(rnn_row(1.0, 1.0, 0.0, 0.5, [0.0] * 3000))
    rows.append(rnn_row(1.0, 1.0, 0.0, 0.5, [30.0, -25.0, 40.0, 1e300, -1e300, MAX_VALUE]))
    # Intermediate overflow: 40 factors 1e10 (1e400), one of 1e10*tanh'(300) (about 1e-250), two more of 1e10.
    rows.append(rnn_row(1e10, 1.0, 0.0, 0.0, [0.0] * 40 + [300.0, -1e10, 0.0]))
    # Intermediate underflow: two factors of about 1e-250 (1e-500), then 40 factors 1e10 (dhT_dw is beyond
    # the largest double for real: one of its terms is 1e390).
    rows.append(rnn_row(1e10, 1.0, 0.0, 0.0, [300.0, 300.0 - 1e10, -1e10] + [0.0] * 39))
    # Beyond the largest double for real: 1e10 per step for 31 steps is 1e310.
    rows.append(rnn_row(1e10, 1.0, 0.0, 0.0, [0.0] * 31))
    # Random nets and sequences, kept where rounding a state cannot move the end by more than 1e3 ulps.
    kept = 0
    while kept < 60:
        T = rng.choice((1, 2, 3, 5, 8, 13, 30, 60, 120))
        w = rng.uniform(-1.6, 1.6)
        u = rng.uniform(-2.0, 2.0)
        b = rng.uniform(-1.0, 1.0)
        h0 = rng.uniform(-1.0, 1.0)
        scale = rng.choice((0.1, 1.0, 10.0))
        xs = [scale * rng.gauss(0.0, 1.0) for _ in range(T)]
        a, _ = forward(w, u, b, h0, xs)
        if sensitivity(w, a) > 1e3:
            continue
        rows.append(rnn_row(w, u, b, h0, xs))
        kept += 1
    return rows


# ---------------------------------------------------------------- the LSTM cell path
def cell_row(c0, forget, inputs, candidates, start):
    c = mpf(c0)
    for f, i, g in zip(forget, inputs, candidates):
        c = mpf(f) * c + mpf(i) * mpf(g)
    product = mpf(1)
    for f in forget[start:]:
        product *= mpf(f)
    return (c0, seq(forget), seq(inputs), seq(candidates), nearest(c), start, nearest(product))


def cell_rows(rng):
    rows = []
    rows.append(cell_row(0.7, [], [], [], 0))
    rows.append(cell_row(1.0, [0.5] * 1074, [0.0] * 1074, [0.0] * 1074, 0))
    rows.append(cell_row(1.0, [0.5] * 1076, [0.0] * 1076, [0.0] * 1076, 0))
    rows.append(cell_row(-2.0, [0.9999] * 5000, [0.5] * 5000, [-0.25] * 5000, 0))
    rows.append(cell_row(3.0, [1e-300, 1e-10] + [0.7] * 30, [0.1] * 32, [0.9] * 32, 0))
    rows.append(cell_row(0.0, [MIN_VALUE, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, -1.0, 0.5], 0))
    rows.append(cell_row(MAX_VALUE, [1.0, 0.5, 1.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0], 1))
    for _ in range(40):
        T = rng.choice((1, 2, 3, 5, 10, 40, 100))
        bias = rng.choice((0.0, 1.0, 3.0, 5.0))
        forget = [1 / (1 + math.exp(-(bias + rng.gauss(0, 1)))) for _ in range(T)]
        inputs = [rng.random() for _ in range(T)]
        candidates = [rng.uniform(-1, 1) for _ in range(T)]
        rows.append(cell_row(rng.uniform(-5, 5), forget, inputs, candidates, rng.randint(0, T)))
    return rows


def main():
    rng = random.Random(9)
    write("tanh-derivative.csv",
          ["tanh'(z) = 1/cosh(z)^2 for the double z, rounded once to the nearest double."],
          ["z", "derivative"], tanh_derivative_rows(rng))
    write("rnn.csv",
          ["A scalar RNN h_t = tanh(w*h_{t-1} + u*x_t + b) run in double from h0 over the inputs ('-' for none).",
           "hT: the last state (correctly rounded tanh at every step); dhT_dh0 = prod_t w*tanh'(a_t) and",
           "dhT_dw = sum_t delta_t*tanh'(a_t)*h_{t-1}, exact from the rounded tanh'(a_t), rounded once;",
           "terms = sum_t |delta_t*tanh'(a_t)*h_{t-1}|, the scale for dhT_dw's tolerance (its terms may cancel)."],
          ["w", "u", "b", "h0", "inputs", "hT", "dhT_dh0", "dhT_dw", "terms"], rnn_rows(rng))
    write("cell.csv",
          ["An LSTM cell path c_t = f_t*c_{t-1} + i_t*g_t from c0 ('-' for an empty sequence).",
           "cT exact (60 digits) rounded once; gradient = dc_T/dc_from = prod_{t > from} f_t, exact, rounded once."],
          ["c0", "forget", "input", "candidate", "cT", "from", "gradient"], cell_rows(rng))


if __name__ == "__main__":
    main()
