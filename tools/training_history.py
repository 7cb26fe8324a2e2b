#!/usr/bin/env python3
"""Prints the training history of a model package from its model.json alone: every run of the chain of
fine-tunings (provenance, then init_provenance, ...), oldest first, with its iterations, learning rate, seed, wall
time and validation PSNR, and the difference to a baseline package. Standard library only.

    python3 tools/training_history.py sample-models/srcnn-x2-target [sample-models/srcnn-x2-baseline]
"""
import json
import os
import re
import sys


def load(path):
    with open(os.path.join(path, "model.json")) as f:
        return json.load(f)


def wall(p):
    """This run's wall time; a resumed run's covers only the steps after the one it resumed at."""
    w = str(p.get("wall_time_s_this_run", "?"))
    return w + " (from step %d)" % p["resumed_at_step"] if "resumed_at_step" in p else w


KINDS = ["clean", "blur", "noise", "blur+noise"]

if len(sys.argv) not in (2, 3):
    sys.exit(__doc__)
model = load(sys.argv[1])
base = load(sys.argv[2])["provenance"]["validation"] if len(sys.argv) == 3 else None

chain = []
p = model["provenance"]
while p:
    chain.append(p)
    p = p.get("init_provenance")
chain.reverse()

columns = ["run (output_model)", "role", "iterations", "in all", "lr", "seed", "wall s"] + KINDS
if base:
    columns += ["Δ " + k for k in KINDS]
print("| " + " | ".join(columns) + " |")
print("|" + " --- |" * len(columns))
total = {}
for i, p in enumerate(chain, 1):
    role = p.get("role", "?")
    total[role] = total.get(role, 0) + int(p["iterations"])
    v = p.get("validation", {})
    out = re.search(r"output_model='([^']*)'", p.get("command", ""))
    row = [os.path.basename(out.group(1).rstrip("/")) if out else str(i), role, "{:,}".format(int(p["iterations"])), "{:,}".format(total[role]), str(p.get("learning_rate")),
           str(p.get("seed")), wall(p)]
    row += ["%.2f" % v["psnr_" + k] if "psnr_" + k in v else "?" for k in KINDS]
    if base:
        row += ["%+.2f" % (v["psnr_" + k] - base["psnr_" + k]) if "psnr_" + k in v else "?" for k in KINDS]
    print("| " + " | ".join(row) + " |")
if base:
    print("\nbaseline (%s): " % sys.argv[2] + ", ".join("%s %.2f" % (k, base["psnr_" + k]) for k in KINDS))
