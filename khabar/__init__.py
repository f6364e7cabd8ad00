"""khabar: press reports compiled into an evidence-backed, time-aware record of a conflict."""

__version__ = "0.1.0"
