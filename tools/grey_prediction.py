#!/usr/bin/env python3
"""Accuracies of Predict Degradation on synthesized single-degradation inputs (issue #28's grey pair).

    python3 tools/grey_prediction.py results/grey/predict/pred8/predictions.csv [more.csv ...]

Each row's true class is the suffix Synthesize Degradations gave its file (_clean, _blur, _noise); prints, per file,
the blur and noise decisions right per class and over the three classes (the paper's single-degradation protocol).
"""
import csv
import re
import sys


def main():
    for path in sys.argv[1:]:
        rows = list(csv.DictReader(open(path, newline='')))
        right = {'blur': {}, 'noise': {}}
        count = {}
        for r in rows:
            m = re.search(r'_(clean|blur|noise)(\.[a-z]+)?$', r['image'])
            if not m:
                continue
            truth = m.group(1)
            count[truth] = count.get(truth, 0) + 1
            for d in ('blur', 'noise'):
                ok = (r[d] == 'yes') == (truth == d)
                right[d][truth] = right[d].get(truth, 0) + ok
        n = sum(count.values())
        print(f'{path}: {n} inputs ' + ', '.join(f'{k} {v}' for k, v in sorted(count.items())))
        for d in ('blur', 'noise'):
            total = sum(right[d].values())
            per = ', '.join(f'{k} {right[d].get(k, 0)}/{count[k]}' for k in ('clean', 'blur', 'noise') if k in count)
            print(f'  {d} decision right: {total}/{n} = {100.0 * total / n:.1f} % ({per})')


if __name__ == '__main__':
    main()
