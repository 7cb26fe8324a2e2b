#!/usr/bin/env python3
"""Compares read-outs of per-image FAIG scores for the blur decision (RESULTS.md §3, "what was tried").

Input: a filter-sets folder after
  ./faig --run "FAIG Calibrate Thresholds" "...,test_dir=...,save_attributions=true"
which holds blur_index.txt, noise_index.txt, calibration_scores.csv (set, input, label, ...) and
calibration_attributions.npy (one row of S_i(x) per row of the CSV). Every read-out gets its threshold by balanced
accuracy on the calibration rows and is scored on the held-out test rows. Needs numpy only.

  python3 tools/prediction_readouts.py results/filters [percent]
"""
import csv
import sys

import numpy as np


def top(n_filters, percent):
    return int(np.floor(n_filters * percent / 100.0 + 1e-9))  # as Ranking.count


def overlap(S, members, k):
    """OS: share of each row's top-k filters that are members."""
    idx = np.argsort(-S, axis=1, kind="stable")[:, :k]
    return members[idx].mean(axis=1)


def threshold(v, y):
    """Midpoint threshold with the best balanced accuracy ('> t' means yes)."""
    u = np.unique(v)
    cands = np.concatenate([[u[0] - 1e-9], (u[1:] + u[:-1]) / 2, [u[-1]]])
    acc = [((v[y] > t).mean() + (v[~y] <= t).mean()) / 2 for t in cands]
    i = int(np.argmax(acc))
    return cands[i], acc[i]


def main():
    folder = sys.argv[1]
    percent = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    S = np.load(f"{folder}/calibration_attributions.npy")
    with open(f"{folder}/calibration_scores.csv") as f:
        rows = list(csv.DictReader(f))
    sets = np.array([r["set"] for r in rows])
    labels = np.array([r["label"] for r in rows])
    n = S.shape[1]
    k = top(n, percent)
    blur = np.loadtxt(f"{folder}/blur_index.txt", dtype=int)[:k]
    noise = np.loadtxt(f"{folder}/noise_index.txt", dtype=int)[:k]
    is_blur = np.zeros(n, bool)
    is_blur[blur] = True
    has_blur = np.isin(labels, ["blur", "blur+noise"])
    cal, test = sets == "calibration", sets == "test"
    ranks = np.argsort(np.argsort(-S, axis=1, kind="stable"), axis=1)
    excl = S.copy()
    excl[:, noise] = -np.inf
    readouts = {}
    for px in (1, 2, 5, 10):
        readouts[f"OS, input top {px} %"] = overlap(S, is_blur, top(n, px))
    readouts["OS, noise filters left out of the input's ranking"] = overlap(excl, is_blur, k)
    readouts["share of attribution on blur filters"] = S[:, blur].sum(1) / S.sum(1)
    readouts["mean rank percentile of blur filters"] = 1 - ranks[:, blur].mean(1) / n
    classes = ["clean", "blur", "noise", "blur+noise"]
    print("| read-out for the blur decision | calibration balanced | test accuracy | " + " | ".join(
        f"test {c}" for c in classes) + " |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in classes) + " |")
    for name, v in readouts.items():
        t, bal = threshold(v[cal], has_blur[cal])
        said = v > t
        per = [((said == has_blur)[test & (labels == c)]).mean() for c in classes]
        acc = (said == has_blur)[test].mean()
        print(f"| {name} | {bal:.3f} | {acc:.3f} | " + " | ".join(f"{p:.2f}" for p in per) + " |")
    print()
    print("mean share of attribution on the blur filters, per class (all rows):")
    share = readouts["share of attribution on blur filters"]
    print("  " + ", ".join(f"{c} {share[labels == c].mean():.4f}" for c in classes))


    layers_file = f"{folder}/layer_counts.csv"
    try:
        with open(layers_file) as f:
            layers = [(r["layer"], int(r["filters"])) for r in csv.DictReader(f)]
    except OSError:
        return
    bounds = np.cumsum([0] + [n_ for _, n_ in layers])
    print()
    print("per layer: share of the layer's attribution on its blur filters, per class (layers holding any):")
    for j, (name, _) in enumerate(layers):
        a, b = bounds[j], bounds[j + 1]
        inside = is_blur[a:b]
        if not inside.any():
            continue
        share = S[:, a:b][:, inside].sum(1) / S[:, a:b].sum(1)
        print(f"  {name} ({inside.sum()} blur filters): " + ", ".join(
            f"{c} {share[labels == c].mean():.3f}" for c in classes))
    # A learned read-out as a bound: logistic regression on the log share of each layer in the input's attribution.
    totals = np.stack([S[:, bounds[j]:bounds[j + 1]].sum(1) for j in range(len(layers))], axis=1)
    X = np.log(totals / totals.sum(1, keepdims=True))
    mu, sd = X[cal].mean(0), X[cal].std(0) + 1e-9
    X = (X - mu) / sd
    y = has_blur[cal].astype(float)
    w, b0 = np.zeros(X.shape[1]), 0.0
    for _ in range(5000):
        p_ = 1 / (1 + np.exp(-(X[cal] @ w + b0)))
        w -= 0.5 * (X[cal].T @ (p_ - y) / len(y) + 1e-2 * w)
        b0 -= 0.5 * (p_ - y).mean()
    said = X @ w + b0 > 0
    print()
    print("logistic regression on per-layer attribution shares (fitted on calibration), held-out accuracy: "
          f"{(said == has_blur)[test].mean():.3f}; " + ", ".join(
              f"{c} {((said == has_blur)[test & (labels == c)]).mean():.2f}" for c in classes))


if __name__ == "__main__":
    main()
