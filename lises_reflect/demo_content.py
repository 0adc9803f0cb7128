"""Fictional demo content for Lån et øre: its typed shape, its loader, and case variation.

The texts themselves are data, in lises_reflect/data/demo/ (each file's header says what it
holds and how it is used):

- `cases.yaml`: hand-written conversation cases, with alternative wordings (`Case`),
- `people.yaml`: fictional municipalities, teams and caseworker names,
- `general.yaml`: reflections and learning points that fit any case, and the cues that make
  the demo's turn tags plausible.

Everything there is invented, for demonstration, tests and benchmarks; there is deliberately no
personal data. The files are validated when loaded, and every id they use (conversation kinds,
situation categories, lenses, learning categories) is checked against the prompt catalogue
(prompts/), so the demo can only show choices the app offers. A problem raises
`DemoContentError`, naming the file and the field like the catalogue's errors do.

`compose_case` varies the hand-written cases for bulk generation, so that thousands of demo
sessions are not all identical; it only recombines the texts in the files and never adds any.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    Field,
    StrictBool,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from lises_reflect.catalogue import (
    Catalogue,
    CatalogueError,
    SchemaVersion,
    StrictModel,
    read_yaml,
)
from lises_reflect.transcript import TranscriptError, parse_transcript

__all__ = [
    "DATA_DIR",
    "Case",
    "DemoContent",
    "DemoContentError",
    "LearningPoint",
    "Observation",
    "Organisation",
    "TagCues",
    "Variants",
    "compose_case",
    "content",
    "free_texts",
    "load_content",
]

DATA_DIR: Path = Path(__file__).resolve().parent / "data" / "demo"
"""The shipped demo data: <repo>/lises_reflect/data/demo."""


class DemoContentError(CatalogueError):
    """A demo data file is wrong; says which file and which field, as CatalogueError does."""


# --------------------------------------------------------------------------- model

Text = Annotated[str, StringConstraints(strict=True, min_length=1)]


def _catalogue_id(what: str, known: Callable[[Catalogue], tuple[str, ...]]) -> Any:
    """A string that must be one of the catalogue's ids (the catalogue comes as context)."""

    def check(value: str, info: ValidationInfo) -> str:
        ids = known(info.context["catalogue"])
        if value not in ids:
            raise PydanticCustomError(
                "unknown_id",
                "unknown {what} {value}; use one of: {ids}",
                {"what": what, "value": repr(value), "ids": ", ".join(ids)},
            )
        return value

    return Annotated[str, StringConstraints(strict=True), AfterValidator(check)]


ConversationKind = _catalogue_id(
    "conversation kind", lambda c: tuple(o.id for o in c.conversation_kinds)
)
SituationCategory = _catalogue_id(
    "situation category", lambda c: tuple(o.id for o in c.situation_categories)
)
LensId = _catalogue_id("lens", Catalogue.lens_ids)
LearningCategory = _catalogue_id(
    "learning category", lambda c: tuple(o.id for o in c.learning_categories)
)
TagId = _catalogue_id("tag", Catalogue.tag_ids)


class _Data(StrictModel):
    """Frozen, and an unknown key is an error that names the closest known key."""


class Observation(_Data):
    """A listener's descriptive observation, seen through one lens."""

    lens: LensId
    text: Text


class LearningPoint(_Data):
    """A learning point the pair wrote; `share` says whether the bringer shared it."""

    text: Text
    category: LearningCategory
    share: StrictBool


class Variants(_Data):
    """Other wordings: what another bringer might have written about the same conversation."""

    title: tuple[Text, ...] = ()
    context_wish: tuple[Text, ...] = ()
    struck: tuple[Text, ...] = ()
    takeaway: tuple[Text, ...] = ()


class Case(_Data):
    """One fictional conversation brought to a session, and how the session went."""

    title: Text
    conversation_kind: ConversationKind
    situation: tuple[SituationCategory, ...] = Field(min_length=1)
    """Broad situation categories; the first is the main one."""
    lenses: tuple[LensId, ...] = Field(min_length=1)
    excerpt: Text
    context_wish: Text
    observations: tuple[Observation, ...] = Field(min_length=1)
    reflections: tuple[Text, ...] = Field(min_length=1)
    struck: Text
    takeaway: Text
    learning_points: tuple[LearningPoint, ...] = Field(min_length=1)
    variants: Variants = Variants()

    @field_validator("excerpt")
    @classmethod
    def _parses(cls, value: str) -> str:
        """The excerpt splits into turns, as the session page and the demo's tags need."""
        try:
            parse_transcript(value)
        except TranscriptError as err:
            raise PydanticCustomError(
                "transcript", "not a transcript: {problem}", {"problem": err.message_en}
            ) from None
        return value


class Organisation(_Data):
    """A fictional municipality and the names of its teams."""

    name: Text
    teams: tuple[Text, ...] = Field(min_length=1)


class TagCues(_Data):
    """Lowercase fragments that make the demo offer a tag, by tag id: for the citizen's turns
    and for everyone else's."""

    citizen: dict[TagId, tuple[Text, ...]]
    caseworker: dict[TagId, tuple[Text, ...]]


class _CasesFile(_Data):
    schema_version: SchemaVersion
    cases: tuple[Case, ...] = Field(min_length=1)


class _PeopleFile(_Data):
    schema_version: SchemaVersion
    organisations: tuple[Organisation, ...] = Field(min_length=1)
    small_team: Text
    first_names: tuple[Text, ...] = Field(min_length=1)
    last_names: tuple[Text, ...] = Field(min_length=1)


