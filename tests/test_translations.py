"""The project's Chinese catalogues (cms/locale): complete, consistent, compiled without gettext."""

import re

import polib
import pytest
from django.conf import settings
from django.utils import translation

from core.translations import compile_catalogues

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|%[sd]|\{(\w+)\}")


def catalogues():
    return sorted(path for root in settings.LOCALE_PATHS for path in root.glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", catalogues(), ids=lambda path: path.name)
def test_every_entry_is_translated_with_the_same_placeholders(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    for entry in catalogue:
        source = entry.msgid_plural or entry.msgid
        text = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        assert sorted(PLACEHOLDER.findall(text)) in (
            sorted(PLACEHOLDER.findall(source)),
            sorted(PLACEHOLDER.findall(entry.msgid)),
        ), entry.msgid
        assert "拒绝" not in text, entry.msgid


def test_catalogues_compile_with_polib(tmp_path):
    po = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(catalogues()[0].read_text(encoding="utf-8"), encoding="utf-8")
    compiled = compile_catalogues([tmp_path])
    assert [path for path, _count in compiled] == [po]
    assert po.with_suffix(".mo").stat().st_size > 1000
    assert compile_catalogues([tmp_path]) == []  # up to date: nothing to do


def test_wagtails_gaps_and_wording_in_the_admin():
    with translation.override("zh-hans"):
        assert translation.gettext("Autosave is paused") == "自动保存已暂停"
        assert translation.gettext("Request changes") == "退回修改"
        assert translation.gettext("Changes requested") == "退回修改"
        assert translation.gettext("Privacy and access") == "隐私与访问"
        assert "拒绝" not in translation.gettext('The page "%(title)s" has been rejected during "%(task)s".')
