#!/usr/bin/env python3
"""Scores the rules for the blur decision on noisy inputs (RESULTS.md §3, "Blur under noise") from the rows of
  scripts/benchmark.sh BlurUnderNoise   (results/prediction/blur_under_noise_scores.csv)

Every threshold is chosen on the calibration rows by balanced accuracy, as FAIG Calibrate Thresholds chooses them
(midpoints between distinct values and the two ends; ties to the middle of the tied range), and the held-out rows
are scored with it:
  - the paper's rule: OS_blur > T_blur, OS_noise > T_noise (T_blur and T_noise on all calibration rows);
  - each candidate keeps the paper's noise decision and the paper's blur decision for inputs not called noisy; for
    inputs called noisy, blur is "read-out > T" (T on the calibration rows labelled noise or blur+noise; for the
    masking response the direction, too, is chosen there, since it falls with blur).
Writes the tables as Markdown on stdout. Standard library only.

  python3 tools/blur_under_noise.py [scores.csv] [photos.csv ...]
  (defaults: results/prediction/blur_under_noise_scores.csv results/prediction/blur_under_noise_photos.csv; each
  photos file is a run of scripts/benchmark.sh BlurUnderNoise photos, whole photographs or crops of one size)
"""
import csv
import math
import sys

CLASSES = ["clean", "blur", "noise", "blur+noise"]


def has_blur(label):
    return label in ("blur", "blur+noise")


def has_noise(label):
    return label in ("noise", "blur+noise")


def balanced(values, truths, t):
    tp = pos = tn = neg = 0
    for v, y in zip(values, truths):
        said = v > t
        if y:
            pos += 1
            tp += said
        else:
            neg += 1
            tn += not said
    return ((tp / pos) if pos else 1.0) / 2 + ((tn / neg) if neg else 1.0) / 2


