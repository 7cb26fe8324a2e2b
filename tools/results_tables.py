#!/usr/bin/env python3
"""Prints the tables and figures of RESULTS.md sections 1-4 from the raw outputs in results/, so the document can be
checked against (or rebuilt from) what scripts/run-experiments.sh wrote. Standard library only.

    python3 tools/results_tables.py [results-dir]
    python3 tools/results_tables.py results          the MSRResNet pair (default)
    python3 tools/results_tables.py results/srcnn    the SRCNN-style pair (scripts/run-experiments.sh srcnn ...)

A section whose raw outputs are absent is skipped with a note.
"""
import csv
import glob
import os
import re
import statistics
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "results"


def rows(path):
    with open(os.path.join(root, path), newline="") as f:
        return list(csv.DictReader(f))


def have(path):
    if os.path.isfile(os.path.join(root, path)):
        return True
    print("(%s not found: skipped)\n" % os.path.join(root, path))
    return False


def group_layer(name):
    m = re.match(r"body\.(\d+)\.", name)
    if m:
        return "body.%s" % m.group(1)
    return name


print("## 1. Filter discovery\n")
if have("filters/layer_counts.csv"):
    lc = rows("filters/layer_counts.csv")
    groups = {}
    for r in lc:
        g = group_layer(r["layer"])
        a = groups.setdefault(g, [0, 0, 0, r["layer"]])
        a[0] += int(r["filters"])
        a[1] += int(r["top_blur"])
        a[2] += int(r["top_noise"])
    print("| layer | filters | top-1 % deblurring | top-1 % denoising |")
    print("| --- | --- | --- | --- |")
    for g, (n, b, z, _) in groups.items():
        print("| %s | %s | %d (%.0f %%) | %d (%.0f %%) |" % (g, format(n, ","), b, 100.0 * b / n, z, 100.0 * z / n))
    comp = rows("filters/completeness.csv")
    errs = [float(r["relative_error_percent"]) for r in comp]
    print("\ncompleteness: %d inputs, mean relative error %.2f %%, median %.3f %%, %d below 1 %%, max %.1f %%" % (
        len(errs), statistics.mean(errs), statistics.median(errs), sum(e < 1 for e in errs), max(errs)))
    judged = [r for r in comp if abs(float(r["loss_gap"])) >= 1.0]
    print("completeness check (5 %% level, loss-gap floor 1.0): %d exceed, %d ok, %d exempt; mean over the judged %.2f %%, "
          "median %.3f %%" % (sum(float(r["relative_error_percent"]) > 5 for r in judged),
                              sum(float(r["relative_error_percent"]) <= 5 for r in judged), len(comp) - len(judged),
                              statistics.mean(float(r["relative_error_percent"]) for r in judged) if judged else float("nan"),
                              statistics.median(float(r["relative_error_percent"]) for r in judged) if judged else float("nan")))
    worst = max(comp, key=lambda r: float(r["relative_error_percent"]))
    print("  worst: %s %s, loss gap %.3f against L(target) %.1f" % (worst["input"], worst["degradation"],
                                                                   float(worst["loss_gap"]),
                                                                   float(worst["loss_target"])))

print("\n## 2. Masking experiment\n")
# the proportions' runs joined (results/srcnn: 1 % and 3,5,10 % ran apart, RESULTS.md §7.5), else the one run
masking = next((f for f in ("masking/masking_experiment_1-3-5-10.csv", "masking/masking_experiment.csv") if have(f)),
               None)
