"""A catalog's Plural-Forms header is judged as msgfmt judges it: what `msgfmt -c` refuses,
the reader refuses with one line naming the file and the header's line; what it takes, we take."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from campaigngen.catalogs.po.plurals import plural_forms_problem
from campaigngen.catalogs.po.reader import read_catalog
from campaigngen.exceptions import InputError

GOOD = [
    "nplurals=1; plural=0;",
    "nplurals=2; plural=(n != 1);",
    "nplurals=2; plural=n > 1;",
    "nplurals=2; plural=!n;",
    "nplurals=2; plural=n>5000?2:0;",  # msgfmt evaluates n up to 1000 only
    "nplurals=2; plural=n == 0 || 100 / n > 1;",  # || stops before dividing by zero
    "nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;",
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "nplurals=2;",  # a count alone
]
BAD = [
    "nplurals=0; plural=0;",
    "nplurals=x; plural=0;",
    "nplurals=2; plural=n;",  # gives 2 for n = 2
    "nplurals=2; plural=n/0;",
    "nplurals=2; plural=n%0;",
    "nplurals=2; plural=(n > 1;",
    "nplurals=2; plural=-n;",  # no unary minus in gettext's grammar
    "nplurals=2; plural=m != 1;",
    "nplurals=2; plural=n - 5;",  # below zero for small n
]


def _catalog(tmp_path, forms: str):
    path = tmp_path / "t.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Project-Id-Version: t\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {forms}\\n"\n\nmsgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("forms", GOOD + BAD)
def test_the_reader_and_msgfmt_agree_on_plural_forms(tmp_path, forms):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt not installed (gettext; `make setup` installs it)")
    path = _catalog(tmp_path, forms)
    result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    msgfmt_takes = result.returncode == 0
    assert msgfmt_takes == (forms in GOOD), result.stderr  # the lists above are what msgfmt says
    assert (plural_forms_problem(forms) is None) == msgfmt_takes, plural_forms_problem(forms)
    if msgfmt_takes:
        read_catalog(path)
    else:
        with pytest.raises(InputError) as caught:
            read_catalog(path)
        message = caught.value.format_message()
        assert "t.po:1:" in message and "Plural-Forms" in message and "\n" not in message


def test_every_shipped_catalog_has_plural_forms_msgfmt_takes():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.glob("locales/*/LC_MESSAGES/*.po")):
        read_catalog(path)
