"""WSGI entry point for gunicorn (`gunicorn cms.wsgi --preload`) and for `runserver`.

Both build the application before they listen, so the warm-up below runs before the first
request arrives (cms/warmup.py says what it loads and what it costs).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

from cms import warmup  # noqa: E402  (needs the settings that get_wsgi_application configured)

if warmup.enabled():
    warmup.warm_up(application)
