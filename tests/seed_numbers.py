"""Two-decimal figures in a seed text (used to check that a transcription keeps every printed figure)."""
from __future__ import annotations

import collections
import re

TWO_DECIMALS = re.compile(r"(?<![\d.])\d+\.\d{2}(?![\d])")


def two_decimal_numbers(text: str) -> collections.Counter:
    """Count every number printed with exactly two decimals (e.g. ``1909.07``, ``0.00``) in ``text``."""
    return collections.Counter(TWO_DECIMALS.findall(text))
