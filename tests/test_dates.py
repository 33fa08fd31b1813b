"""Partial publication dates and as-of dates: one type, one parse."""

from __future__ import annotations

import datetime as dt

import pytest

from goaltrack.core.dates import DateFormError, PartialDate, as_of_date, published_date
from goaltrack.evaluate.selection import AsOf


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2024-12", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
        ("9999-12", dt.date(9999, 12, 1), dt.date(9999, 12, 31)),
        (" 2024-03-20 ", dt.date(2024, 3, 20), dt.date(2024, 3, 20)),
    ],
)
def test_a_partial_date_spans_every_day_it_can_mean(
    text: str, earliest: dt.date, latest: dt.date
) -> None:
    d = PartialDate.parse(text)
    assert (d.earliest, d.latest, d.counted_from) == (earliest, latest, latest)
    assert d.text == text.strip()
    assert d.known_by(latest) and not d.known_by(latest - dt.timedelta(days=1))
    assert d.after(earliest - dt.timedelta(days=1)) and not d.after(earliest)


def test_what_is_not_a_date_is_refused_saying_why() -> None:
    for bad in ("2024-1", "24", "2024/03", "2024-03-20T00:00", ""):
        with pytest.raises(DateFormError):
            PartialDate.parse(bad)
    with pytest.raises(ValueError, match="day is out of range"):
        PartialDate.parse("2023-02-29")
    with pytest.raises(ValueError, match=r"month must be in 1\.\.12"):
        PartialDate.parse("2024-13")


def test_published_and_as_of_dates_read_alike() -> None:
    assert published_date(None) is None
    got = published_date("2024-03")
    assert got is not None and (got.year, got.month, got.day) == (2024, 3, None)
    assert as_of_date("2024") == PartialDate.parse("2024").latest == dt.date(2024, 12, 31)
    assert as_of_date("2023-12-26") == dt.date(2023, 12, 26)
    assert AsOf.parse("2024").date == dt.date(2024, 12, 31)
    with pytest.raises(ValueError):
        AsOf.parse("last year")


def test_a_source_dated_in_another_form_is_refused_by_the_model() -> None:
    from pydantic import ValidationError

    from goaltrack.core.models import Source

    assert (
        Source.model_validate({"id": "s", "title": "t", "published": "2024-03"}).published
        == "2024-03"
    )
    assert (
        Source.model_validate(
            {"id": "s", "title": "t", "published": dt.date(2024, 3, 20)}
        ).published
        == "2024-03-20"
    )
    with pytest.raises(ValidationError, match="impossible date '2023-02-29'"):
        Source.model_validate({"id": "s", "title": "t", "published": "2023-02-29"})
    with pytest.raises(ValidationError, match='a string "2024" / "2024-12"'):
        Source.model_validate({"id": "s", "title": "t", "published": "March 2024"})
