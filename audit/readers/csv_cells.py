"""Column access for the CSV engine: each role's text column, stripped and with placeholders empty,
and the description worked on once per distinct text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from audit.masking import picked_unchanged
from audit.readers import type_phrase
from audit.readers.profile import PLACEHOLDER
from audit.textcols import distinct, encode_once, map_unique
from audit.values import const_str, has_edge_space, normalise_column, re_contains, re_replace


def column(cells: pd.DataFrame, roles: dict[str, int], role: str) -> pd.Series | None:
    idx = roles.get(role)
    if idx is None or idx >= cells.shape[1]:
        return None
    col = cells.iloc[:, idx].astype("str")
    if has_edge_space(distinct(col)):  # strip only when some cell needs it
        col = col.str.strip()
    # "-", "—", "/" stand for an empty cell (looked for among the distinct texts first: most columns have none)
    if bool(re_contains(distinct(col), PLACEHOLDER).any()):
        placeholder = map_unique(col, lambda v: re_contains(v, PLACEHOLDER))
        col = col.where(~placeholder)
    return col


class Cols:
    """Stripped text column per role, computed on first use."""

    def __init__(self, cells: pd.DataFrame, roles: dict[str, int]):
        self.cells, self.roles = cells, roles
        self._cache: dict[str, pd.Series | None] = {}

    def get(self, role: str) -> pd.Series | None:
        if role not in self._cache:
            self._cache[role] = column(self.cells, self.roles, role)
        return self._cache[role]


class Desc:
    """The description column, worked on once per distinct text (statements repeat merchants)."""

    def __init__(self, raw: pd.Series | None, n: int):
        if raw is None:
            raw = const_str("", n)
        encoded = encode_once(raw) if len(raw) >= 4096 else None  # (the reader has it already, as a rule)
        if encoded is not None and not encoded.indices.null_count:  # what pd.factorize gives, without a pass
            self.codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.intp)
            uniq = pd.Series(encoded.dictionary, dtype="str")
        else:
            codes, uniques = pd.factorize(raw, use_na_sentinel=False)
            self.codes = codes
            uniq = pd.Series(uniques, dtype="str")
        # as printed, runs of spaces kept (padded fields); only line breaks and tabs become spaces
        self.clean = re_replace(uniq, "[\t\r\n]", " ").str.strip()
        self.norm = normalise_column(self.clean).fillna("")
        self.shown = self.clean  # what the description column shows (the counterparty once types are split off)
        self.type_phrases: list[str] = []
        self._picked: tuple[object, np.ndarray] | None = None  # (the Arrow data printed() gave last, its rows)

    def split_types(self) -> list[str]:
        """Show the counterparty instead of cells that open with a bank's type phrase
        (:mod:`audit.readers.type_phrase`); flags still see the whole cell. Returns the phrases found."""
        if not len(self.clean) or not bool(re_contains(self.norm, type_phrase.TYPE_PATTERN).any()):
            return []
        texts = [t if isinstance(t, str) else None for t in self.clean.tolist()]
        shown, self.type_phrases = type_phrase.counterparties(texts)
        if self.type_phrases:
            self.shown = pd.Series(shown, dtype="str")
        return self.type_phrases

    def flag(self, pattern: str) -> np.ndarray:
        return re_contains(self.norm, pattern).to_numpy(dtype=bool)[self.codes]

    def printed(self, idx: np.ndarray, *, whole: bool = False) -> pd.Series:
        """The description of rows ``idx``: the counterparty shown, or with ``whole`` the cell as printed."""
        source = self.clean if whole else self.shown
        arr = pc.take(source.array.__arrow_array__(), pa.array(self.codes[idx]))
        out = pd.Series(arr, dtype="str")
        picked_unchanged(source, out)  # (nothing to mask in the distinct texts: none in the column either)
        if not whole:
            self._picked = (out.array.__arrow_array__(), idx)
        return out

    def blank_rows(self, values: pd.Series) -> np.ndarray | None:
        """Per row of ``values``: empty once stripped (or missing), when ``values`` is the very column
        :meth:`printed` gave last (worked out once per distinct text); None for any other column."""
        picked = self._picked
        data = values.array.__arrow_array__() if hasattr(values.array, "__arrow_array__") else None
        if picked is None or data is not picked[0]:
            return None
        blank = (self.shown.fillna("").str.strip() == "").to_numpy(dtype=bool)
        return blank[self.codes[picked[1]]]
