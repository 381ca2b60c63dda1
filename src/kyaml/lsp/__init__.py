"""``kyaml lsp``: a Language Server Protocol server over stdio, on pygls (``pykyaml[lsp]``).

It keeps kyaml loaded, so that an editor's format-on-save costs milliseconds instead of a start
of the command, and it shows ``kyaml check``'s findings where they are: formatting (whole
document or range), diagnostics with rule codes and links, quick fixes, fix all, conversion to
KYAML or block YAML, and hover (:mod:`kyaml.lsp.server`).
"""
