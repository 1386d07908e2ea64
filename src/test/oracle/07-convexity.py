#!/usr/bin/python3
"""Oracle values for lesson 07 (convexity), computed with mpmath at 400 significant digits.

Run from the kata's root folder:   /usr/bin/python3 src/test/oracle/07-convexity.py
It rewrites the CSV files in src/test/resources/oracle/07-convexity/, which the lesson's tests read.
Every value is printed with 17 significant digits, enough to pin a double; a value below the
smallest double (e^-800 ≈ 3.7e-348) is printed as it is and reads back as 0.0, its correctly
rounded value. The formulas are written from the definitions, independently of the Java code.
"""
import os
from mpmath import mp, mpf, exp, log, tanh

mp.dps = 400  # 1 - sigma(700) needs more than 304 digits; 400 leave room
OUT = os.path.join("src", "test", "resources", "oracle", "07-convexity")


def sigma(z):
    return 1 / (1 + exp(-z))


def cross_entropy(z, y):
    # -log sigma(z) for y = 1, -log(1 - sigma(z)) for y = 0, straight from the definition
    return -log(sigma(z)) if y == 1 else -log(1 - sigma(z))


def s17(v):
    return mp.nstr(v, 17, min_fixed=0, max_fixed=0) if v != 0 else "0.0"


def write(name, header, rows):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


# 1. One example with one feature x = 1 and weight w = z: the loss is the cross-entropy, the
#    gradient is the error sigma(z) - y, the Hessian is sigma(z)(1 - sigma(z)).
rows = []
for z in ["0", "1", "-1", "2.5", "-3", "20", "-20", "40", "-40", "700", "-700", "800", "-800", "1e-20", "-1e-20"]:
    for y in [0, 1]:
        zz = mpf(z)
        p = sigma(zz)
        rows.append([z, str(y), s17(cross_entropy(zz, y)), s17(p), s17(log(1 + exp(zz))), s17(p - y), s17(p * (1 - p))])
write("one-example.csv", "z,y,crossEntropy,sigmoid,softplus,error,hessian", rows)

# 2. A tiny logistic-regression data set (a bias column of ones and two features), at one w:
#    the loss, every partial derivative and every second partial derivative.
X = [[1, mpf("0.5"), mpf("-1.5")], [1, mpf("-2"), mpf("0.25")], [1, mpf("1"), mpf("1")], [1, mpf("-0.5"), mpf("3")]]
Y = [1, 0, 0, 1]
W = [mpf("0.25"), mpf("-1"), mpf("0.5")]
m, n = len(X), len(W)
zs = [sum(X[i][j] * W[j] for j in range(n)) for i in range(m)]
ps = [sigma(z) for z in zs]
rows = [["loss", "-1", "-1", s17(sum(cross_entropy(zs[i], Y[i]) for i in range(m)) / m)]]
for j in range(n):
    rows.append(["gradient", str(j), "-1", s17(sum((ps[i] - Y[i]) * X[i][j] for i in range(m)) / m)])
for j in range(n):
    for k in range(n):
        rows.append(["hessian", str(j), str(k), s17(sum(ps[i] * (1 - ps[i]) * X[i][j] * X[i][k] for i in range(m)) / m)])
write("tiny-logistic.csv", "quantity,j,k,value", rows)

# 3. A net with one input and two tanh units, theta = [W0, W1, b0, b1, v0, v1, c], and its swap
#    (units 0 and 1 exchanged): the loss along the segment between them, at t = 0, 1/4, 1/2, 3/4, 1.
XN = [mpf("-2"), mpf("-1"), mpf("-0.25"), mpf("0.5"), mpf("1.5"), mpf("2.5")]
YN = [0, 0, 0, 1, 1, 1]
THETA = [mpf("3"), mpf("-2"), mpf("1"), mpf("0.5"), mpf("2"), mpf("-1.5"), mpf("0.25")]
SWAP = [THETA[1], THETA[0], THETA[3], THETA[2], THETA[5], THETA[4], THETA[6]]


def net_loss(t):
    W0, W1, b0, b1, v0, v1, c = t
    total = 0
    for x, y in zip(XN, YN):
        a = v0 * tanh(W0 * x + b0) + v1 * tanh(W1 * x + b1) + c
        total += cross_entropy(a, y)
    return total / len(XN)


rows = []
for t in ["0", "0.25", "0.5", "0.75", "1"]:
    tt = mpf(t)
    point = [(1 - tt) * a + tt * b for a, b in zip(THETA, SWAP)]
    rows.append([t, s17(net_loss(point))])
write("swap-segment.csv", "t,loss", rows)
print("wrote", OUT)
