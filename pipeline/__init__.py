"""Who said what, about which topic, with what stance: claims from Chinese news."""

__version__ = "0.1.0"
