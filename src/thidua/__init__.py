"""``python -m thidua``: the same program as the ``thidua`` command (code lives in thidua_cli)."""

from thidua_cli import __version__

__all__ = ["__version__"]
