"""gcmhub: the follow-up and review platform of the Global Compact for Migration."""

__version__ = "0.1.0"
