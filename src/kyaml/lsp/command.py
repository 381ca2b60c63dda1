"""The ``kyaml lsp`` command, loaded by :mod:`kyaml.cli.app` only when it is run."""

from __future__ import annotations

import click

INSTALL_HINT = "kyaml lsp needs pygls: pip install 'pykyaml[lsp]'"


@click.command(
    "lsp",
    short_help="Serve the Language Server Protocol on stdio.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
def lsp() -> int:
    """Run kyaml's language server on stdin and stdout, for editors: formatting, diagnostics
    with rule codes, quick fixes and hover. Settings come from the configuration file of each
    document's folder and from the editor (initializationOptions, didChangeConfiguration).
    """
    try:
        from kyaml.lsp.server import main
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        click.echo(f"error: {INSTALL_HINT}", err=True)
        return 2
    return main()
