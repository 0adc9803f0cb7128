"""One page of a long list: the facilitator's pool and a caseworker's own sessions grow with
every month of use, and drawing all of them made a page run grow with them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def page_of(items: Sequence[T], page: int, size: int) -> tuple[int, Sequence[T]]:
    """The page asked for (1-based), kept within the pages there are: a narrower search or a
    deleted item can leave a remembered page number beyond the end."""
    page = min(max(1, int(page or 1)), page_count(len(items), size))
    return page, items[(page - 1) * size : page * size]


def page_count(total: int, size: int) -> int:
    """How many pages `total` items fill; an empty list is one empty page."""
    return max(1, (total + size - 1) // size)
