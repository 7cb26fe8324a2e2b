#!/usr/bin/env bash
# Continues the sample models' training in stages, each a fine-tuning run from the previous stage with its own seed,
# into results/training/ (not shipped until a stage meets the model card's goals; see sample-models/README.md).
# Every stage's model.json keeps the whole history (init_provenance). Finished stages are skipped; a stopped stage
# resumes from its checkpoint when the script is run again.
#   scripts/train-stages.sh msrresnet-target   # MSRResNet target: stages 2-5, 8,000 iterations each at lr 1e-4
#   scripts/train-stages.sh srcnn-baseline     # SRCNN-style baseline: stage 2, 6,000 iterations at lr 2e-4
#   scripts/train-stages.sh srcnn-target       # SRCNN-style target fine-tuned from that: stages 2-8 of 8,000 iterations at lr 2e-4
#   scripts/train-stages.sh srcnn-baseline-longer # the SRCNN-style baseline 16,000 iterations further (issue #30)
#   scripts/train-stages.sh srcnn-target-from-longer-baseline # that, then the target's fine-tuning of srcnn-target
#                                                 again from it: stages 2-8 as there (same lengths, rate and seeds),
#                                                 then stages 9-10 the same way (for the clean goal; RESULTS.md §7.5);
#                                                 its stage 10 and the baseline's stage 3 are the shipped SRCNN-style pair
#   scripts/train-stages.sh srcnn-target-longer # past the first shipped SRCNN-style target (stage 8): stages 9-13, 8,000 iterations each
#                                                 (2e-4 to stage 10, 5e-5 for stage 11, 1e-4 for stages 12 and 13 from
#                                                 stage 9; stage 13 with p_noise 0.25, role custom)
#                                                 (issue #30: until the deblurring set's cross-effect is at most 50 %)
#   scripts/train-stages.sh msrresnet-grey-target    # the grey MSRResNet pair (issue #28): stage 1 is the RGB pair
#   scripts/train-stages.sh msrresnet-grey-baseline  # converted exactly (scripts/dev-tool.sh grey-network), stage 2 each
#                                                    # fine-tuned on the photographs' luminance (target 1,000 iterations
#                                                    # at lr 2e-4, baseline 1,000 at 1e-4); the two may run side by side
# FAIG_THREADS sets Train Model's native threads (default 0: automatic); thread counts only reorder floating-point sums.
#   On this 2-core machine FAIG_THREADS=2 ran the SRCNN-style stages at about 3 iterations/s when nothing else ran,
#   against 1.7 with 1, but at about 1/s while a build shared the cores: use 1 when the machine is busy (RESULTS.md §9).
#   scripts/train-stages.sh ship <stage> <sample-name>   # a finished stage becomes sample-models/<sample-name>
# The stages start from the models of scripts/train-sample-models.sh: run that first when starting from scratch.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
data="${FAIG_DATA:-data/photos}"
out=results/training
mkdir -p "$out"

stage() {  # output name, init model, role, iterations, learning rate, seed[, more Train Model options, e.g. p_noise=0.25]
  if [ -f "$out/$1/model.json" ]; then echo "train-stages: $1 exists, skipped" >&2; return; fi
  echo "train-stages: $1 from $2" >&2
  ./faig --run "FAIG Train Model" "input_dir='$data',output_model='$out/$1',init_model='$2',role='$3',iterations=$4,learning_rate=$5,seed=$6,validation_crop=384,threads=${FAIG_THREADS:-0}${7:+,$7}"
}

grey_stage1() {  # role: the RGB sample model of that role converted to grey (exact: RESULTS.md)
  local name="msrresnet-x2-grey-$1-stage1"
  if [ -f "$out/$name/model.json" ]; then echo "train-stages: $name exists, skipped" >&2; return; fi
  scripts/dev-tool.sh grey-network "sample-models/msrresnet-x2-$1" "$out/$name"
}

stages() {  # prefix, first and last stage, iterations, learning rate: stage i from stage i-1, seed i
  local i
  for ((i = $2; i <= $3; i++)); do stage "$1-stage$i" "$out/$1-stage$((i - 1))" target "$4" "$5" "$i"; done
}

