"""Shared test set-up: no test reads or writes the case file of the person running the tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _private_case_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point ``AUDIT_DATA_DIR`` at a temporary folder for the whole run (a test may still set its own)."""
    before = os.environ.get("AUDIT_DATA_DIR")
    os.environ["AUDIT_DATA_DIR"] = str(tmp_path_factory.mktemp("casedata"))
    yield
    if before is None:
        os.environ.pop("AUDIT_DATA_DIR", None)
    else:
        os.environ["AUDIT_DATA_DIR"] = before
