import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reglab.settings")
application = get_wsgi_application()
# Import every view (and what they import: pandas, Plotly) as the server process starts,
# not in its first request.
get_resolver().url_patterns  # noqa: B018
