"""Tree → text: one emitter per output format.

:mod:`.kyaml` writes KYAML (regular and compact), :mod:`.yaml` conventional block YAML,
:mod:`.json` JSON. Every scalar's spelling comes from the one quoting module,
:mod:`kyaml._quote`, which the reader's messages share.
"""
