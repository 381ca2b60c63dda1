"""The tags a mapping or a sequence may carry (SPEC §4): the plain ones, ``!!set`` (a mapping
whose values are all null) and ``!!omap`` (a sequence of one-entry mappings, written as it is).
Any other tag on a collection is refused, since KYAML has no tags."""

from __future__ import annotations

from kyaml._quote import quote_line
from kyaml._tree import Mapping, Node, Scalar, Sequence
from kyaml.errors import KyamlError, UnsupportedError

YAML_TAG = "tag:yaml.org,2002:"
_MAP_TAGS = frozenset((None, "!", YAML_TAG + "map", YAML_TAG + "set"))
_SEQ_TAGS = frozenset((None, "!", YAML_TAG + "seq", YAML_TAG + "omap"))
_SET_TAG = YAML_TAG + "set"
OMAP_TAG = YAML_TAG + "omap"


def check_tag(tag: str | None, is_map: bool, line: int, column: int) -> None:
    """Refuse a tag a mapping (``is_map``) or a sequence starting at ``line``, ``column``
    cannot carry."""
    if tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
        kind = "mapping" if is_map else "sequence"
        raise UnsupportedError(
            f"unsupported tag {short(tag)} on a {kind}", line, column, code="KY005"
        )


def check_content(tag: str | None, node: Node) -> None:
    """Refuse a ``!!set`` with a value or an ``!!omap`` entry that is not a one-key mapping."""
    if tag == OMAP_TAG and isinstance(node, Sequence):
        for item in node.items:
            if not (isinstance(item, Mapping) and len(item.items) == 1):
                raise KyamlError(
                    "an !!omap entry must be a mapping of one key",
                    item.line,
                    item.column,
                    code="KY005",
                )
    elif tag == _SET_TAG and isinstance(node, Mapping):
        for key, value in node.items:
            if not (isinstance(value, Scalar) and value.value is None):
                message = f"!!set entry {quote_line(key)} has a value"
                raise KyamlError(message, value.line, value.column, code="KY005")


def short(tag: str | None) -> str:
    """A tag as written in YAML: ``!!str`` for the core schema's."""
    if tag is not None and tag.startswith(YAML_TAG):
        return "!!" + tag[len(YAML_TAG) :]
    return str(tag)
