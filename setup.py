"""kyaml's build: the libyaml binding and the pipeline compiled with mypyc, or pure Python.

``KYAML_BUILD`` chooses what is compiled:

- ``auto`` (the default): the binding ``kyaml._reader._libyaml`` and the mypyc-compiled modules
  when a C compiler and libyaml's headers (≥ 0.2.5) are present; otherwise, or when anything fails
  to build, pure Python with a one-line warning. Never a part of the set: one failure drops all.
- ``pure``: nothing compiled; the wheel is pure Python.
- ``compiled``: everything compiled, or the build fails.

Editable installs (``pip install -e``) build pure unless ``KYAML_BUILD=compiled`` is given:
compiled modules beside the sources would be imported instead of the edited ``.py`` files.
Everything else about the distribution is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_ext import build_ext

MODES = ("auto", "pure", "compiled")
MODE = os.environ.get("KYAML_BUILD", "").strip().lower() or "auto"
if MODE not in MODES:
    sys.exit(f"kyaml build: KYAML_BUILD must be one of {', '.join(MODES)}, not {MODE!r}")

SRC = Path(__file__).resolve().parent / "src"
LIBYAML_MIN = "0.2.5"
BINDING = Extension("kyaml._reader._libyaml", ["src/kyaml/_reader/_libyaml.c"])
# The modules mypyc compiles: the hot path from events to text. The rest (the splitter, the
# parser front, templates, the command) stays Python; compiled modules import them as usual.
MYPYC_MODULES = [
    "src/kyaml/_quote.py",
    "src/kyaml/_tree.py",
    "src/kyaml/_data.py",
    "src/kyaml/_reader/events.py",
    "src/kyaml/_reader/schema.py",
    "src/kyaml/_reader/scalars.py",
    "src/kyaml/_reader/compose.py",
    "src/kyaml/_reader/merge.py",
    "src/kyaml/_reader/layout.py",
    "src/kyaml/_reader/anchors.py",
    "src/kyaml/_reader/collection_tags.py",
    "src/kyaml/_reader/documents.py",
    "src/kyaml/_reader/comments/assign.py",
    "src/kyaml/_reader/comments/gaps.py",
    "src/kyaml/_reader/comments/runs.py",
    "src/kyaml/_reader/comments/place.py",
    "src/kyaml/_reader/comments/model.py",
    "src/kyaml/_emit/kyaml.py",
    "src/kyaml/_emit/yaml.py",
    "src/kyaml/_emit/json.py",
]
# Suffixes of built extension modules, to find leftovers of an earlier build.
BUILT = (".so", ".pyd")


def _warn(message: str) -> None:
    print(f"kyaml build: {message}", file=sys.stderr, flush=True)


def _libyaml_flags(ext: Extension) -> None:
    """Point ``ext`` at the system libyaml: pkg-config's flags when it knows libyaml, else
    ``-lyaml`` on the compiler's default paths. Raise when pkg-config reports a libyaml older
    than the binding needs."""
    pkg_config = shutil.which(os.environ.get("PKG_CONFIG", "pkg-config"))
    flags: list[str] = []
    if pkg_config:
        probe = subprocess.run(
            [pkg_config, "--modversion", "yaml-0.1"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            found = probe.stdout.strip()
            recent = [pkg_config, f"--atleast-version={LIBYAML_MIN}", "yaml-0.1"]
            if subprocess.run(recent, check=False).returncode:
                raise RuntimeError(f"libyaml {found} found, {LIBYAML_MIN} or later needed")
            out = subprocess.run(
                [pkg_config, "--cflags", "--libs", "yaml-0.1"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            flags = shlex.split(out)
    if not any(flag.startswith("-l") for flag in flags):
        flags.append("-lyaml")
    for flag in flags:
        if flag.startswith("-I"):
            ext.include_dirs.append(flag[2:])
        elif flag.startswith("-L"):
            ext.library_dirs.append(flag[2:])
        elif flag.startswith("-l"):
            ext.libraries.append(flag[2:])
        else:
            ext.extra_compile_args.append(flag)


def _mypyc_extensions() -> list[Any]:
    """The mypyc-compiled modules, generated into ``build/mypyc``. mypyc type-checks them first
    with ``[tool.mypy]`` of ``pyproject.toml``; the build environment lacks the dependencies'
    packages, so ``type: ignore`` comments needed beside them may go unused there."""
    from mypyc.build import mypycify

    paths = ["--no-warn-unused-ignores", *MYPYC_MODULES]
    # setuptools' Extension objects, typed as distutils' or setuptools' ones.
    return list(mypycify(paths, opt_level="3", group_name="kyaml", target_dir="build/mypyc"))


def _probe_libyaml(ext: Extension, scratch: str) -> None:
    """Compile and link a program calling libyaml with ``ext``'s flags; raise when that fails
    (no C compiler, no ``yaml.h``, no library)."""
    from setuptools._distutils.ccompiler import new_compiler
    from setuptools._distutils.sysconfig import customize_compiler

    folder = Path(scratch) / "libyaml-probe"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "probe.c"
    source.write_text(
        "#include <yaml.h>\nint main(void) { return yaml_get_version_string() == 0; }\n",
        encoding="utf-8",
    )
    compiler: Any = new_compiler()
    customize_compiler(compiler)
    try:
        objects = compiler.compile(
            [str(source)],
            output_dir=str(folder),  # objects go to folder/<source's path>, inside it
            include_dirs=ext.include_dirs,
            extra_postargs=ext.extra_compile_args,
        )
        compiler.link_executable(
            objects,
            "probe",
            output_dir=str(folder),
            libraries=ext.libraries,
            library_dirs=ext.library_dirs,
        )
    except Exception as error:
        raise RuntimeError("no C compiler, or no libyaml headers (yaml.h) or library") from error


class BuildExt(build_ext):
    """Builds the whole compiled set or none of it, as ``KYAML_BUILD`` says."""

    compiling = False  # whether this build compiles, decided in finalize_options

    def finalize_options(self) -> None:
        super().finalize_options()
        editable = bool(self.editable_mode or self.inplace)
        if editable and MODE != "compiled":
            self._remove_built(SRC)  # an earlier compiled editable install's
        self.compiling = MODE == "compiled" or (MODE == "auto" and not editable)
        if not self.compiling:
            self.extensions = []
            self._remove_built(Path(self.build_lib))  # an earlier compiled build's

    def run(self) -> None:
        # Planned here, not in finalize_options: egg_info and sdist finalize this command too.
        if not self.compiling:
            return
        try:
            self._plan()
            super().run()
        except (Exception, SystemExit) as error:  # mypyc exits on a type error
            self._fall_back(error)

    def _plan(self) -> None:
        """Set the extensions to build, after checking that the binding can be: that check is
        quick and fails without a compiler or libyaml, before mypyc's type check and code
        generation."""
        _libyaml_flags(BINDING)
        _probe_libyaml(BINDING, self.build_temp)
        planned: list[Any] = [BINDING, *_mypyc_extensions()]
        # setuptools prepares each extension when its build_ext is finalized: let a copy of
        # this command, with the same places, do it for the planned list.
        self.distribution.ext_modules = planned
        helper = build_ext(self.distribution)
        for option in ("build_lib", "build_temp", "inplace", "editable_mode", "package"):
            setattr(helper, option, getattr(self, option))
        helper.ensure_finalized()
        self.extensions = planned
        self.ext_map.update(helper.ext_map)

    def _fall_back(self, error: BaseException) -> None:
        """Build nothing, or stop when ``KYAML_BUILD=compiled``."""
        if MODE == "compiled":
            raise error
        self.extensions = []
        self._remove_built(Path(self.build_lib))
        if self.inplace:
            self._remove_built(SRC)
        if isinstance(error, SystemExit):
            reason = "mypyc's type check failed, see above"
        elif type(error).__name__ in ("CompileError", "LinkError"):
            reason = "the C compiler failed, see above"
        else:
            reason = (str(error).strip().splitlines() or [type(error).__name__])[-1]
        _warn(f"building pure Python: the compiled build failed ({reason})")

    def _remove_built(self, root: Path) -> None:
        """Remove built extension modules of kyaml under ``root`` (a build or source tree)."""
        if not root.is_dir():
            return
        found = [p for p in (root / "kyaml").rglob("*") if p.suffix in BUILT]
        found += [p for p in root.glob("kyaml__mypyc*") if p.suffix in BUILT]
        for path in found:
            path.unlink()
        if found and root == SRC:
            _warn(f"removed {len(found)} compiled modules from src/ so that the sources run")


class BdistWheel(bdist_wheel):
    """Tags the wheel pure Python when no extension was built (``KYAML_BUILD=pure`` or the
    fallback), so that it is not mistaken for a compiled one."""

    def get_tag(self) -> tuple[str, str, str]:
        command: Any = self.get_finalized_command("build_ext")
        if not command.extensions:
            self.root_is_pure = True
        tag: tuple[str, str, str] = super().get_tag()
        return tag


setup(
    ext_modules=[] if MODE == "pure" else [BINDING],
    cmdclass={"build_ext": BuildExt, "bdist_wheel": BdistWheel},
)
