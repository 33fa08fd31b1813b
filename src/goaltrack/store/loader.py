"""Read a dataset directory: TOML parsing and model validation, problems collected.

Every file and every record is validated on its own, so one bad record neither hides
the problems of the others nor makes the rest of the dataset unusable.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core.dataset import Dataset
from ..core.diagnostics import Collector
from ..core.models import (
    SECTION_MODELS,
    Actual,
    Defaults,
    Indicator,
    Plan,
    Source,
    Strict,
    UnitDef,
    unused_target_keys,
)
from ..core.units import UnitError, declared_units, use_declared_units
from .doccache import DocCache
from .tomlpos import Positions

MAX_FILE_BYTES = 32 * 1024 * 1024  # documented in docs/format.md
MAX_FILES = 20_000

_LIST_SECTIONS = ("sources", "indicators", "actuals")
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
# Python's int() refuses more digits (its time grows as their square): tomllib then raises
# ValueError, and so does tomlkit. Tried only where a run of digits starts.
INT_MAX_DIGITS = 4300
LONG_INTEGER = re.compile(rf"(?<![0-9_])[0-9_]{{{INT_MAX_DIGITS + 1}}}")


def discover(paths: Iterable[Path], col: Collector) -> list[Path]:
    """All *.toml files under `paths` (files given directly are taken as they are).

    Directory symlinks are followed once: a loop is reported, not walked forever. A symlink
    that leads out of the directory given is reported and not followed (docs/security.md).
    """
    found: list[Path] = []
    links: list[Path] = []  # symlinks met on the walk: only they can reach a file twice
    paths = list(paths)
    for p in paths:
        try:
            st = p.stat()
        except (OSError, ValueError) as e:
            col.error(
                "path-missing",
                f"cannot open {p}: {getattr(e, 'strerror', None) or e}",
                file=str(p),
                hint="give a dataset directory or a .toml file",
            )
            continue
        if not stat.S_ISDIR(st.st_mode):
            found.append(p)
            continue
        seen: set[tuple[int, int]] = set()
        for f in _walk(p, seen, links, col, os.path.realpath(p)):
            found.append(f)
            if len(found) > MAX_FILES:
                col.error("too-many-files", f"more than {MAX_FILES} files under {p}", file=str(p))
                return found
    if len(paths) == 1 and not links:
        return sorted(found)  # one tree walked without a link: no file is reached twice
    return _once_each(found)


def _once_each(found: list[Path]) -> list[Path]:
    """Each file once, though links may reach it twice: by its own path rather than a link's."""
    by_real: dict[str, Path] = {}
    for f in sorted(set(found), key=lambda f: (f.is_symlink(), f)):
        by_real.setdefault(os.path.realpath(f), f)
    return sorted(by_real.values())


def _walk(
    d: Path, seen: set[tuple[int, int]], links: list[Path], col: Collector, root: str
) -> Iterator[Path]:
    try:
        st = d.stat()
    except OSError as e:
        col.error("unreadable", f"cannot read directory: {e.strerror}", file=str(d))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        col.warning(
            "symlink-loop",
            "directory reached twice (a symlink loop?); skipped",
            file=str(d),
            hint="remove the symlink that points back up the tree",
        )
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(d), key=lambda e: e.name)
    except OSError as err:
        col.error("unreadable", f"cannot read directory: {err.strerror}", file=str(d))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        p = Path(entry.path)
        if entry.is_symlink():
            links.append(p)
        if entry.is_symlink() and not is_inside(os.path.realpath(p), root):
            if entry.name.endswith(".toml") or _is_dir_entry(entry):
                col.error(
                    "symlink-outside",
                    "a symlink to a file or directory outside the dataset directory: not read",
                    file=str(p),
                    hint="copy the file into the dataset, or give its directory as a path",
                )
            continue
        if _is_dir_entry(entry) and entry.name.endswith(".toml"):
            # A data file replaced by a directory: its figures would vanish without a word.
            col.error(
                "unreadable",
                "a directory where a data file is expected: not read",
                file=str(p),
                hint="put the data file back, or rename the directory",
            )
        elif _is_dir_entry(entry):
            yield from _walk(p, seen, links, col, root)
        elif entry.name.endswith(".toml"):
            yield p  # read_text reports symlink loops, FIFOs and the like


