"""One page of a long list: the facilitator's pool and a caseworker's own sessions grow with
every month of use, and drawing all of them made a page run grow with them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def page_of(items: Sequence[T], page: int, size: int) -> tuple[int, Sequence[T]]:
    """The page asked for (1-based), kept within the pages there are: a narrower search or a
    deleted item can leave a remembered page number beyond the end."""
    pages = max(1, (len(items) + size - 1) // size)
    page = min(max(1, int(page or 1)), pages)
    return page, items[(page - 1) * size : page * size]
