"""The release scan's probes (checks/privacy.NeedleSet) find what the exact search finds,
in every encoding and at every boundary, and nothing else: a blob without any probe holds
no needle, and the needle reported is the first the exact search reports."""

from __future__ import annotations

import random

from campaigngen.checks.privacy import Needle, NeedleSet

NEEDLES = [
    Needle("Jane Roe", "a translator", False),
    Needle("jane@example.org", "a translator", False),
    Needle("José Núñez", "a translator", False),  # Latin-1 letters: one probe for both UTF-16s
    Needle("Łucja 王", "a translator", False),  # beyond U+00FF: UTF-16-LE and -BE apart
    Needle("/home/ana/", "a local path", True),
    Needle("/home/ana/project/content/demo/", "a local path", True),  # holds the one above
    Needle("/tmp/", "a local path", True),
    Needle("/srv/caf\udce9/", "a local path", True),  # not UTF-8: surrogate-escaped bytes
    Needle("ana@workstation", "the user or machine name", False),
    Needle("workstation", "the user or machine name", False),
]
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
_BEFORE = (b"", b" ", b"x", b"\x00", b"/", b"\x00x", b"x\x00", b"org", b"\xff\xfe")


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "surrogateescape" if encoding == "utf-8" else "surrogatepass")


def _exact(blob: bytes) -> Needle | None:
    return next((needle for needle in NEEDLES if needle.found_in(blob)), None)


def test_probes_find_exactly_what_the_exact_search_finds():
    needles = NeedleSet.of(NEEDLES)
    rng = random.Random(24)
    found = 0
    for _ in range(4000):
        parts = [rng.randbytes(rng.randint(0, 40))]
        for _ in range(rng.randint(0, 3)):
            text = rng.choice(NEEDLES).text
            if rng.random() < 0.3:  # a piece of a needle only
                text = text[: rng.randint(1, len(text))]
            parts += [rng.choice(_BEFORE), _encoded(text, rng.choice(_ENCODINGS)), rng.randbytes(rng.randint(0, 5))]
        blob = b"".join(parts)
        expected = _exact(blob)
        assert needles.first_in(blob) == expected, blob
        found += expected is not None
    assert found > 1000  # the blobs did hold needles, at the boundaries that matter


def test_fewer_probes_than_encodings_and_none_holds_another():
    needles = NeedleSet.of(NEEDLES)
    assert len(needles.probes) < 3 * len(NEEDLES)
    assert not any(a != b and a in b for a in needles.probes for b in needles.probes)
    # Each needle, in each encoding, holds a probe: a blob without one holds no needle.
    for needle in NEEDLES:
        for encoding in _ENCODINGS:
            assert any(probe in _encoded(needle.text, encoding) for probe in needles.probes), (needle, encoding)