def is_inside(real: str, root: str) -> bool:
    """The real path `real` is `root` or below it."""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _is_dir_entry(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def read_text(path: Path, col: Collector, label: str) -> str | None:
    """The file's text, or None with a diagnostic (size, encoding, permissions)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            col.error(
                "unreadable",
                "not a regular file",
                file=label,
                hint="data files are plain files; remove this entry",
            )
            return None
        size = st.st_size
        if size > MAX_FILE_BYTES:
            col.error(
                "file-too-large",
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                file=label,
                hint="split it, e.g. one actuals file per source document",
            )
            return None
        data = path.read_bytes()
    except (OSError, RuntimeError, ValueError) as e:
        col.error(
            "unreadable",
            f"cannot read file: {getattr(e, 'strerror', None) or e}",
            file=label,
            hint="check the file's permissions, or a broken or looping link",
        )
        return None
    if b"\x00" in data:
        col.error(
            "binary-file",
            "this is a binary file, not TOML text",
            file=label,
            hint="remove it or give it another extension",
        )
        return None
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        col.error(
            "not-utf8",
            f"invalid UTF-8 byte 0x{data[e.start]:02x}",
            file=label,
            line=line,
            column=column,
            hint="save the file as UTF-8 (TOML files must be UTF-8)",
        )
        return None
    col.texts[label] = data  # already known to decode
    if bom:
        col.warning(
            "bom",
            "file starts with a UTF-8 byte-order mark",
            file=label,
            line=1,
            hint="save without BOM; `goaltrack fmt` removes it",
        )
    return text


def parse_toml(text: str, col: Collector, label: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        line = column = 0
        if m := _TOML_POS.search(msg):
            line, column = int(m[1]), int(m[2])
            msg = msg[: m.start()].strip()
        elif "(at end of document)" in msg:
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
            column = len(text.rsplit("\n", 2)[-2 if text.endswith("\n") else -1]) + 1 if text else 1
            msg = msg.replace("(at end of document)", "").strip() + " at the end of the file"
        hint = "check the TOML syntax at this spot"
        if any(w in msg.lower() for w in ("overwrite", "redefin", "twice")):
            hint = "a key or table is defined twice: keep one of them"
        elif "invalid value" in msg.lower():
            hint = "strings need quotes; numbers use a dot, not a comma (6.5, not 6,5)"
        col.error(
            "toml-syntax", f"invalid TOML: {msg}", file=label, line=line, column=column, hint=hint
        )
    except RecursionError:
        col.error(
            "too-deep",
            "nesting too deep to read",
            file=label,
            hint="data files need at most a few levels of tables",
        )
    except ValueError:  # an integer of over INT_MAX_DIGITS digits
        m = LONG_INTEGER.search(text)
        line = text.count("\n", 0, m.start()) + 1 if m else 0
        column = m.start() - text.rfind("\n", 0, m.start()) if m else 0
        col.error(
            "invalid-value",
            f"an integer of over {INT_MAX_DIGITS} digits: too large to be a figure (not read)",
            file=label,
            line=line,
            column=column,
            hint="write the value as its source publishes it",
        )
    return None


def load(
    paths: Iterable[Path],
    col: Collector,
    base: Path | None = None,
    overrides: dict[Path, str] | None = None,
) -> Dataset:
    """Load all TOML files under `paths` into a Dataset; problems go to `col`."""
    ds = Dataset()
    paths = list(paths)
    ds.root = str(paths[0]) if len(paths) == 1 else ""
    overrides = overrides or {}
    files = discover(paths, col)
    if overrides:  # resolving every path costs a few stats per file: only when needed
        known = {_real(f) for f in files}
        files += [p for p in overrides if p not in known]
    # What was read stays as bytes in `col.texts`: each file is decoded while it is loaded,
    # not every file's text held at once (a str of Chinese text is twice its UTF-8).
    read: list[tuple[Path, str]] = []
    for path in files:
        label = file_label(path, base)
        ds.files.append(label)
        if overrides and _real(path) in overrides:
            col.texts[label] = overrides[_real(path)] or ""
        elif read_text(path, col, label) is None:
            continue
        read.append((path, label))
    cache = None if overrides else DocCache.open(paths, sum(len(t) for t in col.texts.values()))
    # A dataset's own units are known before any record that uses them is read, whichever
    # file declares them.
    parsed: dict[str, tuple[dict[str, Any] | None, Positions]] = {}
    for path, label in read:
        raw = col.texts[label]
        if not (b"units" in raw if isinstance(raw, bytes) else "units" in raw):
            continue  # no need to decode it to know
        text = _decoded(raw)
        if _DECLARES_UNITS.search(text):
            doc = _parse(path, label, text, col, cache)
            pos = Positions(text)
            parsed[label] = (doc, pos)
            if doc is not None:
                _load_units(doc, pos, ds, col, label)
    use_declared_units({name: u.entry() for name, u in ds.units.items()})
    schemas: dict[tuple[Path, str], bool] = {}
    for path, label in read:
        text = _decoded(col.texts[label])
        _check_schema_header(path, text, col, label, schemas)
        if label in parsed:
            doc, pos = parsed.pop(label)
        else:
            doc, pos = _parse(path, label, text, col, cache), Positions(text)
        if doc is None:
            continue
        _load_doc(doc, pos, ds, col, label)
        col.drop_lines(label)  # they served the record lines; excerpts are cut when reported
    if cache is not None:
        cache.save()
    _plan_scopes(ds)
    return ds


def _decoded(raw: str | bytes) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw  # read_text checked it


def _parse(
    path: Path, label: str, text: str, col: Collector, cache: DocCache | None
) -> dict[str, Any] | None:
    """The file's document: from the cache when its content is the one parsed before."""
    content = col.texts.get(label)
    if cache is None or not isinstance(content, bytes):
        return parse_toml(text, col, label)
    key = os.path.abspath(path)  # noqa: PTH100  (no stat, unlike resolve)
    doc = cache.get(key, content)
    if doc is None:
        doc = parse_toml(text, col, label)
        if doc is not None:
            cache.put(key, content, doc)
    return doc


def _plan_scopes(ds: Dataset) -> None:
    """An indicator that does not say its `scope` covers its plan's (`[plan] scope`, e.g.
    全省), once every file is read (a plan's file may come after its indicators')."""
    scoped = {p.id: p.scope for p in ds.plans.values() if p.scope}
    if not scoped:
        return
    for key, ind in ds.indicators.items():
        scope = scoped.get(ind.plan or "")
        if scope is not None and "scope" not in ind.model_fields_set:
            fields = {k: getattr(ind, k) for k in type(ind).model_fields}
            new = type(ind).model_construct(set(ind.model_fields_set), **{**fields, "scope": scope})
            new.locate(ind.at_file, ind.at_line)
            new.seal()
            ds.indicators[key] = new


_DECLARES_UNITS = re.compile(r"^\s*(\[\[\s*units\s*\]\]|units\s*=)", re.MULTILINE)


def _load_units(
    doc: dict[str, Any], pos: Positions, ds: Dataset, col: Collector, label: str
) -> None:
    items = doc.get("units")
    if not isinstance(items, list):
        return  # reported with the other sections
    for i, raw in enumerate(items):
        # Declared one by one: a unit may be declared in terms of an earlier one.
        with declared_units({name: u.entry() for name, u in ds.units.items()}):
            rec = _validate(UnitDef, raw, ("units", i), pos, col, label)
        if rec is None:
            continue
        line, column = pos.record(("units", i)) or (0, 0)
        rec.locate(label, line)
        prev = ds.units.get(rec.name)
        if prev is not None:
            col.error(
                "duplicate-id",
                f"unit {rec.name!r} is already declared at {prev.at_file}:{prev.at_line}",
                file=label,
                line=line,
                column=column,
                hint="a unit is declared once in a dataset",
            )
            continue
        ds.units[rec.name] = rec


def _check_schema_header(
    path: Path, text: str, col: Collector, label: str, seen: dict[tuple[Path, str], bool]
) -> None:
    first = text.split("\n", 1)[0]
    if not first.startswith("#:schema"):
        return
    ref = first[len("#:schema") :].strip()
    if not ref or "://" in ref:
        return
    if not _schema_exists(path.parent, ref, seen):
        col.warning(
            "schema-header",
            f"schema header points to {ref!r}, which does not exist",
            file=label,
            line=1,
            column=10,
            hint="the path is relative to this file, e.g. ../schema/goaltrack.schema.json",
        )


def _schema_exists(directory: Path, ref: str, seen: dict[tuple[Path, str], bool]) -> bool:
    """Whether a schema header's file exists: looked up once per directory and header in
    a load (a directory's files share one)."""
    if (directory, ref) not in seen:
        try:
            seen[directory, ref] = (directory / ref).is_file()
        except (OSError, ValueError):
            seen[directory, ref] = False
    return seen[directory, ref]


def _real(path: Path) -> Path:
    """The resolved path, without failing on symlink loops (realpath never raises)."""
    return Path(os.path.realpath(path))


def file_label(path: Path, base: Path | None) -> str:
    """How a file is named in messages: relative to `base`, links not followed."""
    if base is not None:
        try:
            # abspath, not resolve(): a link is named as it stands in the dataset.
            return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(base)))  # noqa: PTH100
        except ValueError:
            pass
    return str(path)


