"""Every failure a user can see, in one place.

Each is a ``click.ClickException`` so the CLI prints one line and no traceback.
Exit code 2 means the input cannot be used (fix a file and run again); exit code 1
means the input was read but a check failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from campaigngen import checknames

if TYPE_CHECKING:  # only for hints: this module sits below every stage
    from campaigngen.checks.findings import Report


class CampaignGenError(click.ClickException):
    """Base class: unusable input or environment. Exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # one line, no "Error:" noise from usage text
        click.echo(f"error: {self.format_message()}", err=True, file=file)


class InputError(CampaignGenError):
    """A file the user gave cannot be used. Names the file (and line) and what to do."""

    def __init__(self, path: Path | str | None, problem: str, *, line: int | None = None, hint: str | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.problem = problem
        self.hint = hint
        where = ""
        if self.path is not None:
            where = f"{self.path}:{line}: " if line is not None else f"{self.path}: "
        text = f"{where}{problem}"
        if hint:
            text += f" - {hint}"
        super().__init__(text)


class InvalidCampaign(CampaignGenError):
    """Several problems in one file: each on its own line, all in one run."""

    def __init__(self, problems: Sequence[InputError]):
        self.problems = tuple(problems)
        super().__init__("\n".join(p.format_message() for p in self.problems))

    def show(self, file=None) -> None:
        for problem in self.problems:
            problem.show(file=file)
        click.echo(
            f"error: {len(self.problems)} problems in one file - fix them all, then run again", err=True, file=file
        )


class UnfilledContact(InputError):
    """The campaign's hotline is not filled in yet (a new campaign): nothing is made."""


class CampaignNotFound(InputError):
    pass


class CatalogChanged(InputError):
    """A catalog changed on disk since an editor read it (Poedit, extract, another window):
    the write was refused so nobody's work is overwritten unseen."""

    def __init__(self, path: Path, current_sha256: str):
        self.current_sha256 = current_sha256
        super().__init__(
            path,
            "changed on disk since it was opened - nothing was written",
            hint="reload it, then make the change again",
        )


class UnknownLanguage(InputError):
    pass


class UnsupportedLanguage(CampaignGenError):
    """A language tag is valid but the project has no profile for it (never guessed)."""


class MissingDependency(CampaignGenError):
    """A system library, font, voice or optional extra is missing; says how to install it."""


class BrokenFont(MissingDependency):
    """A font file exists but cannot be read as a font (damaged, truncated, another file)."""


class EnvironmentFailure(CampaignGenError):
    """The machine refused: disk full, read-only folder, no permission, a path in the way."""


_OS_ADVICE = {
    28: "free some disk space, or choose another --out",  # ENOSPC
    30: "the folder is read-only: choose another --out",  # EROFS
    13: "no permission: choose a folder you can write to",  # EACCES
    1: "no permission: choose a folder you can write to",  # EPERM
    20: "a file stands where a folder is needed: move it, or choose another --out",  # ENOTDIR
    21: "a folder stands where a file is needed: move it",  # EISDIR
    17: "something is already there: move it, or choose another --out",  # EEXIST
    40: "a symbolic link loop: fix the link",  # ELOOP
}


def os_error_line(exc: OSError) -> str:
    """'cannot use /out/x: No space left on device - free some disk space...' from any OSError."""
    where = exc.filename if exc.filename is not None else "a file"
    advice = _OS_ADVICE.get(exc.errno or 0, "check the path and try again")
    return f"cannot use {where}: {exc.strerror or exc} - {advice}"


class NetworkUnavailable(CampaignGenError):
    """An online engine could not be reached in time."""


class ChecksFailed(click.ClickException):
    """Input was usable but a check failed. Exit code 1.

    Raised while rendering, it becomes a finding of ``check`` for ``language`` (and
    ``target``, a format or spot id), which a waiver can name like any other.
    """

    exit_code = 1
    check = "render"

    def __init__(
        self, message: str, *, language: str | None = None, message_id: str | None = None, target: str | None = None
    ):
        super().__init__(message)
        self.language = language
        self.message_id = message_id
        self.target = target

    def show(self, file=None) -> None:
        click.echo(f"failed: {self.format_message()}", err=True, file=file)


class LayoutFitError(ChecksFailed):
    """Text cannot fit its box even at the minimum readable size."""

    check = checknames.LAYOUT_FIT

    def __init__(self, *, format_name: str, language: str, message_id: str, detail: str):
        self.format_name = format_name
        super().__init__(
            f"{format_name} [{language}] message '{message_id}' does not fit: {detail} - shorten the text",
            language=language,
            message_id=message_id,
            target=format_name,
        )


class SpotTooLong(ChecksFailed):
    check = checknames.SPOT_LENGTH

    def __init__(
        self, *, spot_id: str, language: str, measured_s: float, booked_s: float, fits: str = "", what: str = "speech"
    ):
        self.measured_s = measured_s
        super().__init__(
            f"spot '{spot_id}' [{language}] {what} runs {measured_s:.2f} s even at the fastest natural pace, "
            f"longer than the booked {booked_s:g} s allows - shorten the script{fits}",
            language=language,
            target=spot_id,
        )


class SpotCannotFill(ChecksFailed):
    """The speech, slowed and paused as far as still sounds natural and with everything the
    campaign lets the composer add, leaves more dead air than stations allow."""

    check = checknames.SPOT_LENGTH

    def __init__(
        self,
        *,
        spot_id: str,
        language: str,
        longest_s: float,
        booked_s: float,
        dead_air_s: float,
        tail_max_s: float,
        added: str,
        advice: str,
        what: str = "speech",
    ):
        self.longest_s = longest_s
        super().__init__(
            f"spot '{spot_id}' [{language}] cannot fill the booked {booked_s:g} s: read slowly with the longest "
            f"natural pauses{added} the {what} runs {longest_s:.1f} s, leaving {dead_air_s:.1f} s of silence where "
            f"stations allow {tail_max_s:g} s - {advice}",
            language=language,
            target=spot_id,
        )


class DeadAir(ChecksFailed):
    """Silence at a spot's head, tail or inside it beyond what stations accept."""

    check = checknames.DEAD_AIR


class VoiceUnavailable(ChecksFailed):
    """No engine the campaign names could speak this language here (offline, no voice)."""

    check = checknames.VOICE


class RecordingUnusable(ChecksFailed):
    """A recording named in radio.recordings is missing or cannot be decoded."""

    check = checknames.RECORDING


class QrUnreadable(ChecksFailed):
    check = checknames.QR


class WrongNumberPrinted(ChecksFailed):
    """The page as laid out would show a number that is not the configured one."""

    check = checknames.NUMBER


class PdfUnfaithful(ChecksFailed):
    """The PDF read back does not say what the page shows (text, fonts, the drawn page, the QR)."""

    check = checknames.PDF


def describe_chars(chars: Sequence[str]) -> str:
    """Characters as a translator can look them up: code point and the character itself."""
    return ", ".join(f"U+{ord(c):04X} '{c}'" for c in chars)


class MissingGlyphsError(ChecksFailed):
    """Some characters have no glyph in any font the language's chain names."""

    check = checknames.GLYPHS

    def __init__(self, *, format_name: str, language: str, message_id: str, chars: Sequence[str]):
        self.format_name = format_name
        self.chars = tuple(chars)
        super().__init__(
            f"{format_name} [{language}] message '{message_id}' has characters no font draws: "
            f"{describe_chars(chars)} - fix the translation or add a font to fonts/fonts.toml",
            language=language,
            message_id=message_id,
            target=format_name,
        )


class OutputRefused(CampaignGenError):
    """--out points where output must never go (sources, a folder campaigngen did not make)."""


class PublishBusy(CampaignGenError):
    """Another publish of the same campaign holds the lock (exit 2: try again later)."""


class NotARelease(CampaignGenError):
    """The folder has no release manifest (exit 2)."""


class SignatureInvalid(ChecksFailed):
    """The release's manifest is not the one its key signed (exit 1)."""


class VersionExists(InputError):
    """The release version is taken (exit 2: pick another)."""


class PersonalDataFound(ChecksFailed):
    """A file about to be published carries a name, e-mail or local path (exit 1)."""


class GateRefused(ChecksFailed):
    """A check failed that nobody waived: nothing was published (exit 1)."""

    def __init__(self, report: Report):
        self.report = report
        blocking = report.blocking
        languages = sorted({f.language for f in blocking})
        super().__init__(
            f"{len(blocking)} failing check(s) in {', '.join(languages)} - nothing was published; "
            f"fix them or record a waiver in campaign.toml"
        )


class DraftRefused(ChecksFailed):
    """A release holds no draft (exit 1)."""

    def __init__(self, drafts: Sequence):
        tags = ", ".join(loc.tag for loc in drafts)
        super().__init__(
            f"{tags} would be DRAFT (unfinished or pseudo-locale) - a release holds no draft; "
            f"finish and review them, or leave them out with --lang"
        )
