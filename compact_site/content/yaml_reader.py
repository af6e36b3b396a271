"""Safe, fast YAML reading that keeps line numbers and refuses silent data loss.

PyYAML's C parser (``CSafeLoader``) is used where present: about 15 times faster than the pure-Python
one. Its constructor is still Python, so we hook mapping and sequence construction to

* remember the line of every mapping, key, value and list item (:class:`LineDict`, :class:`LineList`),
  so any fault can be reported as ``file:line``;
* record duplicate keys, which PyYAML would otherwise resolve by silently keeping the last value;
* refuse aliases (``*name``, ``<<: *name``): PyYAML shares an aliased object, so a "billion laughs" file
  stays small in memory, but anything that walks it (validation, rendering) takes exponential time;
* refuse nesting deeper than :data:`MAX_DEPTH` levels (real compacts use 8) before composing (:func:`check_depth`).

Only text, numbers, true/false, null, lists and mappings are constructed; any other tag (``!!python/object``,
``!!binary``, ``!!set``, ``!custom``…) raises, and the caller reports it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from compact_site.model.located import LineDict, LineList

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings accepted (real compacts use 8)."""


_STR_TAG = "tag:yaml.org,2002:str"


class AliasError(yaml.YAMLError):
    """The document uses an alias; :func:`first_alias` finds where, for the message."""


@dataclass(frozen=True)
class DuplicateKey:
    key: str
    line: int
    first_line: int


def _content_line(node: yaml.Node) -> int:
    """Line where a node's content starts: block scalars (``|``, ``>``) start on the next line."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line


class LineLoader(_BaseLoader):
    """``CSafeLoader`` that builds :class:`LineDict`/:class:`LineList` and records duplicate keys."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.duplicates: list[DuplicateKey] = []

    def construct_object(self, node: yaml.Node, deep: bool = False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise AliasError()  # a node met twice is an alias (or a merge key copying one)
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            # Most keys and values: text, which PyYAML's str constructor returns as written. Directly, as
            # PyYAML would remember it (so an alias to it is still met twice): half a million nodes at 400.
            self.constructed_objects[node] = node.value
            return node.value
        return super().construct_object(node, deep=deep)

    def construct_line_mapping(self, node: yaml.MappingNode) -> LineDict:
        self.flatten_mapping(node)  # resolves YAML merge keys (<<) first
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark)
            key_line = key_node.start_mark.line + 1
            if key in mapping:
                self.duplicates.append(DuplicateKey(str(key), key_line, mapping.key_lines[key]))
                continue  # keep the first value; the duplicate is reported as an error anyway
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_line
            mapping.value_lines[key] = _content_line(value_node)
        return mapping

    def construct_line_sequence(self, node: yaml.SequenceNode) -> LineList:
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [_content_line(child) for child in node.value]
        return items


class SourceInt(int):
    """An int that remembers how it was written (``010``, ``2011``)."""

    source: str = ""


class SourceFloat(float):
    """A float that remembers how it was written, so ``id: 1.10`` can be read back as ``"1.10"``."""

    source: str = ""


def _construct_int(loader: LineLoader, node: yaml.ScalarNode) -> SourceInt:
    value = SourceInt(yaml.constructor.SafeConstructor.construct_yaml_int(loader, node))
    value.source = node.value
    return value


def _construct_float(loader: LineLoader, node: yaml.ScalarNode) -> SourceFloat:
    value = SourceFloat(yaml.constructor.SafeConstructor.construct_yaml_float(loader, node))
    value.source = node.value
    return value


def _construct_timestamp(loader: LineLoader, node: yaml.ScalarNode) -> str:
    """Dates stay text: the model checks them (PyYAML would raise ValueError on 2011-02-30)."""
    return node.value


LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_line_mapping)
LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_line_sequence)
for _tag in ("binary", "set", "omap", "pairs"):  # safe in PyYAML, but not text, numbers, lists or mappings
    LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", LineLoader.construct_undefined)


def first_alias(text: str) -> tuple[int, str]:
    """Line and name of the first alias (``*name``) in a document, for the CS008 message."""
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark.line + 1, token.value
    except yaml.YAMLError:
        pass
    return 0, ""


@dataclass
class Parsed:
    """Result of reading one YAML text."""

    data: object
    duplicates: list[DuplicateKey] = field(default_factory=list)


def check_depth(text: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` from the event stream, which is not recursive.

    PyYAML's C composer recurses once per level and crashes the interpreter (not a RecursionError) at some
    tens of thousands of levels, so this runs first; it costs about a fifth of the parse.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.constructor.ConstructorError(
                    None, None, f"lists and mappings nested more than {MAX_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_PREFIX_RE = re.compile(r"^[ \-?:]*", re.M)


def surely_shallow(text: str) -> bool:
    """Whether ``text`` cannot nest deeper than :data:`MAX_DEPTH`, judged without parsing.

    Block collections nest only by indenting (or by ``- ``/``? ``/``: `` prefixes on one line); only the
    indentless list under a mapping key keeps its parent's column, so two levels always add a column: block
    depth ≤ 2 × (widest line prefix + 1). Each flow level needs a ``[`` or ``{``. Ordinary compacts pass, so
    the event scan of :func:`check_depth` runs only for the rare file that might be deep.
    """
    flow = text.count("[") + text.count("{")
    if flow >= MAX_DEPTH:
        return False
    widest = max(map(len, _PREFIX_RE.findall(text)), default=0)
    return 2 * (widest + 1) + flow <= MAX_DEPTH


def parse_yaml(text: str) -> Parsed:
    """Parse one YAML document with line numbers. Raises ``yaml.YAMLError`` on syntax or tag errors."""
    if not surely_shallow(text):
        check_depth(text)
    loader = LineLoader(text)
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    return Parsed(data, loader.duplicates)
