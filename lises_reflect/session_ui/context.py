"""The one context object every renderer of the session page takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from lises_reflect.catalogue import Catalogue, Phase
from lises_reflect.sessions import SessionView
from lises_reflect.tagging import TalkView


@dataclass(frozen=True)
class SessionContext:
    """What one run of the session page shows, for whom.

    `shown` is the phase on screen: the group's phase in an open session, the reader's own
    pick in a finished record (`readonly`). `stamp` is what this run shows, compared with the
    database every second by `header.live_updates`."""

    engine: Engine
    uid: int
    sid: int
    view: SessionView
    talk: TalkView
    cat: Catalogue
    lang: str
    readonly: bool
    shown: int
    stamp: Any = None

    @property
    def phase(self) -> Phase:
        return self.cat.phases[self.shown - 1]

    def phase_title(self, number: int) -> str:
        return self.cat.phases[number - 1].title.get(self.lang)
