"""Who said what, about which topic, with what stance: claims from Chinese news.

Start-up: spaCy's command line is loaded only when something uses it.
``import spacy`` runs ``from .cli.info import info`` for its ``spacy.info()``, and that
imports spaCy's whole command line: typer commands, weasel, httpx, requests and a YAML
file read with ruamel (about 300 modules, 0.2 s of CPU, a tenth of a one-file run). The
pipeline never uses it. :func:`_defer_spacy_cli` registers ``spacy.cli.info`` as a module
that is not executed yet: importing spaCy then binds ``spacy.info`` to a forwarder, and the
first use of anything in ``spacy.cli.info`` (or of ``spacy.info()``) executes the real
module in place. ``import spacy.cli`` and its commands are untouched and work as usual.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

_SPACY_INFO = "spacy.cli.info"


def _defer_spacy_cli() -> None:
    """Register the deferred ``spacy.cli.info`` (nothing to do once spaCy is imported)."""
    if "spacy" in sys.modules or _SPACY_INFO in sys.modules:
        return
    spacy_spec = importlib.util.find_spec("spacy")  # finds the package without importing it
    if spacy_spec is None or not spacy_spec.submodule_search_locations:
        return
    if not (Path(next(iter(spacy_spec.submodule_search_locations))) / "cli" / "info.py").is_file():
        return  # another layout of spaCy: leave it alone
    stand_in = ModuleType(_SPACY_INFO, "spacy.cli.info, imported from spaCy on first use (see pipeline/__init__.py)")

    def load() -> ModuleType:
        """The genuine module, imported the usual way (its package first) in place of the stand-in."""
        if sys.modules.get(_SPACY_INFO) is stand_in:
            del sys.modules[_SPACY_INFO]
        return importlib.import_module(_SPACY_INFO)

    def info(*args: Any, **kwargs: Any) -> Any:
        """``spacy.info``: spaCy's own, imported on first call."""
        return load().info(*args, **kwargs)

    def __getattr__(name: str) -> Any:  # PEP 562: any other name comes from the genuine module
        if name.startswith("__"):  # the import system asks for __path__, repr() for __file__ …
            raise AttributeError(name)
        return getattr(load(), name)

    stand_in.info = info  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[attr-defined]
    sys.modules[_SPACY_INFO] = stand_in


__version__ = "0.1.0"

_defer_spacy_cli()  # before any module of the package imports spaCy
