"""A line that is only a marker (``#~`` or ``#|`` with nothing after it) is a comment to
msgfmt: the reader accepts it as msgfmt does, instead of failing with a traceback."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from campaigngen.catalogs.po import entries_by_id, read_catalog

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    "body, live, obsolete",
    [
        ('#~\n#~ msgctxt "gone"\n#~ msgid "Old"\n#~ msgstr "Viejo"\n', {}, {"gone"}),
        ('#~\nmsgctxt "help"\nmsgid "Help"\nmsgstr "Ayuda"\n', {"help": "Ayuda"}, set()),
        ('#, fuzzy\n#|\nmsgctxt "help"\nmsgid "Help"\nmsgstr "Ayuda"\n', {"help": "Ayuda"}, set()),
    ],
)
def test_bare_markers_read_as_msgfmt_reads_them(tmp_path, body, live, obsolete):
    path = tmp_path / "es.po"
    path.write_text(HEADER + body, encoding="utf-8")
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0
    catalog = read_catalog(path)
    assert {k: m.string for k, m in entries_by_id(catalog).items()} == live
    assert {context for _, context in catalog.obsolete} == obsolete
