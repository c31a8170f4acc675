"""Every failure a user can see, in one place.

Plain exceptions, so the studio and library callers need no command-line library: each
carries an exit code, a stable code (the list is ``codes.py``), a sentence in the user's
words (``plain``), the technical detail (file, line, key, measured values) and the one line
the command line prints (``message``). ``cli.py`` turns them into that line and the exit
code, never a traceback. Exit code 2 means the input cannot be used (fix a file and run
again); exit code 1 means the input was read but a check failed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaigngen import checknames, codes
from campaigngen.frozen import FrozenMap

if TYPE_CHECKING:  # only for hints: this module sits below every stage
    from campaigngen.checks.findings import Report


class UserFacingError(Exception):
    """A failure told to a person: one line for the terminal, a code, a plain sentence, the detail."""

    exit_code = 2
    code = "input.unusable"  # a subclass's default; an instance may carry a more precise one
    label = "error"  # how the command line starts the line

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        plain: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self._plain = plain
        self.detail: Mapping[str, Any] = FrozenMap(detail or {})

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        # Keyword-only arguments do not survive Exception's pickling: rebuild from the state,
        # so an error made in a render worker reaches the parent whole.
        return (_restore, (type(self), self.args, self.__dict__))

    def format_message(self) -> str:
        """The technical line, as the command line prints it (without "error: ")."""
        return self.message

    @property
    def plain(self) -> str:
        """The sentence for the person who acts on it: no setting names, tags or file names."""
        return self._plain if self._plain is not None else codes.plain(self.code, self.plain_values())

    def plain_values(self) -> Mapping[str, str]:
        return {}

    def lines(self) -> tuple[str, ...]:
        """What the command line prints, each a line of its own."""
        return (f"{self.label}: {self.message}",)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "plain": self.plain,
            "text": self.message,
            "detail": _jsonable(self.detail),
            "exit_code": self.exit_code,
        }


def _restore(cls: type[UserFacingError], args: tuple, state: dict) -> UserFacingError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


class CampaignGenError(UserFacingError):
    """Base class: unusable input or environment. Exit code 2."""

    exit_code = 2


# What an input error is about when its raiser names no code: the kind of file it names.
_CODE_BY_SUFFIX = {
    ".po": "catalog.unusable",
    ".pot": "catalog.unusable",
    ".argosmodel": "model.unusable",
    ".onnx": "voice.unusable",
    ".key": "key.unusable",
    ".pub": "key.unusable",
}


def code_for_file(path: Path | None, line: int | None = None) -> str:
    if path is None:
        return InputError.code
    if path.name == "campaign.toml":
        # Without a line it is the file itself (cannot be read, already there), not a setting in it.
        return "config.invalid" if line is not None else InputError.code
    if path.name == "fonts.toml":
        return "fonts.invalid"
    if path.name.endswith(".onnx.json"):
        return "voice.unusable"
    return _CODE_BY_SUFFIX.get(path.suffix.lower(), InputError.code)


def shown_path(path: Path | str) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 in a file or folder
    name (which Python keeps as lone surrogates) are shown as backslash escapes."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class InputError(CampaignGenError):
    """A file the user gave cannot be used. Names the file (and line) and what to do."""

    def __init__(
        self,
        path: Path | str | None,
        problem: str,
        *,
        line: int | None = None,
        hint: str | None = None,
        code: str | None = None,
        plain: str | None = None,
    ):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.problem = problem
        self.hint = hint
        where = ""
        if self.path is not None:
            where = f"{shown_path(self.path)}:{line}: " if line is not None else f"{shown_path(self.path)}: "
        text = f"{where}{problem}"
        if hint:
            text += f" - {hint}"
        if code is None and type(self).code == InputError.code:
            code = code_for_file(self.path, line)
        detail = {"file": shown_path(self.path) if self.path is not None else None, "line": line, "problem": problem}
        if hint:
            detail["hint"] = hint
        super().__init__(text, code=code, plain=plain, detail=detail)


class InvalidCampaign(CampaignGenError):
    """Several problems in one file: each on its own line, all in one run."""

    code = "config.invalid"

    def __init__(self, problems: Sequence[InputError]):
        self.problems = tuple(problems)
        super().__init__(
            "\n".join(p.format_message() for p in self.problems),
            detail={"problems": [dict(p.detail, code=p.code) for p in self.problems]},
        )

    def lines(self) -> tuple[str, ...]:
        return (
            *(line for problem in self.problems for line in problem.lines()),
            f"error: {len(self.problems)} problems in one file - fix them all, then run again",
        )


class InvalidConfig(InvalidCampaign):
    """Several problems in another configuration file (fonts.toml, the language registry)."""


class UnfilledContact(InputError):
    """The campaign's hotline is not filled in yet (a new campaign): nothing is made."""

    code = "contact.unfilled"