def _load_doc(doc: dict[str, Any], pos: Positions, ds: Dataset, col: Collector, label: str) -> None:
    """One file's document into `ds`: the plan and defaults first (the records take theirs),
    then each section's records; every problem collected, none stops the rest."""
    _report_unknown_sections(doc, pos, col, label)
    defaults = _load_plan(doc, pos, ds, col, label, _file_defaults(doc, pos, col, label))
    _section_list(doc, "units", pos, col, label)  # its records were read first (_load_units)
    for section in _LIST_SECTIONS:
        items = _section_list(doc, section, pos, col, label)
        if items is not None:
            _load_records(section, items, defaults, pos, ds, col, label)


def _report_unknown_sections(
    doc: dict[str, Any], pos: Positions, col: Collector, label: str
) -> None:
    """A top-level key that is no section: a typo would otherwise drop its records unseen."""
    for key in doc:
        if key not in SECTION_MODELS:
            line, column = pos.lookup((key,)) or (0, 0)
            col.error(
                "unknown-key",
                f"unknown section {key!r}",
                file=label,
                line=line,
                column=column,
                hint=_did_you_mean(key, list(SECTION_MODELS)),
            )


def _file_defaults(doc: dict[str, Any], pos: Positions, col: Collector, label: str) -> Defaults:
    """The file's `[defaults]`; none (or invalid ones, reported) default nothing."""
    if "defaults" not in doc:
        return Defaults()
    d: Defaults | None = _validate(Defaults, doc["defaults"], ("defaults",), pos, col, label)
    return Defaults() if d is None else d


