"""Who said what, about which topic, with what stance: claims from Chinese news."""

from pipeline.lazy_imports import defer_spacy_cli

__version__ = "0.1.0"

defer_spacy_cli()  # before any module of the package imports spaCy
