"""Schema validation of scenario data with trainer-friendly, positioned errors.

Pydantic's own messages ("Input should be less than or equal to 3") and
locations (``('acts', 0, 'call', 'minutes')``, with union tags and
``function-after[...]`` labels mixed in) are written for programmers.  Here
each error's ``loc`` is walked alongside the model's type annotations, which
tells us which segments are real YAML keys/indices, which model owns a key
(for "did you mean"), and the field's full constraints (so a range can be
described as "between -1 and 3" even though pydantic only reports the bound
that was broken).  Positions come from :class:`yaml_positions.Positions`.

Only pydantic's documented API is used: ``ValidationError.errors()`` and its
``type``/``loc``/``msg``/``input``/``ctx`` keys, ``BaseModel.model_fields``
and ``FieldInfo`` (``annotation``, ``metadata``, ``alias``,
``validation_alias``, ``discriminator``).
"""

from __future__ import annotations

import collections.abc as cabc
import difflib
import enum
import contextlib
import gc
import os
import re
import stat
import types
import typing
from dataclasses import dataclass, replace
from typing import Any, Annotated, Callable, Iterable, Literal, TypeVar, Union

from pydantic import BaseModel, RootModel, Tag, ValidationError
from pydantic.fields import FieldInfo

from .problems import PathSegment, Problem, ScenarioError, format_value, sort_problems
from .yaml_positions import MAX_BYTES, Positions, load_yaml

__all__ = ["problems_from_validation_error", "validate", "load_file"]

M = TypeVar("M", bound=BaseModel)
ExtraCheck = Callable[[Any], Iterable[Problem]]
RefusedCheck = Callable[[Any], Iterable[Problem]]

# --------------------------------------------------------------------------
# Walking a pydantic ``loc`` through the model's annotations

_SEQUENCES = {list, tuple, set, frozenset, cabc.Sequence, cabc.MutableSequence,
              cabc.Set, cabc.MutableSet, cabc.Iterable, cabc.Collection}
_MAPPINGS = {dict, cabc.Mapping, cabc.MutableMapping}
# pydantic-core labels such as 'function-after[check(), Account]', 'list[int]'.
_INTERNAL_LABEL = re.compile(r"^[\w.-]+\[.*\]$")


@dataclass
class _Where:
    """What the walk learned about one error location."""

    path: tuple[PathSegment, ...]  # the YAML path (internal loc labels removed)
    annotation: Any                 # type expected at that path, Annotated stripped
    metadata: list[Any]             # constraint objects found on the way (Ge, Le, FieldInfo...)
    owner: type[BaseModel] | None   # model that owns the last key in ``path``
    is_key: bool                    # the error is about a dict key, not its value


def _unwrap(tp: Any, meta: list[Any]) -> tuple[Any, list[Any]]:
    while typing.get_origin(tp) is Annotated:
        base, *extra = typing.get_args(tp)
        tp, meta = base, meta + extra
    return tp, meta


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _union_members(tp: Any) -> tuple[Any, ...] | None:
    if typing.get_origin(tp) in (Union, types.UnionType):
        return typing.get_args(tp)
    return None


def _keys_for(field_name: str, field: FieldInfo) -> list[str]:
    """Keys a trainer may write for a field: the alias first, then the name."""
    keys = [a for a in (field.validation_alias, field.alias) if isinstance(a, str)]
    return list(dict.fromkeys(keys + [field_name]))


def _field(model: type[BaseModel], key: PathSegment) -> FieldInfo | None:
    for name, field in model.model_fields.items():
        if key in _keys_for(name, field):
            return field
    return None


def _discriminator(meta: list[Any]) -> Any:
    for item in reversed(meta):
        disc = getattr(item, "discriminator", None)
        if disc is not None:
            return disc
    return None


def _literal_values(tp: Any) -> list[Any]:
    tp, _ = _unwrap(tp, [])
    if typing.get_origin(tp) is Literal:
        return list(typing.get_args(tp))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return [member.value for member in tp]
    return [v for member in _union_members(tp) or () for v in _literal_values(member)]


def _pick_member(members: list[Any], label: PathSegment, disc: Any) -> Any:
    """Find the union member a loc label (tag or member name) refers to."""
    for member in members:
        base, meta = _unwrap(member, [])
        tags = [t.tag for t in meta if isinstance(t, Tag)]
        if label in tags:
            return member
        if isinstance(disc, str) and _is_model(base):
            field = _field(base, disc)
            values = _literal_values(field.annotation) if field else []
            if any(label in (v, str(v), getattr(v, "value", None)) for v in values):
                return member
        if disc is None:
            name = getattr(base, "__name__", None) or str(base)
            labels = (name, str(base), _core_label(base), f"constrained-{name}")
            if label in labels or (isinstance(label, str) and label.endswith((f", {name}]", f"[{name}]"))):
                return member
    return None


