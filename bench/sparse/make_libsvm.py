"""Writes the issue-19 benchmark file: m rows of hashed categorical features in LIBSVM form (1-based indices).

Each row has F = 30 fields; field f draws a token from its own Zipf-like vocabulary (popular tokens are common,
as in click logs), and the token is hashed into 2^bits columns with a sign, as Linea's --hash and scikit-learn's
FeatureHasher do (collisions within a row are summed; a sum of 0 is dropped, so a few rows have fewer than 30
non-zeros). The label is drawn from a logistic model with one weight per column: 0/1.

    /usr/bin/python3 bench/sparse/make_libsvm.py FILE [ROWS=1000000] [BITS=20] [SEED=19]
"""
import sys

import numpy as np

path = sys.argv[1]
m = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
bits = int(sys.argv[3]) if len(sys.argv) > 3 else 20
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 19
F = 30
n = 1 << bits
rng = np.random.default_rng(seed)
vocab = rng.integers(100, 200_000, size=F)          # tokens per field
tok = np.empty((m, F), dtype=np.int64)
for f in range(F):
    # Zipf-like: rank = floor(vocab^u) for u uniform, popular ranks much more frequent
    u = rng.random(m)
    tok[:, f] = np.minimum(np.floor(np.power(vocab[f], u)).astype(np.int64) - 1, vocab[f] - 1)
# a 64-bit mix of (field, token) into a column and a sign bit
h = (tok * np.int64(0x9E3779B1) + np.arange(F, dtype=np.int64) * np.int64(0x85EBCA77)) & np.int64(0xFFFFFFFF)
h = (h ^ (h >> 16)) * np.int64(0x7FEB352D) & np.int64(0xFFFFFFFF)
h = (h ^ (h >> 15)) & np.int64(0xFFFFFFFF)
col = (h & (n - 1)).astype(np.int64)
sign = np.where(h & 0x80000000, -1.0, 1.0)
w = rng.standard_normal(n) * 0.5
eta = -1.0 + (w[col] * sign).sum(axis=1) * 0.4
y = (rng.random(m) < 1 / (1 + np.exp(-eta))).astype(np.int64)

order = np.argsort(col, axis=1, kind="stable")
col = np.take_along_axis(col, order, axis=1)
sign = np.take_along_axis(sign, order, axis=1)
with open(path, "w") as out:
    lines = []
    for i in range(m):
        c = col[i]
        s = sign[i]
        parts = [str(y[i])]
        k = 0
        while k < F:
            j = c[k]
            v = s[k]
            k += 1
            while k < F and c[k] == j:
                v += s[k]
                k += 1
            if v != 0:
                parts.append(f"{j + 1}:{int(v)}")
        lines.append(" ".join(parts))
        if len(lines) == 10000:
            out.write("\n".join(lines) + "\n")
            lines = []
    if lines:
        out.write("\n".join(lines) + "\n")
print(f"wrote {path}: {m} rows, 2^{bits} columns, click rate {y.mean():.3f}", file=sys.stderr)
