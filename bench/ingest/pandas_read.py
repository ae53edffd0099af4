"""Times pandas.read_csv (C engine) on one CSV file, into a float64 design X and target y, one line per read."""
import sys
import time

import pandas as pd

for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    df = pd.read_csv(sys.argv[1], engine="c")
    y = df.pop("y").to_numpy()
    X = df.to_numpy(dtype="float64")
    print("pandas %.3f s (%d x %d)" % (time.perf_counter() - t, X.shape[0], X.shape[1]), flush=True)
