"""``brief support-rates``: the support check's false-alarm and miss rates on the labelled corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.model.project import Project
from generator.review.support_corpus import load_corpus, measure, report


def run(args: argparse.Namespace) -> int:
    folder = Path(args.corpus) if args.corpus else Project.current().root / "tests" / "support_corpus"
    print(report(measure(load_corpus(folder))))
    return 0