ReadOnly = AfterValidator(MappingProxyType)
"""A mapping nobody changes: the data is loaded once and shared."""


class _GeneralFile(_Data):
    schema_version: SchemaVersion
    reflections: Annotated[dict[LensId, tuple[Text, ...]], ReadOnly]
    learning_points: Annotated[
        dict[LearningCategory, Annotated[tuple[Text, ...], Field(min_length=1)]], ReadOnly
    ]
    tag_cues: TagCues

    @field_validator("learning_points")
    @classmethod
    def _every_category(cls, value: Mapping[str, Any], info: ValidationInfo) -> Mapping[str, Any]:
        categories = [c.id for c in info.context["catalogue"].learning_categories]
        missing = [c for c in categories if c not in value]
        if missing:
            raise PydanticCustomError(
                "missing_category",
                "no learning points for {missing}; give one list per learning category "
                "(demo.seed draws from every one)",
                {"missing": ", ".join(missing)},
            )
        return value


_FILES: tuple[tuple[str, type[_Data]], ...] = (
    ("cases.yaml", _CasesFile),
    ("people.yaml", _PeopleFile),
    ("general.yaml", _GeneralFile),
)


@dataclass(frozen=True)
class DemoContent:
    """All demo data, validated: every section of the files in `_FILES`."""

    cases: tuple[Case, ...]
    organisations: tuple[Organisation, ...]
    small_team: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    reflections: Mapping[str, tuple[str, ...]]
    """General reflections by lens id."""
    learning_points: Mapping[str, tuple[str, ...]]
    """General learning points by learning category id (every category of the catalogue)."""
    tag_cues: TagCues


# --------------------------------------------------------------------------- loading

_M = TypeVar("_M", bound=_Data)

_MESSAGES = {
    "missing": "missing required key",
    "string_type": "expected a string",
    "bool_type": "expected true/false",
    "tuple_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "string_too_short": "must not be empty",
}


def _load(path: Path, model: type[_M], catalogue: Catalogue) -> _M:
    file = str(path)
    data = read_yaml(path, file, DemoContentError)
    try:
        return model.model_validate(data, context={"catalogue": catalogue})
    except ValidationError as exc:
        raise DemoContentError.from_validation(file, exc, _MESSAGES) from None


def load_content(
    directory: Path | str | None = None, catalogue: Catalogue | None = None
) -> DemoContent:
    """Load and validate the demo data in `directory` (default: the shipped DATA_DIR).

    Ids are checked against `catalogue` (default: the app's catalogue, prompts/). Raises
    DemoContentError on the first problem found.
    """
    if catalogue is None:
        from lises_reflect.catalogue import catalogue as shipped

        catalogue = shipped()
    root = Path(directory) if directory is not None else DATA_DIR
    files = [_load(root / name, model, catalogue) for name, model in _FILES]
    return DemoContent(**{k: v for file in files for k, v in file if k != "schema_version"})


@lru_cache(maxsize=1)
def content() -> DemoContent:
    """The shipped demo data, loaded once."""
    return load_content()


# --------------------------------------------------------------------------- use


def free_texts(data: DemoContent | None = None) -> list[str]:
    """Every free text in the demo data (for the personal-data check in the tests)."""
    data = data or content()
    out: list[str] = []
    for case in data.cases:
        out += [case.title, case.excerpt, case.context_wish, case.struck]
        out += [case.takeaway, *case.reflections]
        out += [o.text for o in case.observations]
        out += [p.text for p in case.learning_points]
        v = case.variants
        out += [*v.title, *v.context_wish, *v.struck, *v.takeaway]
    for texts in (*data.reflections.values(), *data.learning_points.values()):
        out += texts
    return out


def compose_case(rng: random.Random) -> Case:
    """Return a new case, varied from one of the hand-written ones, for bulk generation.

    Picks a base case and varies it: alternative wordings for the title, the bringer's wish,
    what struck the bringer and the takeaway; a sub-selection of the situation categories (the
    first, main one is always kept); a shuffled sub-selection of observations (at least
    three), reflections (at least two, sometimes with a general one added) and learning points
    (at least one, whose sharing may differ). Only texts from the data files are recombined,
    so no personal data can appear.
    """
    data = content()
    base = rng.choice(data.cases)
    changes: dict[str, Any] = {}
    for field in ("title", "context_wish", "struck", "takeaway"):
        options = [getattr(base, field), *getattr(base.variants, field)]
        changes[field] = rng.choice(options)

    situation = base.situation
    changes["situation"] = (situation[0], *(s for s in situation[1:] if rng.random() < 0.7))

    observations = base.observations
    k = rng.randint(min(3, len(observations)), len(observations))
    changes["observations"] = tuple(rng.sample(observations, k))

    reflections = base.reflections
    k = rng.randint(min(2, len(reflections)), len(reflections))
    chosen = rng.sample(reflections, k)
    if len(chosen) < 4 and rng.random() < 0.3:
        lens = rng.choice(base.lenses)
        extra = [r for r in data.reflections.get(lens, ()) if r not in chosen]
        if extra:
            chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(extra))
    changes["reflections"] = tuple(chosen)

    points = base.learning_points
    k = rng.randint(1, len(points))
    chosen_points = []
    for point in rng.sample(points, k):
        if point.share and rng.random() < 0.15:
            point = point.model_copy(update={"share": False})
        chosen_points.append(point)
    changes["learning_points"] = tuple(chosen_points)
    return base.model_copy(update=changes)