def _core_label(tp: Any) -> str:
    """The label pydantic-core gives a union member: ``list[Rep]``, ``dict[str, float]``."""
    args = typing.get_args(tp)
    if not args or typing.get_origin(tp) is Annotated:
        return getattr(tp, "__name__", None) or str(tp)
    return f"{_core_label(typing.get_origin(tp))}[{', '.join(_core_label(a) for a in args)}]"


def _follow(model_cls: type[BaseModel], loc: tuple[PathSegment, ...]) -> _Where:
    """Map a pydantic ``loc`` to the YAML path, collecting type info on the way."""
    path: list[PathSegment] = []
    tp: Any = model_cls
    meta: list[Any] = []
    owner: type[BaseModel] | None = None
    is_key = False
    i = 0
    while True:
        tp, meta = _unwrap(tp, meta)
        if _is_model(tp) and issubclass(tp, RootModel):
            field = tp.model_fields["root"]
            tp, meta = field.annotation, [*field.metadata, field]
            continue
        members = _union_members(tp)
        if members is not None:
            real = [m for m in members if m is not type(None)]
            if len(real) == 1:  # Optional[X] adds no loc segment
                tp = real[0]
                continue
        if i >= len(loc):
            break
        seg = loc[i]
        i += 1
        if members is not None:  # the segment is a union label or tag: not in the YAML
            tp, meta = _pick_member(real, seg, _discriminator(meta)) or Any, []
            continue
        if _is_model(tp):
            owner = tp
            path.append(seg)
            field = _field(tp, seg)
            tp, meta = (field.annotation, [*field.metadata, field]) if field else (Any, [])
            continue
        origin, args = typing.get_origin(tp) or tp, typing.get_args(tp)
        if origin in _MAPPINGS:
            path.append(seg)
            if i < len(loc) and loc[i] == "[key]":
                i += 1
                is_key = True
                tp = args[0] if args else Any
            else:
                tp = args[1] if len(args) == 2 else Any
            meta = []
        elif origin in _SEQUENCES and isinstance(seg, int):
            path.append(seg)
            if origin is tuple and args and args[-1] is not Ellipsis:
                tp = args[seg] if seg < len(args) else Any
            else:
                tp = args[0] if args else Any
            meta = []
        else:  # unknown territory (Any, custom types): keep what looks like data
            if seg == "[key]":
                is_key = True
            elif not (isinstance(seg, str) and _INTERNAL_LABEL.match(seg)):
                path.append(seg)
            tp, meta = Any, []
    return _Where(tuple(path), tp, meta, owner, is_key)


# --------------------------------------------------------------------------
# Messages


