"""Editing a private copy of the prompt catalogue and checking the loader's error: shared by
the catalogue's tests and the provenance tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from lises_reflect.catalogue import CatalogueError, load_catalogue


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Load a YAML file, let `change` mutate it, write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def load_error(directory: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(directory)
    return info.value


def assert_error(err: CatalogueError, file: Path, field: str, *words: str) -> None:
    assert err.file == str(file)
    assert err.field == field
    assert str(err) == f"{file}: {field}: {err.message}"
    assert file.name in str(err)
    for word in words:
        assert word in err.message