def best(values, truths):
    """ThresholdFit.best: the balanced-accuracy threshold of 'value > t'."""
    vs = sorted(values)
    cands = [vs[0] - 1e-9]
    cands += [(b + a) / 2 for a, b in zip(vs, vs[1:]) if b > a]
    cands.append(vs[-1])
    best_acc, first, last = -1.0, 0, 0
    for c, t in enumerate(cands):
        acc = balanced(values, truths, t)
        if acc > best_acc + 1e-12:
            best_acc, first, last = acc, c, c
        elif abs(acc - best_acc) <= 1e-12 and last == c - 1:
            last = c
    return cands[(first + last) // 2], best_acc


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "results/prediction/blur_under_noise_scores.csv"
    rows = list(csv.DictReader(open(path, newline="")))
    for r in rows:
        for k in ("os_blur", "os_noise", "os_bun", "m_blur", "reblur", "faig_seconds", "reblur_seconds", "m2_blur",
                  "m2_base", "gain2"):
            r[k] = float(r[k])
    cal = [r for r in rows if r["set"] == "calibration"]
    test = [r for r in rows if r["set"] == "test"]
    t_blur, _ = best([r["os_blur"] for r in cal], [has_blur(r["label"]) for r in cal])
    t_noise, _ = best([r["os_noise"] for r in cal], [has_noise(r["label"]) for r in cal])
    print(f"Rows: {len(cal)} calibration, {len(test)} held-out. Paper's thresholds on the calibration rows: "
          f"T_blur {t_blur:.4f}, T_noise {t_noise:.4f}.\n")
    noisy_cal = [r for r in cal if has_noise(r["label"])]
    rules = [("the paper's rule: OS_blur > T_blur", None, 1)]
    for name, key in (("OS_blur recalibrated on noisy inputs", "os_blur"),
                      ("OS with a third set, blur under noise (os_bun)", "os_bun"),
                      ("masking response of the deblurring filters (m_blur)", "m_blur"),
                      ("re-blur of the target's denoised output (reblur)", "reblur"),
                      ("second pass: masking response of the deblurring filters on the target's output taken back "
                       "to LR (m2_blur)", "m2_blur"),
                      ("second pass: target against baseline on the target's output taken back to LR (m2_base)",
                       "m2_base"),
                      ("second pass: the target's gain in edge energy on its own output taken back to LR (gain2)",
                       "gain2")):
        truths = [has_blur(r["label"]) for r in noisy_cal]
        up = best([r[key] for r in noisy_cal], truths)
        down = best([-r[key] for r in noisy_cal], truths)
        # the masking responses may fall with blur: their direction is chosen on the calibration rows too
        sign = 1 if up[1] >= down[1] or key not in ("m_blur", "m2_blur", "m2_base", "gain2") else -1
        t, acc = up if sign == 1 else down
        rules.append((name, (key, t, acc), sign))
    print("| rule for the blur decision of inputs called noisy | threshold (calibration balanced accuracy, noise vs "
          "blur+noise) | held-out blur decision (200) | clean | blur | noise | **blur+noise** | single degradations "
          "(150) | noise decision (200) | four-class (200) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, readout, sign in rules:
        right = {c: 0 for c in CLASSES}
        count = {c: 0 for c in CLASSES}
        noise_ok = exact = 0
        for r in test:
            noisy = r["os_noise"] > t_noise
            if noisy and readout is not None:
                v = sign * r[readout[0]]
                blurry = (not math.isnan(v)) and v > readout[1]
            else:
                blurry = r["os_blur"] > t_blur
            lab = r["label"]
            count[lab] += 1
            right[lab] += blurry == has_blur(lab)
            noise_ok += noisy == has_noise(lab)
            exact += blurry == has_blur(lab) and noisy == has_noise(lab)
        n = len(test)
        single = right["clean"] + right["blur"] + right["noise"]
        nsingle = count["clean"] + count["blur"] + count["noise"]
        thr = "—" if readout is None else f"{'<' if sign < 0 else '>'} {abs(readout[1]):.4f} ({readout[2]:.3f})"
        print(f"| {name} | {thr} | {100 * sum(right.values()) / n:.1f} % | " +
              " | ".join(f"{right[c]} of {count[c]}" for c in CLASSES[:3]) +
              f" | **{right['blur+noise']} of {count['blur+noise']}** | {100 * single / nsingle:.1f} % | "
              f"{100 * noise_ok / n:.1f} % | {100 * exact / n:.1f} % |")
    fs = sorted(r["faig_seconds"] for r in rows)
    rs = sorted(r["reblur_seconds"] for r in rows)
    print(f"\nCost per input (median over the {len(rows)} inputs, as run): FAIG scoring {fs[len(fs) // 2]:.2f} s "
          f"(the paper's rule; every rule needs it for OS_noise), re-blur read-out {1000 * rs[len(rs) // 2]:.1f} ms "
          f"on the target's output, which the FAIG scoring computes anyway (pseudo ground truth).")
    # how far apart the two noisy versions of the same crop are: the limit of any read-out of the denoised image
    by = {(r["set"], r["input"], r["label"]): r for r in test}
    close = sum(1 for (s, i, lab), r in by.items() if lab == "noise"
                and abs(by[(s, i, "blur+noise")]["reblur"] - r["reblur"]) < 0.02)
    order = sum(1 for (s, i, lab), r in by.items() if lab == "noise" and by[(s, i, "blur+noise")]["reblur"] > r["reblur"])
    reblur_t = [t for name, t, sign in rules if t is not None and t[0] == "reblur"][0][1]
    print("\nLR crops of 64x64, the inputs of the table above (noisy and blurry+noisy only, the noise decision taken "
          "as right):")
    sweep(test, "reblur")
    for path in sys.argv[2:] or ["results/prediction/blur_under_noise_photos.csv"]:
        photos(path, reblur_t)
    print(f"\nHeld-out crops whose blur+noise version reads more blurry (re-blur) than their noise version: {order} "
          f"of {count['noise']}; within 0.02 of each other: {close}.")


def photos(path, t_crops):
    """Whole photographs, noisy and blurry+noisy: blur found by the re-blur read-out (noise decision taken as right)."""
    try:
        rows = list(csv.DictReader(open(path, newline="")))
    except FileNotFoundError:
        return
    for r in rows:
        r["reblur"] = float(r["reblur"])
    cal = [r for r in rows if r["set"] == "calibration"]
    test = [r for r in rows if r["set"] == "test"]
    fits = [(t_crops, "the crops' calibration (shipped)")]
    if any(has_blur(r["label"]) for r in cal) and not all(has_blur(r["label"]) for r in cal):
        t_photos, acc = best([r["reblur"] for r in cal], [has_blur(r["label"]) for r in cal])
        fits.append((t_photos, f"this file's calibration rows (balanced {acc:.3f})"))
    what = "Whole photographs" if "#" not in rows[0]["photo"] else f"LR crops of {rows[0]['width']}x{rows[0]['height']}"
    print(f"\n{what} ({path}: {len(cal)} calibration, {len(test)} held-out; noisy and blurry+noisy only, the noise "
          f"decision taken as right):\n")
    print("| T_reblur | from | held-out noise: no blur | held-out blur+noise: blur found |")
    print("| --- | --- | --- | --- |")
    for t, src in fits:
        n_ok = sum(1 for r in test if r["label"] == "noise" and not r["reblur"] > t)
        b_ok = sum(1 for r in test if r["label"] == "blur+noise" and r["reblur"] > t)
        n = sum(1 for r in test if r["label"] == "noise")
        b = sum(1 for r in test if r["label"] == "blur+noise")
        print(f"| {t:.4f} | {src} | {n_ok} of {n} | **{b_ok} of {b}** |")
    sweep(test, "reblur")
    secs = sorted(float(r["seconds"]) for r in rows)
    print(f"\nMedian seconds per input (the target's whole output and the read-out): {secs[len(secs) // 2]:.2f}")


def sweep(test, key):
    """Held-out noisy inputs called blurry and blurry+noisy ones found, at a few values of T_reblur (t_reblur)."""
    n = sum(1 for r in test if r["label"] == "noise")
    b = sum(1 for r in test if r["label"] == "blur+noise")
    ts = [0.35, 0.40, 0.45, 0.50, 0.55]
    print("\n| t_reblur | " + " | ".join(f"{t:.2f}" for t in ts) + " |")
    print("| --- | " + " | ".join("---" for _ in ts) + " |")
    print("| held-out noise: no blur | " + " | ".join(
        f"{sum(1 for r in test if r['label'] == 'noise' and not r[key] > t)} of {n}" for t in ts) + " |")
    print("| held-out blur+noise: blur found | " + " | ".join(
        f"{sum(1 for r in test if r['label'] == 'blur+noise' and r[key] > t)} of {b}" for t in ts) + " |")


if __name__ == "__main__":
    main()