class CampaignNotFound(InputError):
    code = "campaign.not-found"


class CatalogChanged(InputError):
    """A catalog changed on disk since an editor read it (Poedit, extract, another window):
    the write was refused so nobody's work is overwritten unseen."""

    code = "catalog.changed"

    def __init__(self, path: Path, current_sha256: str):
        self.current_sha256 = current_sha256
        super().__init__(
            path,
            "changed on disk since it was opened - nothing was written",
            hint="reload it, then make the change again",
        )


class UnknownLanguage(InputError):
    code = "language.unknown"


class UnsupportedLanguage(CampaignGenError):
    """A language tag is valid but the project has no profile for it (never guessed)."""

    code = "language.unsupported"


class MissingDependency(CampaignGenError):
    """A system library, font, voice or optional extra is missing; says how to install it."""

    code = "setup.missing"


class InvalidSetting(CampaignGenError):
    """An environment variable campaigngen reads has a value it cannot use; names it and what to give."""

    code = "setup.invalid"


class BrokenFont(MissingDependency):
    """A font file exists but cannot be read as a font (damaged, truncated, another file)."""

    code = "setup.broken-font"


class EnvironmentFailure(CampaignGenError):
    """The machine refused: disk full, read-only folder, no permission, a path in the way."""

    code = "system.refused"


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


def environment_failure(exc: OSError, prefix: str = "") -> EnvironmentFailure:
    """The one-line error for an OSError, with the file and the error number in its detail."""
    return EnvironmentFailure(
        f"{prefix}{os_error_line(exc)}",
        detail={"file": exc.filename, "errno": exc.errno, "message": exc.strerror or str(exc)},
    )


class NetworkUnavailable(CampaignGenError):
    """An online engine could not be reached in time."""

    code = "network.unavailable"


class ChecksFailed(UserFacingError):
    """Input was usable but a check failed. Exit code 1.

    Raised while rendering, it becomes a finding of ``check`` for ``language`` (and
    ``target``, a format or spot id), which a waiver can name like any other, with its code
    and detail.
    """

    exit_code = 1
    check = "render"
    code = "check.failed"
    label = "failed"

    def __init__(
        self,
        message: str,
        *,
        language: str | None = None,
        message_id: str | None = None,
        target: str | None = None,
        code: str | None = None,
        plain: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ):
        super().__init__(message, code=code, plain=plain, detail=detail)
        self.language = language
        self.message_id = message_id
        self.target = target


class LayoutFitError(ChecksFailed):
    """Text cannot fit its box even at the minimum readable size."""

    check = checknames.LAYOUT_FIT
    code = "layout.too-long"

    def __init__(self, *, format_name: str, language: str, message_id: str, detail: str):
        self.format_name = format_name
        super().__init__(
            f"{format_name} [{language}] message '{message_id}' does not fit: {detail} - shorten the text",
            language=language,
            message_id=message_id,
            target=format_name,
            detail={"format": format_name, "message_id": message_id, "why": detail},
        )


class SpotTooLong(ChecksFailed):
    check = checknames.SPOT_LENGTH
    code = "spot.too-long"

    def __init__(
        self,
        *,
        spot_id: str,
        language: str,
        measured_s: float,
        booked_s: float,
        fits: str = "",
        what: str = "speech",
        voice_fix: str = "",
        number: Mapping[str, float] | None = None,
    ):
        """voice_fix: what to change in the voice before cutting words (its digits too slow),
        ending in ", or "; number: what was measured of the spoken number."""
        self.measured_s = measured_s
        super().__init__(
            f"spot '{spot_id}' [{language}] {what} runs {measured_s:.2f} s even at the fastest natural pace, "
            f"longer than the booked {booked_s:g} s allows - {voice_fix}shorten the script{fits}",
            language=language,
            target=spot_id,
            detail={
                "spot": spot_id,
                "measured_s": round(measured_s, 3),
                "booked_s": booked_s,
                **({"number": dict(number)} if number else {}),
            },
        )


