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

import functools
import re
from dataclasses import dataclass, field
from sys import intern

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


_MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_COLLECTION_TAGS = {yaml.SequenceNode: _SEQ_TAG, yaml.MappingNode: _MAP_TAG}
_BLOCK_STYLES = ("|", ">")
_MERGE_TAGS = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")  # the keys flatten_mapping rewrites


class LineLoader(_BaseLoader):
    """``CSafeLoader`` that builds :class:`LineDict`/:class:`LineList` and records duplicate keys.

    Its Python part runs for every node (half a million at 400 compacts), so text, mappings and lists are built
    here directly, without PyYAML's general dispatch, and tags are resolved without its path machinery (unused):
    the same data and the same errors, in less time."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[DuplicateKey] = []
        # flatten_mapping rewrites merge (<<) and value (=) keys only: they are tagged by hand (`!!merge`), or
        # resolved so by :meth:`resolve`, which the C parser calls for every node before any is constructed
        self.may_merge = "!" in stream

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str | None:
        """PyYAML's BaseResolver.resolve for a loader with no path resolvers and no catch-all implicit ones (the
        safe loader's, checked below): the same tag for every node the C parser asks about."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        if tag in _MERGE_TAGS:
                            self.may_merge = True
                        return tag
            return _STR_TAG
        return _COLLECTION_TAGS.get(kind)

    def construct_object(self, node: yaml.Node, deep: bool = False):
        met = self.constructed_objects
        if node in met or node in self.recursive_objects:
            raise AliasError()  # a node met twice is an alias (or a merge key copying one)
        kind, tag = type(node), node.tag
        if kind is yaml.ScalarNode and tag == _STR_TAG:
            # Most keys and values: text, which PyYAML's str constructor returns as written. Directly, as
            # PyYAML would remember it (so an alias to it is still met twice): half a million nodes at 400.
            met[node] = node.value
            return node.value
        if kind is yaml.MappingNode and tag == _MAP_TAG:
            met[node] = None  # met before its contents, so an alias to it from inside is met twice as well
            return self.construct_line_mapping(node)
        if kind is yaml.SequenceNode and tag == _SEQ_TAG:
            met[node] = None
            return self.construct_line_sequence(node)
        return super().construct_object(node, deep=deep)

    def construct_line_mapping(self, node: yaml.MappingNode) -> LineDict:
        if self.may_merge:
            self.flatten_mapping(node)  # resolves YAML merge keys (<<) first
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        key_lines, value_lines, met = mapping.key_lines, mapping.value_lines, self.constructed_objects
        for key_node, value_node in node.value:
            if type(key_node) is yaml.ScalarNode and key_node.tag == _STR_TAG and key_node not in met:
                # construct_object's first case, inline (most keys); interned: a few hundred names, used 500,000
                # times at 400 compacts, so stored once (~40 MB less; smaller results from the loading worker)
                key = met[key_node] = intern(key_node.value)
            else:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise yaml.constructor.ConstructorError(
                        None, None, "a key must be plain text", key_node.start_mark)
            key_line = key_node.start_mark.line + 1
            if key in mapping:
                self.duplicates.append(DuplicateKey(str(key), key_line, key_lines[key]))
                continue  # keep the first value; the duplicate is reported as an error anyway
            mapping[key] = self.construct_object(value_node, deep=True)
            key_lines[key] = key_line
            value_line = value_node.start_mark.line + 1  # _content_line, inline
            value_lines[key] = value_line + 1 if (isinstance(value_node, yaml.ScalarNode)
                                                  and value_node.style in _BLOCK_STYLES) else value_line
        return mapping

    def construct_line_sequence(self, node: yaml.SequenceNode) -> LineList:
        children = node.value
        items = LineList([self.construct_object(child, deep=True) for child in children])
        items.line = node.start_mark.line + 1
        items.item_lines = [_content_line(child) for child in children]
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
if LineLoader.yaml_path_resolvers or None in LineLoader.yaml_implicit_resolvers:  # what LineLoader.resolve omits
    del LineLoader.resolve  # a PyYAML with these by default: its own resolve, slower and right


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


_PREFIX_CHARS = r"[ \-?:]"  # what a line may start with before its content: indent, `- `, `? `, `: `


@functools.cache
def _prefix_wider_than(width: int) -> tuple[re.Pattern, re.Pattern]:
    """Patterns finding a line whose prefix is wider than ``width``: the first line, and any other (searched
    from the line break: ten times faster than listing every line's prefix)."""
    return re.compile(f"{_PREFIX_CHARS}{{{width + 1}}}"), re.compile(f"\n{_PREFIX_CHARS}{{{width + 1}}}")


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
    widest_allowed = (MAX_DEPTH - flow) // 2 - 1  # 2 × (widest + 1) + flow ≤ MAX_DEPTH, in whole columns
    if widest_allowed < 0:
        return False
    first_line, other_lines = _prefix_wider_than(widest_allowed)
    return not (first_line.match(text) or other_lines.search(text))


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
