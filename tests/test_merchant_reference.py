"""The reference tables read in bulk (:mod:`audit.merchants.reference`) hold what a plain line-by-line reading gives."""

from __future__ import annotations

import gzip
from importlib.resources import files

from audit.merchants import reference

PUNCT = str.maketrans({c: " " for c in "-.'"})


def _lines(name: str) -> list[list[str]]:
    data = gzip.decompress((files("audit.merchants") / "data" / name).read_bytes()).decode("utf-8")
    return [line.split("\t") for line in data.splitlines()[1:] if line]


def test_places_equal_a_line_by_line_reading() -> None:
    codes, currencies, names = set(), set(), {}
    for kind, text, _country in _lines("places.tsv.gz"):
        if kind in ("country_code", "country_code3", "region_code"):
            codes.add(text)
        elif kind == "currency":
            currencies.add(text)
        elif words := tuple(text.translate(PUNCT).split()):
            names.setdefault(words, kind)
    p = reference.places()
    assert p.codes == codes and p.currencies == currencies
    assert p.names == {" ".join(w): kind for w, kind in names.items()} and "country" in p.names.values()
    assert p.max_words == max(len(w) for w in names)
    some = sorted(names, key=len)[-1]
    assert p.is_name(some) and p.name_at_end(["ACME", *some]) == len(some)
    assert not p.is_name(("ACME", "ZZZQX")) and p.name_at_end(["ACME", "ZZZQX"]) == 0


def test_name_freq_equal_a_line_by_line_reading() -> None:
    u, names = {}, 1
    for token, value in _lines("name_freq.tsv.gz"):
        if token == "#names":
            names = int(float(value))
        else:
            u[token] = float(value)
    nf = reference.name_freq()
    assert nf.u == u and nf.names == names and len(u) > 1000


def test_name_sequences_equal_a_search_in_the_text() -> None:
    data = gzip.decompress((files("audit.merchants") / "data" / "name_seq.tsv.gz").read_bytes()).decode("utf-8")
    text = "\n" + data.split("\n", 1)[1]

    def holding(words: tuple[str, ...]) -> int:  # the former reading: a search in the shipped text
        best = 0
        for i in range(len(words) - 2):
            key = "\n" + " ".join(words[i:i + 3]) + "\t"
            at = text.find(key)
            if at >= 0:
                end = text.find("\n", at + len(key))
                best = max(best, int(text[at + len(key):end if end >= 0 else None]))
        return best

    seqs = reference.name_sequences()
    lines = [line.split("\t")[0].split() for line in text.strip("\n").split("\n")]
    probes = [tuple(w) for w in lines[::97]] + [("ACME", *w) for w in lines[::501]] + [("ZZQX", "QQZX", "XXZQ"), ()]
    assert len(probes) > 250
    for words in probes:
        assert seqs.names_holding(words) == holding(words), words
    assert any(seqs.occurs(w) for w in probes) and not seqs.occurs(("ZZQX", "QQZX", "XXZQ"))


def test_derived_tables_are_rebuilt_when_a_source_changes_and_skipped_when_unwritable(tmp_path, monkeypatch) -> None:
    from audit.merchants import derived

    calls = []

    def build(text: str):
        def run():
            calls.append(text)
            return {"v": text}
        return run

    key1, key2 = derived.digest([b"one"]), derived.digest([b"two"])
    assert key1 != key2 and derived.digest([b"ab", b"c"]) != derived.digest([b"a", b"bc"])
    assert derived.load("t", tmp_path, key1, build("one")) == {"v": "one"}
    assert derived.load("t", tmp_path, key1, build("one")) == {"v": "one"} and calls == ["one"]  # read back
    assert derived.load("t", tmp_path, key2, build("two")) == {"v": "two"} and calls == ["one", "two"]  # changed
    assert [p.name for p in (tmp_path / derived.FOLDER).iterdir()] == [f"t-{key2}.bin"]  # the stale one is gone
    (tmp_path / derived.FOLDER / f"t-{key2}.bin").write_bytes(b"\x00garbage")  # unreadable: built again
    assert derived.load("t", tmp_path, key2, build("two")) == {"v": "two"} and calls[-1] == "two" and len(calls) == 3
    blocked = tmp_path / "blocked"  # no folder can be made where the files would go
    blocked.mkdir()
    (blocked / derived.FOLDER).write_text("a file, not a folder")
    assert derived.load("t", blocked, key1, build("one")) == {"v": "one"}  # parsed, nothing written, no error
    assert derived.load("t", blocked, key1, build("one")) == {"v": "one"} and len(calls) == 5

    def read_only(*_a, **_k):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(derived.tempfile, "mkstemp", read_only)  # a read-only install (root may write anywhere)
    assert derived.load("u", tmp_path, key1, build("one")) == {"v": "one"} and len(calls) == 6
    assert not list((tmp_path / derived.FOLDER).glob("u-*"))
    monkeypatch.setenv(derived.ENV_OFF, "1")
    assert derived.load("t", tmp_path, key2, build("two")) == {"v": "two"} and len(calls) == 7


def test_a_shipped_list_is_read_again_when_it_changes(tmp_path, monkeypatch) -> None:
    import shutil

    from audit.merchants import derived, lists

    for p in lists.shipped_paths():
        shutil.copy(p, tmp_path / p.name)
    monkeypatch.setenv(lists.ENV_DIR, str(tmp_path))
    monkeypatch.setattr(lists, "_READ", {})
    scams = tmp_path / "known_scams.toml"
    first = lists.read_list(scams)
    assert list((tmp_path / derived.FOLDER).glob("list.known_scams-*.bin"))
    monkeypatch.setattr(lists, "_READ", {})  # a new process: read back from the derived file
    assert lists.read_list(scams) == first and lists.entry_tables(scams)
    monkeypatch.setenv(derived.ENV_OFF, "1")
    assert lists.read_list(scams) == first  # the same as parsing the file
    monkeypatch.delenv(derived.ENV_OFF)
    text = scams.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("aliases"))
    scams.write_text(text.replace(line, 'aliases = ["Zqxv Renamed Example"]', 1), encoding="utf-8")
    monkeypatch.setattr(lists, "_READ", {})
    changed = lists.read_list(scams)
    assert changed != first and changed.entries[0].aliases == ("Zqxv Renamed Example",)
    assert len(list((tmp_path / derived.FOLDER).glob("list.known_scams-*.bin"))) == 1  # the stale file went


def test_the_deriving_code_is_part_of_the_name() -> None:
    from audit.merchants import derived

    code = derived.code_of("audit.merchants.reference", "audit.merchants.evidence")
    assert [len(c) > 1000 for c in code] == [True, True]  # the modules' sources, imported or not
    assert derived.digest([b"x", *code]) != derived.digest([b"x", code[0] + b"#", code[1]])


def test_the_look_alike_table_equals_one_built_from_the_package() -> None:
    from audit.merchants import text

    raw = (files("confusable_homoglyphs") / "confusables.json").read_bytes()
    table = text._confusable_map()
    assert table == text._latin_look_alikes(raw) and table["\u0415"] == "E"  # Cyrillic Е
    assert text.fold_latin("R\u0415STORO") == "RESTORO"