if masking:
    mk = rows(masking)
    percents = sorted({int(r["percent"]) for r in mk})
    print("| method | mask | input | " + " | ".join("%d %%" % p for p in percents) + " |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in percents) + " |")
    keys = []
    for r in mk:
        k = (r["method"], r["mask"], r["input"])
        if k not in keys:
            keys.append(k)
    cell = {(r["method"], r["mask"], r["input"], int(r["percent"])): r for r in mk}
    either = {"random", "|theta-theta_bar|"}  # rankings that do not depend on the degradation: one row each
    shown = set()
    for k in keys:
        if k[0] in either:
            if (k[0], k[2]) in shown:
                continue
            shown.add((k[0], k[2]))
        vals = []
        for p in percents:
            r = cell.get(k + (p,))
            vals.append("%.3f ± %.3f" % (float(r["metric_mean"]), float(r["metric_std"])) if r else "")
        name = "abs(θ−θ̄)" if k[0] == "|theta-theta_bar|" else k[0]
        print("| %s | %s | %s | %s |" % (name, "(either)" if k[0] in either else k[1], k[2], " | ".join(vals)))


    def at1(method, mask, inp):
        for r in mk:
            if r["method"] == method and r["input"] == inp and int(r["percent"]) == 1 and (mask is None or
                                                                                         r["mask"] == mask):
                return float(r["metric_mean"])
        return float("nan")


    fb, fbn = at1("FAIG", "deblurring", "blurry"), at1("FAIG", "deblurring", "noisy")
    fn, fnb = at1("FAIG", "denoising", "noisy"), at1("FAIG", "denoising", "blurry")
    rb, rn = at1("random", None, "blurry"), at1("random", None, "noisy")
    ab, an = at1("|theta-theta_bar|", None, "blurry"), at1("|theta-theta_bar|", None, "noisy")
    print("\nat 1 %%: deblurring on blurry %.3f vs random %.4f (%.0fx) vs abs %.3f (%.0fx)" % (fb, rb, fb / rb, ab, fb / ab))
    print("at 1 %%: denoising on noisy %.3f vs random %.3f (%.0fx) vs abs %.3f (%.0fx)" % (fn, rn, fn / rn, an, fn / an))
    print("specificity: deblurring mask on noisy %.3f = %.1f %%; denoising mask on blurry %.3f = %.0f %%" % (
        fbn, 100 * fbn / fb, fnb, 100 * fnb / fn))

print("\nlambda sweep (gradient metric against the target, luminance):")
for f in sorted(glob.glob(os.path.join(root, "lambda", "*_blur_modulate_metrics.csv"))):
    with open(f, newline="") as fh:
        lam = [(float(r["lambda"]), float(r["gradient_metric_vs_target"])) for r in csv.DictReader(fh)
               if r["output"].startswith("lambda=")]
    lam.sort()
    upto1 = [m for l, m in lam if l <= 1.0 + 1e-9]
    mono = all(a >= b for a, b in zip(upto1, upto1[1:]))
    print("  %s: monotone to 1: %s; %s; beyond 1: %s" % (os.path.basename(f).split("_blur")[0], mono,
                                                          ", ".join("%.3f" % m for m in upto1),
                                                          ", ".join("%.3f" % m for l, m in lam if l > 1.0 + 1e-9)))

print("\n## 3. Degradation prediction\n")
if have("filters/calibration_report.csv"):
    rep = rows("filters/calibration_report.csv")
    print("T_blur = %.4f, T_noise = %.4f" % (float(rep[0]["t_blur"]), float(rep[0]["t_noise"])))
    print("| set | blur decision | noise decision | four-class |")
    print("| --- | --- | --- | --- |")
    for r in rep:
        print("| %s (%s) | %.1f %% | %.1f %% | %.1f %% |" % (r["set"], r["samples"], 100 * float(r["blur_accuracy"]),
                                                        100 * float(r["noise_accuracy"]),
                                                        100 * float(r["four_class_accuracy"])))
    conf = [r for r in rows("filters/calibration_confusion.csv") if r["set"] == "held-out test"]
    print("\n| true \\ predicted | clean | blur | noise | blur+noise |")
    print("| --- | --- | --- | --- | --- |")
    for r in conf:
        print("| %s | %s | %s | %s | %s |" % (r["true"], r["predicted_clean"], r["predicted_blur"],
                                              r["predicted_noise"], r["predicted_blur_noise"]))
    by = {}
    for r in rows("filters/calibration_scores.csv"):
        if r["set"] in ("test", "held-out test"):
            by.setdefault(r["label"], []).append((float(r["os_blur"]), float(r["os_noise"])))
    print()
    for k, v in by.items():
        print("held-out %s: mean OS_blur %.3f, mean OS_noise %.3f (%d inputs)" % (
            k, statistics.mean(a for a, _ in v), statistics.mean(b for _, b in v), len(v)))
    single = {c["true"]: c for c in conf if c["true"] != "blur+noise"}
    if len(single) == 3:
        bd = int(single["clean"]["predicted_clean"]) + int(single["clean"]["predicted_noise"]) + \
            int(single["blur"]["predicted_blur"]) + int(single["blur"]["predicted_blur_noise"]) + \
            int(single["noise"]["predicted_clean"]) + int(single["noise"]["predicted_noise"])
        nd = int(single["clean"]["predicted_clean"]) + int(single["clean"]["predicted_blur"]) + \
            int(single["blur"]["predicted_clean"]) + int(single["blur"]["predicted_blur"]) + \
            int(single["noise"]["predicted_noise"]) + int(single["noise"]["predicted_blur_noise"])
        n = sum(int(c[k]) for c in single.values() for k in c if k.startswith("predicted_"))
        print("single-degradation protocol (%d inputs): blur decision %.1f %% (%d), noise decision %.1f %% (%d)" % (
            n, 100.0 * bd / n, bd, 100.0 * nd / n, nd))

print("\n## 4. Deep degradation representations\n")
if have("ddr/representations.csv"):
    dd = rows("ddr/representations.csv")
    models = []
    for r in dd:
        if r["model"] not in models:
            models.append(r["model"])
    blur_key = next(k for k in dd[0] if k.startswith("chi_clean_vs_blur"))
    noise_key = next(k for k in dd[0] if k.startswith("chi_clean_vs_noise"))
    print("| layer (depth) | " + " | ".join("%s CHI | ident. | CHI clean-vs-blur | CHI clean-vs-noise" % m
                                            for m in models) + " |")
    print("| --- | " + " | ".join("--- | --- | --- | ---" for _ in models) + " |")
    layers = []
    for r in dd:
        if (r["layer"], r["depth"]) not in layers:
            layers.append((r["layer"], r["depth"]))
    for layer, depth in layers:
        cells = []
        for m in models:
            r = next(x for x in dd if x["model"] == m and x["layer"] == layer)
            cells.append("%.1f | %.1f %% | %.1f | %.1f" % (float(r["chi_pca"]),
                                                          100 * float(r["identification_accuracy_heldout"]),
                                                          float(r[blur_key]), float(r[noise_key])))
        print("| %s (%s) | %s |" % (layer, depth, " | ".join(cells)))
