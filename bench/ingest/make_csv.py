"""Writes an m x n numeric CSV (standard normal features, a linear target y), every value with 17 significant digits."""
import sys

import numpy as np

path, m, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
with open(path, "w") as f:
    f.write(",".join([f"x{j}" for j in range(n)] + ["y"]) + "\n")
    beta = rng.standard_normal(n)
    for start in range(0, m, 10_000):
        X = rng.standard_normal((min(10_000, m - start), n))
        A = np.column_stack([X, X @ beta + rng.standard_normal(X.shape[0])])
        f.write("".join(",".join("%.17g" % v for v in row) + "\n" for row in A))