def _load_plan(
    doc: dict[str, Any],
    pos: Positions,
    ds: Dataset,
    col: Collector,
    label: str,
    defaults: Defaults,
) -> Defaults:
    """Register the file's `[plan]`; the defaults returned name it as the file's plan
    unless `[defaults]` names one."""
    if "plan" not in doc:
        return defaults
    plan: Plan | None = _validate(Plan, doc["plan"], ("plan",), pos, col, label)
    if plan is None:
        _invalid(ds, "plans", doc["plan"])
        return defaults
    _register(ds.plans, plan, "plan", pos, ("plan",), col, label)
    return defaults.model_copy(update={"plan": defaults.plan or plan.id})


def _section_list(
    doc: dict[str, Any], section: str, pos: Positions, col: Collector, label: str
) -> list[Any] | None:
    """A list section's records; None when it is absent or not an array of tables (reported)."""
    items = doc.get(section)
    if items is None:
        return None
    if not isinstance(items, list):
        line, column = pos.lookup((section,)) or (0, 0)
        col.error(
            "wrong-type",
            f"{section!r} must be an array of tables ([[{section}]])",
            file=label,
            line=line,
            column=column,
        )
        return None
    return items


def _load_records(
    section: str,
    items: list[Any],
    defaults: Defaults,
    pos: Positions,
    ds: Dataset,
    col: Collector,
    label: str,
) -> None:
    """Validate each record of a section on its own and add it to `ds`; an invalid one is
    counted, so that what refers to it is not reported as unknown."""
    model = SECTION_MODELS[section]
    for i, raw in enumerate(items):
        rec = _validate(model, raw, (section, i), pos, col, label)
        if rec is None:
            _invalid(ds, section, raw)
        elif isinstance(rec, Source):
            _register(ds.sources, rec, "source", pos, (section, i), col, label)
        elif isinstance(rec, Indicator):
            _load_indicator(rec, (section, i), defaults, pos, ds, col, label)
        elif isinstance(rec, Actual):
            _load_actual(rec, raw, (section, i), defaults, pos, ds, col, label)


