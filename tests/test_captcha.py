"""The captcha's URLs from an anonymous flood's side.

Issue 10: `/captcha/refresh/` wrote a database row for every anonymous GET, without limit, even
with the captcha switched off. Now it answers only while NOMINATION_CAPTCHA is on, only
CAPTCHA_REFRESH_RATE times per address, and `captcha_clean` deletes expired rows.
"""

from datetime import timedelta

import pytest
from captcha.models import CaptchaStore
from django.core.management import call_command
from django.utils import timezone

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def captcha_on(settings):
    settings.NOMINATION_CAPTCHA = True
    settings.CAPTCHA_REFRESH_RATE = "3/h"
    return settings


@pytest.mark.django_db
def test_refresh_is_not_there_while_the_captcha_is_off(client, settings):
    settings.NOMINATION_CAPTCHA = False
    for _ in range(5):
        assert client.get("/captcha/refresh/", **XHR).status_code == 404
    assert CaptchaStore.objects.count() == 0


@pytest.mark.django_db
def test_images_are_not_there_while_the_captcha_is_off(client, settings, captcha_on):
    key = CaptchaStore.generate_key()
    assert client.get(f"/captcha/image/{key}/").status_code == 200
    settings.NOMINATION_CAPTCHA = False
    assert client.get(f"/captcha/image/{key}/").status_code == 404
    assert client.get(f"/captcha/image/{key}@2/").status_code == 404
    assert client.get(f"/captcha/audio/{key}.wav").status_code == 404


@pytest.mark.django_db
def test_refresh_is_rate_limited_per_address(client, captcha_on):
    for _ in range(3):
        response = client.get("/captcha/refresh/", **XHR)
        assert response.status_code == 200
        assert response.json()["image_url"].startswith("/captcha/image/")
    for n in range(5):
        response = client.get("/captcha/refresh/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}", **XHR)
        assert response.status_code == 429
        assert "操作太频繁" in response.content.decode()
    assert CaptchaStore.objects.count() == 3
    # Another address has its own allowance.
    assert client.get("/captcha/refresh/", REMOTE_ADDR="198.51.100.7", **XHR).status_code == 200


@pytest.mark.django_db
def test_captcha_clean_deletes_expired_rows():
    CaptchaStore.generate_key()
    expired = CaptchaStore.objects.get(hashkey=CaptchaStore.generate_key())
    expired.expiration = timezone.now() - timedelta(minutes=1)
    expired.save()
    call_command("captcha_clean", verbosity=0)
    assert CaptchaStore.objects.count() == 1
    assert not CaptchaStore.objects.filter(pk=expired.pk).exists()
