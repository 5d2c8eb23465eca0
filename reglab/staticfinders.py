"""Serve plotly.min.js from the installed plotly package, so the charts need no CDN
and the file always matches the Python library that builds the figures."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_DIR = Path(plotly.__file__).parent / "package_data"
PREFIX = "vendor/plotly"
FILENAME = "plotly.min.js"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PLOTLY_DIR)
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == f"{PREFIX}/{FILENAME}":
            found = str(PLOTLY_DIR / FILENAME)
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns):
        yield FILENAME, self.storage
