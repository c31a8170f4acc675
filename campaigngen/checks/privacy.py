"""No personal data in what is published: translators' names and e-mails from PO headers,
local paths, the user and machine names.

Metadata writers put these in silently (a PDF producer, a WAV's originator field), and a
translator may type their own name into a line. The gate looks at the text before anything
is made; publish scans every byte of the release with the same needles.
"""

from __future__ import annotations

import getpass
import socket
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from campaigngen import checknames
from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.checks.findings import Finding
from campaigngen.sources.campaign import Campaign

_WORDLIKE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.~-")
TRANSLATOR = "a translator's name or e-mail from a PO header"


@dataclass(frozen=True)
class Needle:
    """text in UTF-8 and UTF-16; a path must not be the tail of a longer word or URL
    ("https://example.org/tmp/" is not the temp folder)."""

    text: str
    why: str
    path_like: bool

    def found_in(self, blob: bytes) -> bool:
        # bytes.find is a fast literal search; regexes with a look-behind were 100x slower on MBs of audio.
        # UTF-8, UTF-16-LE, UTF-16-BE; a path that is not UTF-8 (surrogate-escaped by Python)
        # is looked for as its own bytes.
        for needle, width, offset in zip(_encodings(self.text), (1, 2, 2), (0, 0, 1), strict=True):
            at = blob.find(needle)
            while at >= 0:
                before = at - width + offset
                if (
                    not self.path_like
                    or before < 0
                    or blob[before] not in _WORDLIKE
                    or (width == 2 and blob[at - 2 + (1 - offset)] != 0)
                ):
                    return True
                at = blob.find(needle, at + 1)
        return False


def _encodings(text: str) -> tuple[bytes, bytes, bytes]:
    """The byte strings Needle.found_in looks for: UTF-8, UTF-16-LE, UTF-16-BE."""
    return (
        text.encode("utf-8", "surrogateescape"),
        text.encode("utf-16-le", "surrogatepass"),
        text.encode("utf-16-be", "surrogatepass"),
    )


@dataclass(frozen=True)
class NeedleSet:
    """Needles searched together: first a few literal probes over each blob, the exact
    search only where one of them is there.

    Every match of a needle is one of its three encodings, whole, in the blob, so a blob
    holding none of the probes holds no needle (the exact search would find nothing). A
    probe stands for several encodings: UTF-16-LE and -BE of a text whose characters are all
    below U+0100 share everything but the first and last zero byte, so one search finds
    both; and a probe inside another (the project's path inside the campaign's) finds it
    too. A release's many megabytes are then read 2 x (needles) times at most instead of
    3 x; what is found, and the message, are the exact search's."""

    needles: tuple[Needle, ...]
    probes: tuple[bytes, ...]

    @classmethod
    def of(cls, needles: Sequence[Needle]) -> NeedleSet:
        wanted: set[bytes] = set()
        for needle in needles:
            utf8, little, big = _encodings(needle.text)
            wanted.add(utf8)
            if little[:-1] == big[1:]:
                wanted.add(little[:-1])
            else:
                wanted.update((little, big))
        probes: list[bytes] = []
        for probe in sorted(wanted, key=len):  # shortest first: a longer one holding it is redundant
            if not any(kept in probe for kept in probes):
                probes.append(probe)
        return cls(tuple(needles), tuple(probes))

    def first_in(self, blob: bytes) -> Needle | None:
        """The first needle found in blob (in the order given), as the exact search finds it."""
        if not any(probe in blob for probe in self.probes):
            return None
        return next((needle for needle in self.needles if needle.found_in(blob)), None)


def local_strings(campaign: Campaign, extra_paths: Sequence[Path] = ()) -> tuple[set[str], set[str]]:
    """Where this machine keeps things, and what it is called: (paths, names)."""
    project = campaign.root.parent.parent if campaign.root.parent.name == "content" else campaign.root
    candidates = {
        project.resolve(),
        campaign.root.resolve(),
        Path.cwd().resolve(),
        Path.home(),
        Path(tempfile.gettempdir()),
        *extra_paths,
    }
    paths = {str(p).rstrip("/") + "/" for p in candidates if str(p) not in ("/", "")}
    names: set[str] = set()
    try:
        user, host = getpass.getuser(), socket.gethostname()
    except (KeyError, OSError):
        user, host = "", ""
    if user and host:
        names.add(f"{user}@{host}")
    if len(host) >= 6:  # shorter names would match random bytes in compressed data
        names.add(host)
    return paths, names


def personal_needles(
    campaign: Campaign, editions: Sequence[LocalizedCampaign], extra_paths: Sequence[Path] = ()
) -> list[Needle]:
    credited = set().union(*(loc.credits for loc in editions)) if editions else set()
    paths, names = local_strings(campaign, extra_paths)
    return (
        [Needle(s, TRANSLATOR, False) for s in sorted(credited)]
        + [Needle(s, "a local path", True) for s in sorted(paths)]
        + [Needle(s, "the user or machine name", False) for s in sorted(names)]
    )


def personal_data_findings(localized: LocalizedCampaign) -> list[Finding]:
    """A line that would print a translator's name, a local path or the machine's name."""
    needles = personal_needles(localized.campaign, [localized])
    findings = []
    for message in localized.applicable:
        text = localized.filled(message.id).encode("utf-8")
        for needle in needles:
            if needle.found_in(text):
                findings.append(
                    Finding(
                        checknames.PERSONAL_DATA,
                        localized.tag,
                        message.id,
                        f"the line holds {needle.why} ('{needle.text}') ({localized.where(message.id)}) - "
                        f"take it out: published material carries no personal data",
                        detail={"why": needle.why, **localized.place(message.id)},
                        code="privacy.personal-data",
                    )
                )
                break
    return findings
