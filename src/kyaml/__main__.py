"""``python -m kyaml``: the same command as ``kyaml``."""

from kyaml.cli import main

if __name__ == "__main__":
    main()
