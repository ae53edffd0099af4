#!/usr/bin/python3
"""Golden values for Linea's typed columns: OLS with a categorical column, a yes/no column and missing cells,
against statsmodels' formula API (patsy's treatment coding, C(region, Treatment('…'))).

Run with Debian's python (statsmodels 0.13.5, patsy 0.5.3, pandas 1.5.3):

    /usr/bin/python3 models/src/test/goldens/make_tables_goldens.py

Writes into models/src/test/resources/golden/tables/:
  shops.csv        the training table (seeded, synthetic): id, region (text, 4 levels), size, age, member (yes/no),
                   sales (the target); no missing cell
  shops_na.csv     the same rows with missing cells ('', NA, N/A) in region, size and member
  shops_new.csv    12 new rows to score (no target), with missing cells, every level
  goldens.json     per case: the policy and reference Linea is given, statsmodels' parameter names (translated to
                   Linea's: 'C(region)[T.north]' -> 'region[T.north]'), params, bse, the rows used, the fills the
                   policy computes (pandas' median and mode), and the predictions on shops_new.csv (that case only)

Cases:
  treatment   shops.csv, sales ~ C(region) + size + age + member (reference: east, the first in sorted order)
  median_mode shops_na.csv filled by pandas (median of size, mode of region and member), reference south
  drop        shops_na.csv with the rows holding a missing cell dropped (statsmodels' formula default, missing='drop')
"""
import json
import os

import numpy as np
import pandas as pd
import patsy
import statsmodels
import statsmodels.formula.api as smf

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "golden", "tables"))

REGIONS = ["east", "north", "south", "west"]
EFFECT = {"east": 0.0, "north": 1.5, "south": -2.0, "west": 0.7}


def make(n, rng, target=True):
    region = rng.choice(REGIONS, size=n, p=[0.3, 0.25, 0.25, 0.2])
    size = np.round(rng.uniform(20, 200, size=n), 1)
    age = rng.integers(1, 40, size=n).astype(float)
    member = rng.choice(["yes", "no"], size=n)
    df = pd.DataFrame({"id": ["s%03d" % i for i in range(n)], "region": region, "size": size, "age": age,
                       "member": member})
    if target:
        mu = 10 + np.array([EFFECT[r] for r in region]) + 0.05 * size - 0.12 * age + 1.3 * (member == "yes")
        df["sales"] = np.round(mu + rng.normal(0, 1.0, size=n), 3)
    return df


def punch(df, rng, spec):
    """Missing cells, spelled as the CSV may: '' (empty), NA, N/A."""
    out = df.astype(object).copy()
    spellings = ["", "NA", "N/A"]
    for col, rows in spec.items():
        for k, i in enumerate(rows):
            out.at[i, col] = spellings[k % 3]
    return out


def write(df, path):
    df.to_csv(path, index=False, na_rep="")


def numeric_frame(df):
    """The frame statsmodels fits: missing spellings as NaN, member as 0/1 (Linea's boolean feature)."""
    f = df.replace({"": np.nan, "NA": np.nan, "N/A": np.nan}).copy()
    for c in ["size", "age"] + (["sales"] if "sales" in f else []):
        f[c] = f[c].astype(float)
    f["member"] = f["member"].map({"yes": 1.0, "no": 0.0})
    return f


def linea_name(name):
    # "C(region, Treatment('south'))[T.east]" or "C(region)[T.east]" -> "region[T.east]"
    if name.startswith("C(region"):
        return "region" + name[name.index("[T."):]
    return "intercept" if name == "Intercept" else name


def fitted(formula, frame):
    res = smf.ols(formula, data=frame, missing="drop").fit()
    return res, {
        "names": [linea_name(n) for n in res.params.index],
        "params": res.params.tolist(),
        "bse": res.bse.tolist(),
        "rows": int(res.nobs),
        "rsquared": float(res.rsquared),
        "scale": float(res.scale),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261207)
    train = make(150, rng)
    new = make(12, rng, target=False)
    new.loc[:3, "region"] = REGIONS  # every level at least once
    na = punch(train, rng, {"region": [3, 17, 40, 41, 99], "size": [5, 17, 60, 61, 120, 149],
                            "member": [8, 77, 130]})
    new_na = punch(new, rng, {"region": [6], "size": [7, 9], "member": [10]})
    write(train, os.path.join(OUT, "shops.csv"))
    write(na, os.path.join(OUT, "shops_na.csv"))
    write(new_na, os.path.join(OUT, "shops_new.csv"))

    cases = {}
    _, g = fitted("sales ~ C(region) + size + age + member", numeric_frame(train))
    cases["treatment"] = dict(g, policy="error", reference=None)

    f = numeric_frame(na)
    fills = {"size": float(f["size"].median()),
             # pandas' mode: the most frequent, ties broken by sorted order (as Linea's)
             "region": str(f["region"].mode().sort_values().iloc[0]),
             "member": float(f["member"].mode().sort_values().iloc[0])}
    filled = f.fillna({"size": fills["size"], "region": fills["region"], "member": fills["member"]})
    res, g = fitted("sales ~ C(region, Treatment('south')) + size + age + member", filled)
    nf = numeric_frame(new_na).fillna({"size": fills["size"], "region": fills["region"],
                                       "member": fills["member"]})
    predictions = res.predict(nf).tolist()
    missing_cells = {c: int(f[c].isna().sum()) for c in ["region", "size", "member"]}
    cases["median_mode"] = dict(g, policy="median,mode", reference="south",
                                fills={"size": fills["size"], "region": fills["region"],
                                       "member": "true" if fills["member"] == 1 else "false"},
                                missing_cells=missing_cells, predictions=predictions)

    _, g = fitted("sales ~ C(region) + size + age + member", f)
    dropped = int(f[["region", "size", "member"]].isna().any(axis=1).sum())
    cases["drop"] = dict(g, policy="drop", reference=None, rows_dropped=dropped)

    doc = {"made_by": "models/src/test/goldens/make_tables_goldens.py",
           "versions": {"statsmodels": statsmodels.__version__, "patsy": patsy.__version__,
                        "pandas": pd.__version__, "numpy": np.__version__},
           "target": "sales", "exclude": ["id"], "cases": cases}
    with open(os.path.join(OUT, "goldens.json"), "w") as out:
        json.dump(doc, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
