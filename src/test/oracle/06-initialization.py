#!/usr/bin/python3
"""Oracle values for lesson 06 (initialization and symmetry), computed with mpmath at 40 digits.

Writes, next to the other lessons' oracle files, src/test/resources/oracle/06-initialization/:
  scales.csv      fan-in, fan-out, Xavier std sqrt(2/(n_in + n_out)), He std sqrt(2/n_in), variance facts
  mean-field.csv  the mean-field (infinitely wide) prediction of the spread of a deep stack of square
                  layers with weights N(0, c^2/n): tanh with c times the Xavier std, ReLU with c times
                  the He std, as log10 of the spread after l layers forward (activations, over the
                  input's spread) and l layers back (gradients, over the output gradient's spread).

The tests quote these numbers in their @CsvSource tables with the source named beside them.
Run from the kata's root:  /usr/bin/python3 src/test/oracle/06-initialization.py
"""
import csv
import os

import mpmath as mp

mp.mp.dps = 40
OUT = os.path.join("src", "test", "resources", "oracle", "06-initialization")
MAX_INT = 2**31 - 1


def double(x):
    """The double nearest to the mpf x, printed so that Java's Double.parseDouble reads it back exactly."""
    return repr(float(x))


def scales():
    rows = []
    for fan_in, fan_out in [(784, 256), (1, 1), (3, 5), (5, 3), (1000, 10), (10, 1000), (256, 256),
                            (MAX_INT, MAX_INT), (1, MAX_INT)]:
        xavier = mp.sqrt(mp.mpf(2) / (fan_in + fan_out))
        he = mp.sqrt(mp.mpf(2) / fan_in)
        rows.append([fan_in, fan_out, double(xavier), double(he), mp.nstr(xavier, 25), mp.nstr(he, 25)])
    return rows


def gaussian(f, q):
    """E[f(z)] for z ~ N(0, q)."""
    s = mp.sqrt(q)
    return mp.quad(lambda t: f(s * t) * mp.npdf(t), [-mp.inf, -6, -2, 0, 2, 6, mp.inf])


def tanh_mean_field(c, depth, input_variance=1):
    """Per layer l = 1..depth: log10 of the activation spread ratio RMS(h_l)/RMS(h_0), and log10 of the
    gradient factor sqrt(chi_l) that layer l applies on the way back, chi_l = c^2 E[tanh'(z_l)^2]."""
    c2 = mp.mpf(c) ** 2
    q = c2 * input_variance                  # variance of the pre-activations z_1 = W_1 h_0
    act, chi = [], []
    for _ in range(depth):
        mean_square = gaussian(lambda z: mp.tanh(z) ** 2, q)
        act.append(mp.log10(mp.sqrt(mean_square / input_variance)))
        chi.append(mp.log10(c2 * gaussian(lambda z: mp.sech(z) ** 4, q)) / 2)
        q = c2 * mean_square
    return act, chi


def mean_field(depth=50, layers=(25, 50)):
    rows = []
    for c in ["0.5", "1", "2"]:
        act, chi = tanh_mean_field(mp.mpf(c), depth)
        for l in layers:
            back = sum(chi[depth - l:])      # the l layers nearest the output
            rows.append(["tanh", c, l, mp.nstr(act[l - 1], 6), mp.nstr(back, 6)])
        for l in layers:
            # ReLU with Var(w) = c^2 * 2/n: E[relu(z)^2] = Var(z)/2 and E[relu'(z)^2] = 1/2, so the mean square
            # of the activations and of the gradient is multiplied by exactly c^2 per layer.
            exact = l * mp.log10(mp.mpf(c))
            rows.append(["relu", c, l, mp.nstr(exact, 6), mp.nstr(exact, 6)])
    return rows


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "scales.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["fan_in", "fan_out", "xavier_std", "he_std", "xavier_std_25_digits", "he_std_25_digits"])
        w.writerows(scales())
    with open(os.path.join(OUT, "mean-field.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["activation", "scale_c", "layers_l", "log10_activation_ratio", "log10_gradient_ratio"])
        w.writerows(mean_field())