case "${1:-}" in
  msrresnet-target)
    stage msrresnet-x2-target-stage2 sample-models/msrresnet-x2-target target 8000 1e-4 2
    stages msrresnet-x2-target 3 5 8000 1e-4
    ;;
  srcnn-baseline)
    stage srcnn-x2-baseline-stage2 sample-models/srcnn-x2-baseline baseline 6000 2e-4 2
    ;;
  srcnn-baseline-longer)  # issue #30's last lever: the baseline had 10,000 iterations (4,000 + 6,000); 16,000 more,
    # then the target's fine-tuning again from it (a later case), to see whether a better-converged baseline gives
    # the target filters that change for blur alone
    stage srcnn-x2-baseline-stage3 "$out/srcnn-x2-baseline-stage2" baseline 16000 2e-4 3
    ;;
  srcnn-target-from-longer-baseline)  # issue #30: only the baseline differs from srcnn-target, so a masking study of
    # each stage against srcnn-x2-baseline-stage3 reads what the longer baseline changes; resumes where it stopped
    stage srcnn-x2-baseline-stage3 "$out/srcnn-x2-baseline-stage2" baseline 16000 2e-4 3
    stage srcnn-x2-target-from-baseline3-stage2 "$out/srcnn-x2-baseline-stage3" target 8000 2e-4 2
    stages srcnn-x2-target-from-baseline3 3 8 8000 2e-4
    # stages 5-7 met the cross-effect goal (38, 26, 16 %) but not the clean one: 31.38, 31.63, 31.78 dB, where 0.5 dB
    # under this baseline's 32.57 is 32.07; the clean PSNR still rises, so the same stages go on
    # stage 10 met both (32.12 dB; cross-effect 12 %, 17 % with the larger discovery set) and is the shipped target:
    # `ship srcnn-x2-baseline-stage3 srcnn-x2-baseline`, `ship srcnn-x2-target-from-baseline3-stage10 srcnn-x2-target`
    stages srcnn-x2-target-from-baseline3 9 10 8000 2e-4
    ;;
  srcnn-target)
    stage srcnn-x2-target-stage2 "$out/srcnn-x2-baseline-stage2" target 8000 2e-4 2
    stages srcnn-x2-target 3 8 8000 2e-4
    ;;
  srcnn-target-longer)  # the training-length probe of RESULTS.md §7.5: the shipped target (stage 8) fine-tuned further
    # (stage 9 was run from sample-models/srcnn-x2-target when that was stage 8, the same weights: its model.json says so)
    stage srcnn-x2-target-stage9 "$out/srcnn-x2-target-stage8" target 8000 2e-4 9
    stage srcnn-x2-target-stage10 "$out/srcnn-x2-target-stage9" target 8000 2e-4 10
    # stages 8-10 moved 67 -> 58 -> 72 %: at a constant 2e-4 the cross-effect wanders from stage to stage, so the
    # rate is lowered to 5e-5 (BasicSR decays its rate over a run too) to see whether it settles lower
    stage srcnn-x2-target-stage11 "$out/srcnn-x2-target-stage10" target 8000 5e-5 11
    # stage 11 gave 86 %: neither length nor rate helps at the paper's mix. Stage 12 was meant to change the mix,
    # but Train Model took p_noise only with role=custom and ignored it with role=target: stage 12 is the paper's mix
    # from stage 9 at 1e-4 (its model.json says so), a point of the rate curve
    stage srcnn-x2-target-stage12 "$out/srcnn-x2-target-stage9" target 8000 1e-4 12
    # stage 13 changes the mix, from the best stage so far (stage 9, 58 %): noise on a quarter of the samples
    # (p_noise 0.25, blur still 0.5), so that fewer of the samples that teach deblurring are noisy and the deblurring
    # filters need not serve noise too
    stage srcnn-x2-target-stage13 "$out/srcnn-x2-target-stage9" custom 8000 1e-4 13 "p_blur=0.5,p_noise=0.25"
    ;;
  msrresnet-grey-target)
    grey_stage1 target
    stage msrresnet-x2-grey-target-stage2 "$out/msrresnet-x2-grey-target-stage1" target 1000 2e-4 2
    ;;
  msrresnet-grey-baseline)
    grey_stage1 baseline
    stage msrresnet-x2-grey-baseline-stage2 "$out/msrresnet-x2-grey-baseline-stage1" baseline 1000 1e-4 2
    ;;
  ship)  # copied under the sample's name (model.json's "name" too); the provenance keeps the stage's command
    [ $# -eq 3 ] && [ -f "$out/$2/model.json" ] || { echo "usage: scripts/train-stages.sh ship <finished stage in $out> <sample-name>" >&2; exit 2; }
    tmp="sample-models/.$3.tmp"
    rm -rf "$tmp" && mkdir -p "$tmp"
    cp "$out/$2/model.safetensors" "$tmp/"
    sed "s/\"name\": \"$2\"/\"name\": \"$3\"/" "$out/$2/model.json" > "$tmp/model.json"
    grep -q "\"name\": \"$3\"" "$tmp/model.json" || { echo "train-stages: could not rename $2" >&2; exit 1; }
    rm -rf "sample-models/$3" && mv "$tmp" "sample-models/$3"
    echo "train-stages: $2 is now sample-models/$3; rerun scripts/run-experiments.sh all if it is part of the MSRResNet pair" >&2
    ;;
  *) echo "usage: scripts/train-stages.sh msrresnet-target|msrresnet-grey-target|msrresnet-grey-baseline|srcnn-baseline|srcnn-target|srcnn-target-longer|srcnn-baseline-longer|srcnn-target-from-longer-baseline|ship <stage> <sample-name>" >&2; exit 2 ;;
esac
