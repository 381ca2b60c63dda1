"""Text → tree: the reading half of the pipeline.

A stream is cut into its documents (:mod:`.split`), each read on its own as if read whole
(:mod:`.documents`); a document's text becomes events with positions (:mod:`.parse`), its
comments are recovered from the text between events (:mod:`.comments`), and the composer
(:mod:`.compose`) builds the tree, giving each scalar its meaning (:mod:`.scalars`,
:mod:`.schema`) and expanding merge keys (:mod:`.merge`). When a text is not YAML because it is a
template or indents with tabs, :mod:`.templates` says so.

What the rest of kyaml uses is imported here; the modules below are the reader's own.
"""

from kyaml._reader.comments import CommentCount, OnComments
from kyaml._reader.compose import OnDiagnostic, compose_stream
from kyaml._reader.documents import (
    Part,
    UnjoinableError,
    compose_all,
    compose_documents,
    compose_parts,
    normalized,
)
from kyaml._reader.split import Span, split_documents, split_utf8

__all__ = [
    "CommentCount",
    "OnComments",
    "OnDiagnostic",
    "Part",
    "Span",
    "UnjoinableError",
    "compose_all",
    "compose_documents",
    "compose_parts",
    "compose_stream",
    "normalized",
    "split_documents",
    "split_utf8",
]
