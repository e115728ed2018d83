"""The language data files: each loads, no key twice, every abbreviation expands to an organ name."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import regex as re

from policyparse.lang.organs import expand_abbreviations, ungrounded
from policyparse.lexicon import json_data, table, word_list

DATA = resources.files("policyparse.data")
FILES = sorted(p.name for p in DATA.iterdir() if p.name.endswith((".txt", ".tsv", ".json")))

# The columns that identify a row of each table: no two rows may share them.
KEYS = {
    "agency_codes.tsv": ("agency",),
    "comparators.tsv": ("word", "position"),
    "deadline_cues.tsv": ("cue", "pattern"),
    "department_aliases.tsv": ("alias",),
    "department_roles.tsv": ("cue", "pattern"),
    "doc_types.tsv": ("suffix",),
    "duration_units.tsv": ("word",),
    "five_year_plans.tsv": ("plan",),
    "frequencies.tsv": ("word",),
    "function_words.tsv": ("word",),
    "organs.tsv": ("name",),
    "organ_role_nouns.tsv": ("noun",),
    "page_meta_labels.tsv": ("label",),
    "target_cues.tsv": ("cue", "pattern"),
    "time_words.tsv": ("word",),
}
# Columns that hold regex fragments: each must compile.
PATTERN_COLUMNS = {"target_cues.tsv": "pattern", "deadline_cues.tsv": "pattern", "department_roles.tsv": "pattern"}


def test_every_data_file_is_known_here():
    tables = {f for f in FILES if f.endswith(".tsv")}
    assert tables == set(KEYS), "a new table needs its key columns in KEYS"


@pytest.mark.parametrize("name", FILES)
def test_every_data_file_loads_without_duplicates(name):
    if name.endswith(".json"):
        assert json_data(name)
        return
    if name.endswith(".txt"):
        words = word_list(name)
        assert words, name
        dup = [w for w, n in Counter(words).items() if n > 1]
        assert not dup, f"{name}: {dup}"
        return
    rows = table(name)
    assert rows, name
    keys = Counter(tuple(row[k] for k in KEYS[name]) for row in rows)
    assert all(all(k) for k in keys), f"{name}: a row without its key"
    dup = [k for k, n in keys.items() if n > 1]
    assert not dup, f"{name}: {dup}"
    if name in PATTERN_COLUMNS:
        for row in rows:
            re.compile(row[PATTERN_COLUMNS[name]])


@pytest.mark.parametrize("row", table("department_aliases.tsv"), ids=lambda r: r["alias"])
def test_every_abbreviation_expands_to_an_organ_name(row):
    alias, full = row["alias"], row["expansion"]
    # the expansion is what SPEC's canonical names use, and expanding is idempotent
    assert expand_abbreviations(f"市{alias}局") == f"市{full}局"
    assert expand_abbreviations(full) == full
    # the expanded word is one the organ lexicon knows: a domain word (市 + 人力资源社会保障 + 局)
    # or a mass organ (市 + 工商业联合会), so that the expanded name is grounded
    assert ungrounded(expand_abbreviations(f"市{alias}局")) is None or ungrounded(f"市{full}") is None, full
    assert ungrounded("市阿斯顿局") is not None  # and the check is not vacuous