def _bounds(meta: Iterable[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in meta:
        inner = _bounds(item.metadata) if isinstance(item, FieldInfo) else {
            k: getattr(item, k, None) for k in ("ge", "gt", "le", "lt")}
        for key, value in inner.items():
            if value is not None:
                found.setdefault(key, value)
    return found


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format_value(value)


def _range_message(bounds: dict[str, Any]) -> str:
    if "ge" in bounds and "le" in bounds:
        return f"must be between {_num(bounds['ge'])} and {_num(bounds['le'])}"
    lower = (f"at least {_num(bounds['ge'])}" if "ge" in bounds
             else f"greater than {_num(bounds['gt'])}" if "gt" in bounds else None)
    upper = (f"at most {_num(bounds['le'])}" if "le" in bounds
             else f"less than {_num(bounds['lt'])}" if "lt" in bounds else None)
    return "must be " + " and ".join(p for p in (lower, upper) if p)


def _choices(values: list[Any]) -> str:
    return ", ".join(format_value(v.value if isinstance(v, enum.Enum) else v) for v in values)


def _humanise(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    for old, new in (("Input should be ", "must be "), ("Input should have ", "must have "),
                     ("Input should ", "must ")):
        if msg.startswith(old):
            msg = new + msg[len(old):]
            break
    if len(msg) > 1 and msg[0].isupper() and not msg[1].isupper():
        msg = msg[0].lower() + msg[1:]
    return msg


_TYPE_MESSAGES = {
    "must be a whole number": ("int_type", "int_parsing", "int_from_float", "int_parsing_size"),
    "must be a number": ("float_type", "float_parsing", "decimal_type", "decimal_parsing"),
    "must be true or false": ("bool_type", "bool_parsing"),
    "must be text": ("string_type", "string_unicode"),
    "must be a list": ("list_type", "tuple_type", "set_type", "frozen_set_type", "iterable_type"),
    "must be a mapping": ("dict_type", "mapping_type", "model_type", "model_attributes_type",
                          "dataclass_type"),
}
_TYPE_MESSAGE = {t: text for text, types_ in _TYPE_MESSAGES.items() for t in types_}
# Regular expressions mean nothing to a trainer: say what the pattern asks for.
_PATTERN_MESSAGES = {
    r"^[a-z][a-z0-9_]*$": "must start with a lower-case letter and use only lower-case letters, digits and underscores",
}
_BOUND_TYPES = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_SCALARS = (str, int, float, bool, type(None))


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == "'" else text


def _describe(error: dict[str, Any], where: _Where) -> tuple[tuple[PathSegment, ...], str]:
    """Return the YAML path and trainer-facing message for one pydantic error."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    path = where.path
    got = f" (got {format_value(value)})"
    if kind == "missing":
        return path, "is required"
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        return path, _unknown_key(key, where.owner)
    if kind in _BOUND_TYPES:
        bounds = _bounds(where.metadata)
        if not any(k in bounds for k in ctx):  # walk failed: trust pydantic's own bound
            bounds = dict(ctx)
        return path, _range_message(bounds) + got
    # inf, nan, and whole numbers too large for a float (1e400 is read as inf) are numbers
    # outside every range: say which range, as for any other value out of it.
    too_big = kind == "float_type" and isinstance(value, int) and not isinstance(value, bool)
    if kind == "finite_number" or too_big:
        bounds = _bounds(where.metadata)
        return path, (_range_message(bounds) if bounds else "must be a finite number") + got
    if kind in _TYPE_MESSAGE:
        return path, _TYPE_MESSAGE[kind] + got
    if kind in ("literal_error", "enum"):
        values = _literal_values(where.annotation)
        shown = _choices(values) if values else re.sub(r" or (?=[^,]*$)", ", ", ctx.get("expected", ""))
        if len(values) == 1:
            return path, f"must be {shown}{got}"
        return path, f"must be one of {shown}{got}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return path, _PATTERN_MESSAGES.get(pattern, f"must match the pattern {pattern}") + got
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = _unquote(str(ctx.get("discriminator", "")))
        if isinstance(value, dict) and re.fullmatch(r"[\w-]+", disc):
            path = path + (disc,)
        if kind == "union_tag_not_found":
            return path, "is required" if isinstance(value, dict) else f"must be a mapping{got}"
        return path, f"must be one of {ctx.get('expected_tags', '?')} (got {format_value(ctx.get('tag'))})"
    if kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1:
        return path, "must not be empty"
    if kind in ("string_too_short", "string_too_long"):
        word, n = ("at least", ctx.get("min_length")) if kind.endswith("short") else ("at most", ctx.get("max_length"))
        return path, f"must be {word} {n} characters long{got}"
    if kind in ("too_short", "too_long"):
        word, n = ("at least", ctx.get("min_length")) if kind == "too_short" else ("at most", ctx.get("max_length"))
        return path, f"must have {word} {n} item{'s' * (n != 1)} (got {ctx.get('actual_length')})"
    message = _humanise(str(error.get("msg", kind)))
    if isinstance(value, _SCALARS) and format_value(value) not in message:
        message += got
    return path, message


def _unknown_key(key: str, owner: type[BaseModel] | None) -> str:
    if owner is None:
        return f"unknown key {key!r}"
    allowed = [_keys_for(name, f)[0] for name, f in owner.model_fields.items()]
    # Match case-insensitively against names and aliases, suggest the alias.
    preferred = {k.lower(): keys[0] for name, f in owner.model_fields.items()
                 for keys in [_keys_for(name, f)] for k in reversed(keys)}
    close = difflib.get_close_matches(key.lower(), list(preferred), n=1)
    if close:
        return f"unknown key {key!r}; did you mean {preferred[close[0]]!r}?"
    return f"unknown key {key!r}; allowed keys are {_choices(allowed)}"


# --------------------------------------------------------------------------
# Public API


def problems_from_validation_error(err: ValidationError, positions: Positions, filename: str,
                                   model_cls: type[BaseModel]) -> list[Problem]:
    """One positioned :class:`Problem` per pydantic error (duplicates dropped).

    Unknown keys and bad dict keys point at the key; missing keys at the
    mapping that should contain them; everything else at the offending value.
    """
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    type_errors: dict[tuple[Any, ...], tuple[int, list[str]]] = {}  # (path, got) -> (index, kinds)
    for error in err.errors(include_url=False):
        where = _follow(model_cls, tuple(error["loc"]))
        path, message = _describe(error, where)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        # A value that fits no member of a plain union gets one error per
        # member: merge "must be a whole number" + "must be a list" into one.
        kind_text, got = _split_type_message(message)
        if kind_text and (path, got) in type_errors:
            index, kinds = type_errors[(path, got)]
            kinds.append(kind_text[len("must be "):])
            problems[index] = replace(problems[index], message=f"must be {' or '.join(kinds)}{got}")
            continue
        if kind_text:
            type_errors[(path, got)] = (len(problems), [kind_text[len("must be "):]])
        at_key = error["type"] == "extra_forbidden" or where.is_key
        pos = (positions.key(path) if at_key else positions.value(path)) or positions.nearest(path)
        line, col = pos if pos else (None, None)
        problems.append(Problem(path, message, line, col, filename))
    # A value with the shape of one union member but wrong insides or out of its range
    # also gets a type error from the other members ("reps: must be a whole number (got
    # a list)" beside "reps[0]: must be a mapping (got 2)", "reps: must be a list (got
    # 100)" beside "reps: must be between 0 and 64"): the other errors say what to fix.
    shaped = {p.path[:i] for p in problems for i in range(len(p.path))}
    shaped |= {p.path for p in problems if not _split_type_message(p.message)[0]}
    return [p for p in problems if not (p.path in shaped and _split_type_message(p.message)[0])]


def _split_type_message(message: str) -> tuple[str | None, str]:
    """``'must be text (got 5)'`` -> ``('must be text', ' (got 5)')`` for plain type errors."""
    for text in _TYPE_MESSAGES:
        if message.startswith(text + " (got "):
            return text, message[len(text):]
    return None, ""


def _place(problem: Problem, positions: Positions, filename: str) -> Problem:
    """Give an extra-check problem a file and, if it has none, a position."""
    if problem.line is None:
        pos = positions.nearest(problem.path)
        if pos:
            problem = replace(problem, line=pos[0], col=pos[1])
    return problem if problem.file else replace(problem, file=filename)


def validate(model_cls: type[M], data: Any, positions: Positions, filename: str,
             extra_checks: Iterable[ExtraCheck] = (),
             refused_checks: Iterable[RefusedCheck] = ()) -> tuple[M, list[Problem]]:
    """Validate ``data`` into ``model_cls``; return ``(model, warnings)``.

    ``extra_checks`` are ``(model) -> list[Problem]`` callables for rules a
    schema can't express (e.g. cross references); their problems carry YAML
    paths and are positioned here.  They run only when pydantic accepted the
    data.  ``refused_checks`` are ``(data) -> list[Problem]`` callables run on
    the raw data when pydantic refused it, so that those rules still report on
    the parts they can check in the same run: every problem at once.  Raises
    :class:`ScenarioError` listing every problem in file order (including any
    warnings) if there is at least one error.
    """
    try:
        model = model_cls.model_validate(data)
    except ValidationError as err:
        problems = problems_from_validation_error(err, positions, filename, model_cls)
        problems += [_place(p, positions, filename) for check in refused_checks for p in check(data)]
        raise ScenarioError(sort_problems(problems)) from None
    found = sort_problems(_place(p, positions, filename)
                          for check in extra_checks for p in check(model))
    if any(p.severity == "error" for p in found):
        raise ScenarioError(found)
    return model, found


def load_file(path: str | os.PathLike[str], model_cls: type[M],
              extra_checks: Iterable[ExtraCheck] = (),
              refused_checks: Iterable[RefusedCheck] = ()) -> tuple[M, list[Problem]]:
    """Read, parse and validate one scenario file; return ``(model, warnings)``.

    Every failure, including unreadable files, is a :class:`ScenarioError`
    whose messages name the file exactly as ``path`` was given.
    """
    filename = os.fsdecode(path)

    def fail(message: str) -> ScenarioError:
        return ScenarioError([Problem((), message, file=filename)])

    try:
        with open(filename, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
                raise fail(f"file is larger than 1 MB (got {info.st_size} bytes)")
            raw = handle.read(MAX_BYTES + 1)  # never slurp an endless special file
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail("is a directory, not a scenario file") from None
    except PermissionError:
        raise fail("permission denied: cannot read the file") from None
    except OSError as err:
        raise fail(f"cannot read the file ({err.strerror or err})") from None
    with _no_gc_pauses():
        data, positions = load_yaml(raw, filename)
        return validate(model_cls, data, positions, filename, extra_checks, refused_checks)


@contextlib.contextmanager
def _no_gc_pauses():
    """Hold the cycle collector while a file becomes nodes and models: a big scenario
    (thousands of events) creates hundreds of thousands of small objects that are all
    alive, and the collector's repeated passes over them made loading superlinear (a
    5,000-event file: 5.4 s, 45% of it collection). Nothing here makes cycles to free."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
