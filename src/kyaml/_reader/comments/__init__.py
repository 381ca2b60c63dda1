"""Comments: recovered from the text between parser events and attached where go-yaml v3 puts
them (libyaml and ruamel.yaml's parsers keep none)."""

from kyaml._reader.comments.replay import FOOT, HEAD, LINE, Comment, collect

__all__ = ["FOOT", "HEAD", "LINE", "Comment", "collect"]