class SpotCannotFill(ChecksFailed):
    """The speech, slowed and paused as far as still sounds natural and with everything the
    campaign lets the composer add, leaves more dead air than stations allow."""

    check = checknames.SPOT_LENGTH
    code = "spot.cannot-fill"

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
            detail={
                "spot": spot_id,
                "longest_s": round(longest_s, 3),
                "booked_s": booked_s,
                "dead_air_s": round(dead_air_s, 3),
                "tail_max_s": tail_max_s,
            },
        )


class DeadAir(ChecksFailed):
    """Silence at a spot's head, tail or inside it beyond what stations accept."""

    check = checknames.DEAD_AIR
    code = "spot.silence-at-end"


class VoiceUnavailable(ChecksFailed):
    """No engine the campaign names could speak this language here (offline, no voice)."""

    check = checknames.VOICE
    code = "voice.unavailable"


class RecordingUnusable(ChecksFailed):
    """A recording named in radio.recordings is missing or cannot be decoded."""

    check = checknames.RECORDING
    code = "recording.unusable"


class QrUnreadable(ChecksFailed):
    check = checknames.QR
    code = "qr.unreadable"


class WrongNumberPrinted(ChecksFailed):
    """The page as laid out would show a number that is not the configured one."""

    check = checknames.NUMBER
    code = "number.misprinted"


class PdfUnfaithful(ChecksFailed):
    """The PDF read back does not say what the page shows (text, fonts, the drawn page, the QR)."""

    check = checknames.PDF
    code = "pdf.unfaithful"


def describe_chars(chars: Sequence[str]) -> str:
    """Characters as a translator can look them up: code point and the character itself."""
    return ", ".join(f"U+{ord(c):04X} '{c}'" for c in chars)


class MissingGlyphsError(ChecksFailed):
    """Some characters have no glyph in any font the language's chain names."""

    check = checknames.GLYPHS
    code = "glyphs.missing"

    def __init__(self, *, format_name: str, language: str, message_id: str, chars: Sequence[str]):
        self.format_name = format_name
        self.chars = tuple(chars)
        super().__init__(
            f"{format_name} [{language}] message '{message_id}' has characters no font draws: "
            f"{describe_chars(chars)} - fix the translation or add a font to fonts/fonts.toml",
            language=language,
            message_id=message_id,
            target=format_name,
            detail={
                "format": format_name,
                "message_id": message_id,
                "characters": [f"U+{ord(c):04X}" for c in self.chars],
            },
        )


class OutputRefused(CampaignGenError):
    """--out points where output must never go (sources, a folder campaigngen did not make)."""

    code = "output.refused"


class PublishBusy(CampaignGenError):
    """Another publish of the same campaign holds the lock (exit 2: try again later)."""

    code = "publish.busy"


class PublishSuperseded(CampaignGenError):
    """A publish of a newer snapshot of the campaign finished while this one waited: the older
    snapshot is not published, so latest always ends at the newest (exit 2: publish again to
    release what is on disk now)."""


class NotARelease(CampaignGenError):
    """The folder has no release manifest (exit 2)."""

    code = "release.not-found"


class SignatureInvalid(ChecksFailed):
    """The release's manifest is not the one its key signed (exit 1)."""

    code = "release.signature-invalid"


class VersionExists(InputError):
    """The release version is taken (exit 2: pick another)."""

    code = "release.version-taken"


class PersonalDataFound(ChecksFailed):
    """A file about to be published carries a name, e-mail or local path (exit 1)."""

    code = "privacy.personal-data-in-files"


class GateRefused(ChecksFailed):
    """A check failed that nobody waived: nothing was published (exit 1)."""

    code = "publish.refused"

    def __init__(self, report: Report):
        self.report = report
        blocking = report.blocking
        languages = sorted({f.language for f in blocking})
        super().__init__(
            f"{len(blocking)} failing check(s) in {', '.join(languages)} - nothing was published; "
            f"fix them or record a waiver in campaign.toml",
            detail={"failing": [{"check": f.check, "code": f.code, "language": f.language} for f in blocking]},
        )


class DraftRefused(ChecksFailed):
    """A release holds no draft (exit 1)."""

    code = "publish.draft"

    def __init__(self, drafts: Sequence):
        tags = ", ".join(loc.tag for loc in drafts)
        super().__init__(
            f"{tags} would be DRAFT (unfinished or pseudo-locale) - a release holds no draft; "
            f"finish and review them, or leave them out with --lang",
            detail={"languages": [loc.tag for loc in drafts]},
        )
