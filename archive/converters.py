"""Path converters for the archive's permalinks."""

import datetime


class IsoDateConverter:
    """2020-01-27 in a URL ↔ datetime.date; an impossible date (2020-02-30) is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(value) from exc

    def to_url(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
