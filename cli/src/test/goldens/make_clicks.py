#!/usr/bin/env python3
"""Makes the embedded sparse demo data (cli/src/main/resources/datasets/clicks.csv and clicks.svm).

A synthetic click log, standard library only, seeded: 4000 ad impressions with a price and four categorical
columns (site: 300 values, ad: 800, device: 4, hour: 24). The click probability is
sigmoid(-1.6 + 0.8*price + site effect + ad effect + device effect + hour effect), each effect drawn once per value.
clicks.csv keeps the categories as text (for --hash); clicks.svm is the same rows in LIBSVM form, one-hot: index 1 is
the price, then one index per site, ad, device and hour value in order of first appearance, labels +1/-1.

Run from the repository root:  python3 cli/src/test/goldens/make_clicks.py
"""
import math
import random

rng = random.Random(19)
ROWS = 4000
sites = ["site%03d" % k for k in range(300)]
ads = ["ad%04d" % k for k in range(800)]
devices = ["ios", "android", "desktop", "tablet"]
hours = ["h%02d" % k for k in range(24)]
effect = {}
for name, values, sd in (("site", sites, 0.8), ("ad", ads, 0.6), ("device", devices, 0.4), ("hour", hours, 0.2)):
    for v in values:
        effect[v] = rng.gauss(0, sd)
# popular sites and ads: a Zipf-like draw keeps the design realistically skewed
site_w = [1 / (k + 1) for k in range(len(sites))]
ad_w = [1 / (k + 1) ** 0.7 for k in range(len(ads))]

rows = []
for _ in range(ROWS):
    s = rng.choices(sites, site_w)[0]
    a = rng.choices(ads, ad_w)[0]
    d = rng.choice(devices)
    h = rng.choice(hours)
    price = round(rng.random(), 3)
    eta = -1.6 + 0.8 * price + effect[s] + effect[a] + effect[d] + effect[h]
    y = 1 if rng.random() < 1 / (1 + math.exp(-eta)) else 0
    rows.append((y, price, s, a, d, h))

base = "cli/src/main/resources/datasets/"
with open(base + "clicks.csv", "w") as f:
    f.write("clicked,price,site,ad,device,hour\n")
    for y, price, s, a, d, h in rows:
        f.write(f"{y},{price},{s},{a},{d},{h}\n")

index = {}
with open(base + "clicks.svm", "w") as f:
    for y, price, s, a, d, h in rows:
        js = []
        for v in (s, a, d, h):
            if v not in index:
                index[v] = len(index) + 2
            js.append(index[v])
        feats = ([f"1:{price}"] if price != 0 else []) + [f"{j}:1" for j in sorted(js)]
        f.write(("+1" if y else "-1") + " " + " ".join(feats) + "\n")
