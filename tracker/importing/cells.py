"""Reading one row's cells by column name: text cleaned, the export's formula guard removed, dates parsed."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date, timedelta
from itertools import compress, repeat, zip_longest
from typing import Any, TypeGuard

from tracker.dates import parse_date
from tracker.errors import InvalidInput
from tracker.formula_guard import QUOTE, unneutralise
from tracker.i18n import t
from tracker.importing.read import Table, _cell_text
from tracker.text import clean, clean_each

Values = tuple[object, ...]

# Fields the validators name, to the file column that carries them.
_COLUMN_OF_FIELD = {
    "sources": "source",
    "transferred_on": "responded_on",
    "session_id": "session",
    "due_override_reason": "due_on",
}


def each_distinct(values: Sequence[Hashable], fn: Callable[[Any], Any]) -> list[Any]:
    """``[fn(v) for v in values]`` with ``fn`` run once per distinct value (issue 15: a column
    repeats itself, and a dict lookup a row costs far less than a rule a row). Values equal as
    keys must give equal answers (``1``, ``1.0`` and ``True`` are one key: pair them with their
    type where that matters)."""
    memo = {value: fn(value) for value in dict.fromkeys(values)}
    return list(map(memo.__getitem__, values))


# How many first cells of a column tell whether it repeats itself.
_SAMPLE = 1000


def all_str(values: Sequence[object]) -> TypeGuard[Sequence[str]]:
    return set(map(type, values)) <= {str}


def split_list(text: str) -> list[str]:
    """A cell listing several values ("A; B")."""
    return [p.strip() for p in text.split(";") if p.strip()]


def column_of(field_name: str | None) -> str:
    return _COLUMN_OF_FIELD.get(field_name or "", field_name or "")


class Cells:
    """One table's cells by column name (``columns``: column name -> index in the file's rows)."""

    def __init__(self, table: Table, columns: dict[str, int], lang: str) -> None:
        self.table = table
        self.columns = columns
        self.lang = lang
        self._texts: dict[str, list[str]] = {}
        self._raw: list[tuple[object, ...]] | None = None

    def cell(self, values: Values, column: str) -> object:
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return ""
        return self.cell_value(values[index])

    def cell_value(self, value: object) -> object:
        """One cell as read: text cleaned (and unguarded in a CSV), None as ""."""
        if isinstance(value, str):
            return unneutralise(clean(value)) if self.table.formula_guarded else clean(value)
        return "" if value is None else value

    def text(self, values: Values, column: str) -> str:
        return self.text_of(self.cell(values, column))

    @staticmethod
    def text_of(value: object) -> str:
        return value if isinstance(value, str) else clean(_cell_text(value))

    def column_texts(self, column: str) -> list[str]:
        """``text`` of every row's cell in one column, computed once per table (the fast path
        and the prescan share it)."""
        if column not in self._texts:
            index = self.columns.get(column)
            if index is None:
                texts = [""] * len(self.table.rows)
            else:
                texts = self._texts_at(index)
            self._texts[column] = texts
        return self._texts[column]

    def raw_column(self, index: int) -> Sequence[object]:
        """Every row's cell at ``index`` as read ("" where a row is shorter)."""
        if self._raw is None:
            # The table turned into columns once, in C (zip_longest pads a row a CSV ended
            # early): reading one column a row at a time in Python was a tenth of a preview.
            self._raw = list(zip_longest(*(values for _, values in self.table.rows), fillvalue=""))
        if index < len(self._raw):
            return self._raw[index]
        return ("",) * len(self.table.rows)

    def _texts_at(self, index: int) -> list[str]:
        # A column repeats itself (blanks, kinds, sessions, units): each distinct cell is read
        # once, keyed with its type (1, 1.0 and True are equal as keys but read differently).
        raw = self.raw_column(index)
        if self.all_text(raw):  # a CSV, or an .xlsx column of text
            return self._str_texts(raw)
        typed = list(zip(map(type, raw), raw))
        return each_distinct(typed, lambda key: self.text_of(self.cell_value(key[1])))

    def all_text(self, values: Sequence[object]) -> TypeGuard[Sequence[str]]:
        """Whether these cells of the table are all str (a CSV's are, without a look at each)."""
        return self.table.text_only or all_str(values)

    def _str_texts(self, raw: Sequence[str]) -> list[str]:
        """``text_of(cell_value(v))`` of every cell of a column of ``str``, with no Python call per
        cell: cleaned by ``clean_each`` (once per distinct text when the column repeats itself),
        and the formula guard taken off only the texts that start with it."""
        # A column whose first cells differ (numbers, summaries) is cleaned cell by cell: the
        # memo would cost more than it saves. Either way gives the same texts.
        if len(set(raw[:_SAMPLE])) * 2 > min(len(raw), _SAMPLE):
            texts = clean_each(raw)
        else:
            distinct = list(dict.fromkeys(raw))
            memo = dict(zip(distinct, clean_each(distinct), strict=True))
            texts = list(map(memo.__getitem__, raw))
        if self.table.formula_guarded:
            for i in compress(range(len(texts)), map(str.startswith, texts, repeat(QUOTE))):
                texts[i] = unneutralise(texts[i])
        return texts

    def header(self, column: str) -> str:
        index = self.columns.get(column)
        if index is not None:
            return self.table.headers[index]
        label = t(f"import.col.{column}", self.lang)
        return column if label == f"import.col.{column}" else label

    def read_date(
        self, values: Values, column: str, problems: list[InvalidInput], required: bool = False
    ) -> date | None:
        return self.date_of(self.cell(values, column), column, problems, required)

    def date_of(self, value: object, column: str, problems: list[InvalidInput], required: bool = False) -> date | None:
        """A cell as ``cell_value`` gives it, read as a date (problems appended, None when none)."""
        if value in ("", None):
            if required:
                problems.append(InvalidInput("error.date_required", field=column))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 20_000 <= value <= 80_000:
            value = date(1899, 12, 30) + timedelta(days=int(value))  # an Excel serial in an unformatted cell
        try:
            return parse_date(value, column)
        except InvalidInput as error:
            problems.append(error)
            return None
