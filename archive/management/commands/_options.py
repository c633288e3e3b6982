"""Argument types shared by the archive's commands."""

import argparse
import datetime


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def page_number(value):
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= 999:
        raise argparse.ArgumentTypeError(f"not a page number: {value!r} (use 1, 2, …)")
    return number