def _load_indicator(
    rec: Indicator,
    path: tuple[str, int],
    defaults: Defaults,
    pos: Positions,
    ds: Dataset,
    col: Collector,
    label: str,
) -> None:
    """Register an indicator under its plan (the file's default if it names none); each
    target is located at its own table, for messages about one target."""
    if rec.plan is None and defaults.plan is not None:
        rec.plan = defaults.plan
    if rec.plan is None:
        line, column = pos.lookup(path) or (0, 0)
        col.error(
            "no-plan",
            f"indicator {rec.id!r} belongs to no plan",
            file=label,
            line=line,
            column=column,
            hint='add `plan = "…"` to it or `[defaults] plan = "…"` to the file',
        )
    _register(ds.indicators, rec, "indicator", pos, path, col, label)
    for j, t in enumerate(rec.targets):
        where = pos.record((*path, "targets", j)) or (rec.at_line, 0)
        t.locate(label, where[0])
        for problem in unused_target_keys(t):
            key_path = (*path, "targets", j, problem.key)
            line, column = pos.exact(key_path) or _inline_key(col.lines(label), where, problem.key)
            col.error(
                problem.code,
                f"{t.kind} target of {rec.id!r}: {problem.why}",
                file=label,
                line=line,
                column=column,
                hint=problem.hint,
            )


def _load_actual(
    rec: Actual,
    raw: Any,
    path: tuple[str, int],
    defaults: Defaults,
    pos: Positions,
    ds: Dataset,
    col: Collector,
    label: str,
) -> None:
    """Add a figure, its source and scope defaulted from the file; one with no source
    at all cannot be judged, so it is reported and counted as invalid."""
    if rec.source is None:
        rec.source = defaults.source
    if rec.scope is None and defaults.scope is not None:
        rec.scope = defaults.scope
    if rec.source is None:
        line, column = pos.lookup(path) or (0, 0)
        col.error(
            "no-source",
            "actual has no source",
            file=label,
            line=line,
            column=column,
            hint='add `source = "…"` or `[defaults] source = "…"`',
        )
        _invalid(ds, path[0], raw)
        return
    line, _ = pos.record(path) or (0, 0)
    rec.locate(label, line)
    rec.seal()
    ds.actuals.append(rec)


def _invalid(ds: Dataset, section: str, raw: Any) -> None:
    """Remember a record that failed validation, by its id if it has a readable one."""
    rid = raw.get("id") if isinstance(raw, dict) else None
    ds.invalid.setdefault(section, []).append(rid if isinstance(rid, str) else "")


def _register(
    registry: dict[str, Any],
    rec: Any,
    kind: str,
    pos: Positions,
    path: tuple[str | int, ...],
    col: Collector,
    label: str,
) -> None:
    line, column = pos.record(path) or (0, 0)
    line, column = _id_line(col.lines(label), line) or (line, column)
    rec.locate(label, line)
    rec.seal()
    prev = registry.get(rec.id)
    if prev is not None:
        col.error(
            "duplicate-id",
            f"{kind} id {rec.id!r} is already defined at {prev.at_file}:{prev.at_line}",
            file=label,
            line=line,
            column=column,
            hint=f"ids are unique across the dataset: rename one {kind}",
        )
        return
    registry[rec.id] = rec


_ID_KEY = re.compile(r"^\s*id\s*=")


def _inline_key(lines: list[str], start: tuple[int, int], key: str) -> tuple[int, int]:
    """Where `key` stands in the inline table that starts at `start` (a target on one line,
    as the canonical layout writes it); else the table's start."""
    line, column = start
    if 0 < line <= len(lines):
        m = re.compile(rf"[{{,]\s*({re.escape(key)})\s*=").search(lines[line - 1], column - 1)
        if m:
            return line, m.start(1) + 1
    return start


