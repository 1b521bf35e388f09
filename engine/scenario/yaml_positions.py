"""Safe YAML loading that remembers where every value came from.

Why not ``yaml.safe_load``?  It throws away positions, so a later schema
error could only say *what* is wrong, not *where*; it silently keeps the last
of two duplicate keys; it expands aliases (the "billion laughs" memory bomb);
and YAML 1.1 turns ``no`` into ``False`` and ``010`` into ``8``.  Here we let
PyYAML's pure-Python ``SafeLoader`` (never runs code, never builds Python
objects from tags) compose a node tree with marks, then build plain data
ourselves, refusing anything a hand-written scenario never needs:

* anchors/aliases (``&x`` / ``*x``), refused at the first one seen;
* tags other than the core ones (``!!python/...``, ``!custom``, ``!!binary``...);
* duplicate keys (all of them reported) and non-text keys;
* more than :data:`MAX_BYTES` bytes, :data:`MAX_DEPTH` nesting levels or
  :data:`MAX_NODES` values, and keys longer than :data:`MAX_KEY` characters;
* non-UTF-8 bytes (a leading UTF-8 BOM is fine).

Scalars follow the YAML 1.2 core schema, which is what trainers expect:
``true``/``false`` are booleans (``yes``/``no``/``on``/``off`` stay text),
decimal integers and floats are numbers (``010`` is 10, ``0x1F`` and ``1:30``
stay text), ``null``/``~``/empty are ``None``; dates stay text.  The
override lives on our loader subclass only; ``yaml.SafeLoader`` is untouched.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import PathSegment, Problem, ScenarioError, format_value, sort_problems

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_KEY", "MAX_NODES", "Positions", "load_yaml"]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_KEY = 1024  # YAML's limit on a 'key: value' key (PyYAML and libyaml both enforce it)

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
SEQ, MAP = _TAG + "seq", _TAG + "map"

ALIAS_MESSAGE = "anchors and aliases (&/*) are not allowed in scenario files"

Path = tuple[PathSegment, ...]
LineCol = tuple[int, int]


class Positions:
    """Where each value (and each mapping key) sits in the file, 1-based.

    Paths are tuples of keys (``str``) and list indices (``int``); ``()`` is
    the whole document.  ``nearest`` is for things that are *not* in the
    file, like a missing key: it falls back to the closest enclosing value.
    """

    def __init__(self) -> None:
        self.values: dict[Path, LineCol] = {}
        self.keys: dict[Path, LineCol] = {}

    def value(self, path: Path) -> LineCol | None:
        """Start of the value at ``path``."""
        return self.values.get(tuple(path))

    def key(self, path: Path) -> LineCol | None:
        """Start of the key whose value is at ``path`` (``None`` for list items)."""
        return self.keys.get(tuple(path))

    def nearest(self, path: Path) -> LineCol | None:
        """Position of ``path`` or of its closest ancestor that has one."""
        path = tuple(path)
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return None

    def __contains__(self, path: object) -> bool:
        return path in self.values


# --------------------------------------------------------------------------
# Loader


class _ScenarioLoader(yaml.SafeLoader):
    """``SafeLoader`` with core-schema scalars and bomb/size guards.

    Only composes nodes; construction into Python data is done by
    :func:`_build` so that no tag constructor ever runs.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # noqa: D102
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Stop(ALIAS_MESSAGE, event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Stop(f"file has too many values (more than {MAX_NODES})", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Stop(f"nesting is too deep (more than {MAX_DEPTH} levels)", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def stale_possible_simple_keys(self) -> None:  # noqa: D102
        # PyYAML forgets a possible key once it is longer than MAX_KEY, so the ':' after
        # a long key is then reported as "mapping values are not allowed here" or "could
        # not find expected ':'", which sends a trainer looking for an indentation
        # mistake. When a ':' does follow the long text, it was meant as a key: say so.
        key = self.possible_simple_keys.get(self.flow_level)  # the one a ':' here would end
        if key and key.line == self.line and self.index - key.index > MAX_KEY and self._value_indicator_next():
            last = self.tokens[-1] if self.tokens else None
            length = len(last.value) if isinstance(last, yaml.ScalarToken) else self.index - key.index
            raise _Stop(f"key too long ({length} characters; at most {MAX_KEY})", key.mark)
        super().stale_possible_simple_keys()

    def _value_indicator_next(self) -> bool:
        """Whether the next thing on this line is the ':' that ends a key."""
        i = 0
        while self.peek(i) == " ":
            i += 1
        return self.peek(i) == ":" and (bool(self.flow_level) or self.peek(i + 1) in "\0 \t\r\n\x85\u2028\u2029")


# Keep only the null resolver from SafeLoader; drop YAML 1.1 bool/int/float,
# timestamp, merge ('<<') and value ('=') resolvers, then add core-schema ones.
_ScenarioLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == NULL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    if any(tag == NULL for tag, _ in resolvers)
}
_ScenarioLoader.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_ScenarioLoader.add_implicit_resolver(
    INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_ScenarioLoader.add_implicit_resolver(
    FLOAT, re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."))


_RESOLVER = _ScenarioLoader("")  # only its resolve() is used, for the fast path
_FAST = bool(getattr(yaml, "__with_libyaml__", False))  # PyYAML wheels ship libyaml
_SCALAR_EVENTS = (yaml.ScalarEvent,)
_START = {yaml.SequenceStartEvent: SequenceNode, yaml.MappingStartEvent: MappingNode}
_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _compose_fast(text: str) -> Node | None:
    """Compose the node tree from libyaml's events (C speed, same marks and tags), or
    return None to let the pure-Python loader handle the file and word any problem.

    libyaml's own composer recurses in C; events arrive flat, so nesting is built here
    with an explicit stack and the same depth, size, alias and tag limits apply.
    """
    if not _FAST or "&" in text or "*" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    root, stack, pending, nodes, docs = None, [], [], 0, 0
    try:
        for ev in yaml.parse(text, Loader=yaml.CSafeLoader):
            kind = type(ev)
            if kind is yaml.DocumentStartEvent:
                docs += 1
                if docs > 1:
                    return None
                continue
            if kind in _END:
                node = stack.pop()
                node.end_mark = ev.end_mark
                pending.pop()
                continue
            if kind is yaml.ScalarEvent:
                tag = ev.tag if ev.tag not in (None, "!") else _RESOLVER.resolve(ScalarNode, ev.value, ev.implicit)
                node = ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, style=ev.style)
            elif kind in _START:
                cls = _START[kind]
                tag = ev.tag if ev.tag not in (None, "!") else _RESOLVER.resolve(cls, None, ev.implicit)
                node = cls(tag, [], ev.start_mark, ev.end_mark, flow_style=ev.flow_style)
            elif kind is yaml.AliasEvent:
                return None
            else:  # stream and document ends
                continue
            nodes += 1
            if nodes > MAX_NODES or len(stack) >= MAX_DEPTH:
                return None
            if stack:
                parent = stack[-1]
                if isinstance(parent, SequenceNode):
                    parent.value.append(node)
                elif pending[-1] is None:
                    pending[-1] = node
                else:
                    parent.value.append((pending[-1], node))
                    pending[-1] = None
            else:
                root = node
            if kind in _START:
                stack.append(node)
                pending.append(None)
    except (yaml.YAMLError, ValueError, IndexError):
        return None
    return root


class _Stop(Exception):
    """Abort composing immediately (bombs, limits); becomes a ScenarioError."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message, self.mark = message, mark


# --------------------------------------------------------------------------
# Public entry point


def load_yaml(source: str | bytes, filename: str) -> tuple[Any, Positions]:
    """Parse one scenario document into plain data plus its :class:`Positions`.

    Returns ``(data, positions)`` where ``data`` is a ``dict`` built only from
    dict/list/str/int/float/bool/None.  Raises :class:`ScenarioError` with
    positioned problems for anything unreadable or unsafe; never lets a
    PyYAML exception or traceback escape for bad input.
    """

    def fail(message: str, pos: LineCol | None = None) -> ScenarioError:
        line, col = pos if pos else (None, None)
        return ScenarioError([Problem((), message, line, col, filename)])

    size = len(source) if isinstance(source, bytes) else len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise fail(f"file is larger than 1 MB (got {size} bytes)")
    text = _decode(source, fail) if isinstance(source, bytes) else source
    if text.startswith("\ufeff"):
        text = text[1:]

    root = _compose_fast(text)
    loader = None
    try:
        if root is None:  # anything unusual: the careful path gives the exact message
            loader = _ScenarioLoader(text)  # checks for unprintable characters up front
            root = loader.get_single_node()
    except _Stop as stop:
        raise fail(stop.message, _pos(stop.mark)) from None
    except yaml.reader.ReaderError as err:
        raise fail(f"file contains a control character (#x{err.character:02x}) that is not allowed",
                   _index_pos(text, err.position)) from None
    except yaml.MarkedYAMLError as err:
        message, mark = _syntax_message(err)
        raise fail(message, _pos(mark)) from None
    finally:
        if loader is not None:
            loader.dispose()

    if root is None or (isinstance(root, ScalarNode) and root.tag == NULL and root.value == ""):
        raise fail("file is empty: expected a scenario mapping")
    if not isinstance(root, MappingNode):
        raise fail("the top level must be a mapping of 'key: value' lines "
                   f"(got {_describe_node(root)})", _pos(root.start_mark))

    positions = Positions()
    problems: list[Problem] = []
    data = _build(root, (), positions, problems, filename)
    if problems:
        raise ScenarioError(sort_problems(problems))
    return data, positions


# --------------------------------------------------------------------------
# Helpers


def _decode(raw: bytes, fail) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise fail("file is not UTF-8 text (it looks like UTF-16; save it as UTF-8)") from None
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise fail(f"file is not UTF-8 text (bad byte 0x{raw[err.start]:02x} "
                   f"at line {line} col {col})", (line, col)) from None


def _pos(mark: Any) -> LineCol | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def _index_pos(text: str, index: int) -> LineCol:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_TOKEN_NAMES = {
    "'?'": "a new key", "'-'": "a '-' list item", "'<scalar>'": "a value",
    "'<stream end>'": "the end of the file", "'<block mapping start>'": "a new mapping",
    "'<block sequence start>'": "a new list", "'<block end>'": "the end of a block",
}
_CONTEXT_NAMES = {
    "while parsing a block mapping": "the mapping", "while parsing a block collection": "the list",
    "while parsing a flow sequence": "the [...] list", "while parsing a flow mapping": "the {...} mapping",
    "while scanning a quoted scalar": "the quoted text",
    "while scanning a double-quoted scalar": "the quoted text",
}


def _syntax_message(err: yaml.MarkedYAMLError) -> tuple[str, Any]:
    """Turn PyYAML's parser jargon into something a trainer can act on."""
    problem = err.problem or err.context or "invalid YAML"
    mark = err.problem_mark or err.context_mark
    context = _CONTEXT_NAMES.get(err.context or "", "") if err.problem else ""
    if context and err.context_mark is not None:
        context += f" that starts at line {err.context_mark.line + 1}"
    if problem == "mapping values are not allowed here":
        text = "unexpected ':' (check the indentation, or put text that contains ': ' in quotes)"
    elif problem == "could not find expected ':'":
        text, mark = "expected 'key: value' but found no ':'", err.context_mark or mark
    elif problem.startswith("found character '\\t'"):
        text = "tab character found; indent with spaces"
    elif m := re.match(r"found character '(.+)' that cannot start any token", problem):
        text = f"a value cannot start with {m.group(1)!r}; put it in quotes"
    elif problem == "but found another document":
        text = "a scenario file must hold a single YAML document (found a second '---')"
    elif problem.startswith("expected <block end>"):
        found = problem.split("but found ", 1)[-1]
        text = (f"found {_TOKEN_NAMES.get(found, found)} where {context or 'a block'} "
                "should have ended; check the indentation")
    elif problem == "found unexpected end of stream":
        text = "the file ended too early" + (f" inside {context}" if context else "")
    else:
        text = problem
        for token, words in _TOKEN_NAMES.items():
            text = text.replace(token, words)
        if context:
            text += f" (in {context})"
    return f"YAML syntax error: {text}", mark


def _describe_node(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    try:
        return format_value(_scalar(node))
    except (ValueError, LookupError):
        return f"the tagged value {format_value(node.value)}"


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _scalar(node: ScalarNode) -> Any:
    """Construct a core-schema scalar; ``ValueError`` if an explicit tag doesn't fit."""
    tag, value = node.tag, node.value
    if tag == STR:
        return value
    if tag == NULL:
        if value not in ("", "~", "null", "Null", "NULL"):
            raise ValueError(value)
        return None
    if tag == BOOL:
        lowered = value.lower()
        if lowered not in ("true", "false"):
            raise ValueError(value)
        return lowered == "true"
    if tag == INT:
        return int(value.replace("_", ""), 10)
    if tag == FLOAT:
        return float(value.replace("_", ""))
    raise LookupError(tag)


def _unprintable(text: str) -> str:
    """Why text may not be in a scenario ("" if it may): a character the file itself may
    not hold (a control character, half of a character), written as an escape in quotes
    ("\\0", "\\a", "\\x1b", "\\ud800"). Nothing can show such text: a NUL stops the window
    game's text drawing, half a character cannot be written to a terminal or a page."""
    m = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if m is None:
        return ""
    return f"text contains a character that is not allowed (#x{ord(m.group()):02x}, written as an escape); remove it"


def _build(node: Node, path: Path, positions: Positions, problems: list[Problem], filename: str) -> Any:
    """Turn a composed node into plain data, recording positions and problems."""
    here = _pos(node.start_mark)
    positions.values[path] = here

    def problem(message: str, pos: LineCol | None = here) -> None:
        problems.append(Problem(path, message, pos[0], pos[1], filename))

    allowed = {MappingNode: (MAP,), SequenceNode: (SEQ,), ScalarNode: (STR, INT, FLOAT, BOOL, NULL)}
    if node.tag not in allowed[type(node)]:
        problem(f"YAML tags like {_tag_name(node.tag)!r} are not allowed in scenario files")
        return None

    if isinstance(node, ScalarNode):
        try:
            value = _scalar(node)
        except ValueError:
            problem(f"{node.value!r} is not a valid {_tag_name(node.tag)} value")
            return None
        if isinstance(value, str) and (bad := _unprintable(value)):
            problem(bad)
        return value

    if isinstance(node, SequenceNode):
        return [_build(child, path + (i,), positions, problems, filename)
                for i, child in enumerate(node.value)]

    result: dict[str, Any] = {}
    first_seen: dict[str, LineCol] = {}
    for key_node, value_node in node.value:
        key_pos = _pos(key_node.start_mark)
        key = None
        if isinstance(key_node, ScalarNode) and key_node.tag == STR:
            key = key_node.value
        if key is None:
            problem(f"keys must be text (got {_describe_node(key_node)}); put the key in quotes", key_pos)
            continue
        if bad := _unprintable(key):
            problems.append(Problem(path + (key,), bad, key_pos[0], key_pos[1], filename))
        if key in first_seen:
            problems.append(Problem(path + (key,), f"duplicate key {key!r} (first defined at line "
                                    f"{first_seen[key][0]})", key_pos[0], key_pos[1], filename))
            continue
        first_seen[key] = key_pos
        positions.keys[path + (key,)] = key_pos
        result[key] = _build(value_node, path + (key,), positions, problems, filename)
    return result
