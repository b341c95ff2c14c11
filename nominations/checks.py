"""Refuse to start with private photos where a public URL could reach them."""

from pathlib import Path

from django.conf import settings
from django.core import checks


def _inside(path, folder):
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


@checks.register(checks.Tags.security)
def private_media_is_not_public(app_configs, **kwargs):
    private = settings.PRIVATE_MEDIA_ROOT
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (_inside(private, public) or _inside(public, private)):
            errors.append(
                checks.Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({public}): nomination photos "
                    "would be reachable at a public URL.",
                    hint="Point PRIVATE_MEDIA_ROOT at a folder outside MEDIA_ROOT and STATIC_ROOT.",
                    id="nominations.E001",
                )
            )
    return errors