def _id_line(lines: list[str], header: int) -> tuple[int, int] | None:
    """The `id = …` line of the record whose header is at `header` (cheap forward scan)."""
    for n in range(header, min(len(lines), header + 200)):
        text = lines[n]
        if n > header and text.lstrip().startswith("["):
            return None
        if _ID_KEY.match(text):
            return n + 1, len(text) - len(text.lstrip()) + 1
    return None


def _validate(
    model: type[Strict],
    raw: Any,
    path: tuple[str | int, ...],
    pos: Positions,
    col: Collector,
    label: str,
) -> Any:
    if not isinstance(raw, dict):
        line, column = pos.lookup(path) or (0, 0)
        col.error(
            "wrong-type",
            f"{'.'.join(map(str, path))} must be a table",
            file=label,
            line=line,
            column=column,
        )
        return None
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            _report(model, err, path, pos, col, label)
        return None


def _report(
    model: type[BaseModel],
    err: Any,
    path: tuple[str | int, ...],
    pos: Positions,
    col: Collector,
    label: str,
) -> None:
    loc = tuple(err["loc"])
    full = (*path, *loc)
    line, column = pos.lookup(full) or (0, 0)
    where = _dotted(full)
    etype = err["type"]
    msg = str(err["msg"]).removeprefix("Value error, ")
    if etype == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        col.error(
            "unknown-key",
            f"unknown key {loc[-1]!r} in {_dotted(full[:-1]) or 'file'}",
            file=label,
            line=line,
            column=column,
            hint=_did_you_mean(str(loc[-1]), allowed)
            or "unknown keys are not allowed; put free text in `notes`",
        )
        return
    if etype == "missing":
        col.error(
            "missing-key",
            f"{where}: required key is missing",
            file=label,
            line=line,
            column=column,
            hint=f"add `{loc[-1]} = …`",
        )
        return
    hint = ""
    cause = err.get("ctx", {}).get("error")
    if isinstance(cause, UnitError):
        column, span = _value_at(col.lines(label), line, column)
        col.error(
            "unit",
            f"{where}: {msg}",
            file=label,
            line=line,
            column=column,
            hint=cause.hint,
            span=span,
        )
        return
    if etype in ("finite_number",):
        hint = "NaN and infinity are not figures: leave the value out and explain in `notes`"
    elif etype.endswith("_type") or etype.endswith("_parsing"):
        hint = f"got {type(err.get('input')).__name__} {err.get('input')!r}"
    elif etype == "string_pattern_mismatch":
        hint = "ids are lower-case letters, digits, '.', '_' and '-'"
    elif etype == "literal_error":
        hint = "allowed: " + str(err.get("ctx", {}).get("expected", ""))
        msg = "value not allowed"
    col.error("invalid-value", f"{where}: {msg}", file=label, line=line, column=column, hint=hint)


_QUOTED_VALUE = re.compile(r"""=\s*("[^"\n]*"|'[^'\n]*')""")


def _value_at(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """Column and width of the quoted value after the key at (line, column): the caret
    goes under what is wrong rather than under the key."""
    if not 0 < line <= len(lines) or not column:
        return column, 0
    m = _QUOTED_VALUE.search(lines[line - 1], column - 1)
    return (m.start(1) + 1, len(m[1])) if m else (column, 0)


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    cur: type[BaseModel] | None = model
    for part in loc:
        if cur is None:
            return None
        if isinstance(part, int):
            continue
        f = cur.model_fields.get(str(part))
        if f is None:
            return None
        cur = _find_model(f.annotation)
    return cur


def _find_model(tp: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    origin = typing.get_origin(tp)
    if origin is not None or isinstance(tp, types.UnionType):
        for a in typing.get_args(tp):
            m = _find_model(a)
            if m is not None:
                return m
    return None


def _did_you_mean(key: str, allowed: list[str]) -> str:
    from ..core.suggest import did_you_mean

    return did_you_mean(
        key, allowed, "allowed keys: " + ", ".join(allowed) if allowed else "", quote=True, n=1
    )
