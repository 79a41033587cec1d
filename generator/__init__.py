"""Charter handouts: publish a co-production charter as accessible, branded PDFs."""

__version__ = "0.1.0"
