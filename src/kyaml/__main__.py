"""``python -m kyaml``: the same command as ``kyaml``."""

from kyaml.cli import console

if __name__ == "__main__":
    console()
