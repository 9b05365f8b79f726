"""mathft: verified Japanese secondary-school math fine-tuning data, SFT and voting inference."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mathft")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
