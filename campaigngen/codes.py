"""Every code a finding or an error carries, with the sentence a person reads: the one list.

A code (``number.added``, ``layout.too-long``, ``config.invalid``) is stable: scripts, the
studio and the tests match on it, and a translation of the sentences would be keyed by it.
Findings also carry a check name (``checknames.py``): waivers name checks, not codes, and one
check may find several things (``contact-injection`` finds ``number.added`` and
``address.added``).

Each code's sentence is for the people who act on it, a translator or an outreach worker: no
setting names, file names of fonts, library names or language tags, only what happened and
what to do. ``{language}`` becomes the language's name ("Spanish") and ``{where}`` the piece
("the Letter poster", "the radio spot"); the technical detail (file, line, message id, the
measured values) travels beside it, in the finding's text and detail.

``python -m campaigngen.codes`` prints the list as docs/codes.md holds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from campaigngen import checknames as c


@dataclass(frozen=True)
class Code:
    name: str
    plain: str  # one sentence (or two) in the reader's words; may use {language} and {where}
    check: str | None = None  # the check a finding with this code belongs to (None: an error only)


_LIST = (
    # ---- translation: complete, reviewed, short enough
    Code("translation.untranslated", "This line is not translated into {language} yet: translate it.", c.UNTRANSLATED),
    Code(
        "translation.needs-review",
        "The {language} translation of this line is marked as needing review: a second person must check it "
        "and clear the mark.",
        c.FUZZY,
    ),
    Code(
        "review.unreviewed",
        "No trusted reviewer has approved this {language} text as it is now: a second person who reads it must "
        "read it and approve it.",
        c.REVIEW,
    ),
    Code(
        "review.list-untrusted",
        "The project's list of reviewers is not signed by a publisher you trust, so nobody on it counts as a "
        "reviewer: ask the publisher to sign it.",
        c.REVIEW,
    ),
    Code(
        "waiver.unbound",
        "A waiver written before waivers were tied to the text they accepted still lets this through: a person "
        "must confirm it for the text there now.",
    ),
    Code(
        "translation.too-long",
        "The {language} translation is longer than this line allows: shorten it.",
        c.MAX_LENGTH,
    ),
    Code(
        "translation.pseudo-locale",
        "{language} is a test language for checking layouts; it is never published.",
        c.PSEUDO_LOCALE,
    ),
    # ---- integrity: nothing smuggled in, nothing hidden
    Code(
        "placeholders.differ",
        "The {language} translation does not keep the parts in curly brackets, such as {{phone}}, exactly as "
        "the original has them: copy them unchanged.",
        c.PLACEHOLDERS,
    ),
    Code(
        "number.added",
        "The {language} translation adds a number the original does not have. Only the hotline's own number may "
        "appear, and campaigngen puts it in: remove the number.",
        c.CONTACT_INJECTION,
    ),
    Code(
        "address.added",
        "The {language} translation adds a web address, e-mail address or messenger contact the original does not "
        "have. Readers must only be sent to the hotline: remove it.",
        c.CONTACT_INJECTION,
    ),
    Code(
        "text.hidden-characters",
        "The {language} translation contains invisible characters that can hide or reorder text: retype it "
        "without them.",
        c.INVISIBLE,
    ),
    Code(
        "text.look-alike-letters",
        "A word in the {language} translation mixes in letters of another alphabet that look the same: retype it "
        "with the language's own keyboard.",
        c.HOMOGLYPHS,
    ),
    Code(
        "text.punctuation",
        "The punctuation or spacing of the {language} translation differs from the original: check it.",
        c.PUNCTUATION,
    ),
    Code(
        "privacy.personal-data",
        "A {language} line contains a person's name, a computer's name or a folder on this computer: take it out. "
        "Published material carries no personal data.",
        c.PERSONAL_DATA,
    ),
    # ---- reading level, on paper
    Code(
        "reading.long-sentence",
        "A {language} sentence is longer than a reader with little practice can follow: split it or cut words.",
        c.READING_LEVEL,
    ),
    Code(
        "reading.long-sentences",
        "The {language} sentences are long on average: make them shorter.",
        c.READING_LEVEL,
    ),
    Code(
        "reading.hard-text",
        "The {language} text reads as hard: use shorter words and sentences.",
        c.READING_LEVEL,
    ),
    Code(
        "reading.uncalibrated",
        "No {language} texts have set the reading-level limits yet: someone who reads {language} "
        "judges the text, and their name goes on a waiver.",
        c.READING_LEVEL,
    ),
    Code(
        "reading.long-words",
        "The {language} text uses long words: use shorter, everyday ones.",
        c.READING_LEVEL,
    ),
    Code(
        "reading.uncommon-words",
        "The {language} text uses words many readers may not know: use everyday words.",
        c.READING_LEVEL,
    ),
    Code(
        "reading.too-many-lines",
        "The {language} flyer has more lines than a reader takes in at a glance: keep the few that matter.",
        c.READING_LEVEL,
    ),
    Code(
        "reading.not-measured",
        "A {language} line is not translated yet, so how easy it is to read cannot be judged.",
        c.READING_LEVEL,
    ),
    # ---- reading level, on air
    Code(
        "speech.too-much-text",
        "The {language} radio script has more to say than fits its time at a plain pace: cut text.",
        c.READING_LEVEL_SPEECH,
    ),
    Code(
        "speech.long-sentence",
        "A spoken {language} sentence is too long to follow when heard once: split it.",
        c.READING_LEVEL_SPEECH,
    ),
    Code(
        "speech.not-measured",
        "Some {language} lines of the radio script are not translated yet and were not measured.",
        c.READING_LEVEL_SPEECH,
    ),
    # ---- print
    Code(
        "glyphs.missing",
        "Some characters of the {language} text cannot be printed: they would show as empty boxes. Correct the "
        "text, or ask for a font that has them.",
        c.GLYPHS,
    ),
    Code(
        "layout.too-long",
        "A {language} line does not fit on {where}, even in the smallest type allowed: shorten it.",
        c.LAYOUT_FIT,
    ),
    Code(
        "layout.too-small",
        "A {language} line would print on {where} smaller than the smallest type allowed: shorten it.",
        c.LAYOUT_FIT,
    ),
    Code(
        "layout.line-left-out",
        "{where} in {language} leaves a line out, because not every line fits on two pages: shorten the text or "
        "make two sheets.",
        c.SHEET_MESSAGES,
    ),
    Code(
        "number.misprinted",
        "{where} in {language} would show a phone number that is not the hotline's: check the text around the number.",
        c.NUMBER,
    ),
    Code(
        "number.spoken-extra",
        "{where} in {language} would say a number that is neither the hotline's nor in the original line: remove "
        "it from the translation.",
        c.NUMBER,
    ),
    Code(
        "qr.unreadable",
        "The QR code for the campaign's web address cannot be read back at the size it is printed: use a "
        "shorter address.",
        c.QR,
    ),
    Code(
        "pdf.unfaithful",
        "The print file of {where} in {language} does not match the page as drawn. This is a fault in "
        "campaigngen: report it.",
        c.PDF,
    ),
    Code(
        "logo.low-resolution",
        "A logo would print blurred on {where}: use a larger picture, or a drawing that scales.",
        c.LOGO_RESOLUTION,
    ),
    Code(
        "brand.low-contrast",
        "One of the campaign's colours is too light for the white text printed on it: choose a darker colour.",
        c.BRAND_CONTRAST,
    ),
    Code(
        "print.ink-limit",
        "A colour or picture takes more ink on one spot than the press can dry: choose a lighter one, or ask the "
        "print shop for its limit.",
        c.PRINT_COLOUR,
    ),
    Code(
        "print.colour-shift",
        "A campaign colour will look noticeably different when printed on a press: check a printed proof, or "
        "choose a colour the press can print.",
        c.PRINT_COLOUR,
    ),
    # ---- digital
    Code(
        "digital.sms-segments",
        "A language's text message is longer than the SMS segments the campaign allows: shorten the lines it "
        "says, or allow more segments.",
        c.TEXT_MESSAGE,
    ),
    Code(
        "digital.video-loudness",
        "The {language} video's sound misses the loudness streaming platforms play at, or peaks too high; the "
        "detail says what was measured.",
        c.AUDIO,
    ),
    Code(
        "digital.video-encode",
        "The {language} video could not be encoded on this computer; the detail says what the encoder said: "
        "ask whoever looks after this computer to check the video encoder.",
        None,
    ),
    # ---- radio
    Code(
        "spot.too-long",
        "The {language} radio spot is too long for its booked time, even read at the fastest natural pace: "
        "shorten the script or book a longer spot.",
        c.SPOT_LENGTH,
    ),
    Code(
        "spot.cannot-fill",
        "The {language} radio spot is too short to fill its booked time without long silences: lengthen the "
        "script or book a shorter spot.",
        c.SPOT_LENGTH,
    ),
    Code("spot.silent", "The {language} radio spot has no sound: check its voice or recording.", c.DEAD_AIR),
    Code(
        "spot.silence-at-start",
        "The {language} radio spot starts with more silence than stations accept.",
        c.DEAD_AIR,
    ),
    Code(
        "spot.silence-at-end",
        "The {language} radio spot ends with more silence than stations accept; their automation would cut it short.",
        c.DEAD_AIR,
    ),
    Code(
        "spot.silence-inside",
        "The {language} radio spot has a pause long enough to set off a station's silence alarm.",
        c.DEAD_AIR,
    ),
    Code(
        "spot.not-made",
        "The {language} radio spot will not be made: no voice here can read it and it was not asked to be read "
        "live. Ask stations to read it live, or import a recording.",
        c.VOICE,
    ),
    Code(
        "traffic.no-contact",
        "Stations airing the spots have nobody to ask: name a person with a phone or e-mail for them.",
        c.TRAFFIC_CONTACT,
    ),
    Code(
        "setting.no-effect",
        "A radio setting changed nothing: the detail says which, and why.",
        c.NO_EFFECT,
    ),
    Code(
        "audio.mp2-unavailable",
        "The MP2 copy of the spots cannot be made on this computer: install the MP2 encoder, or do without MP2.",
        c.AUDIO,
    ),
    Code(
        "voice.unavailable",
        "No voice on this computer can read the {language} spot aloud: import a recording of a person, or let "
        "the station read the script live.",
        c.VOICE,
    ),
    Code(
        "recording.unusable",
        "The {language} recording for the radio spot cannot be used: record it again, or fix where it is kept.",
        c.RECORDING,
    ),
    Code(
        "audio.wrong-length",
        "The {language} radio spot is not exactly its booked length; stations reject it.",
        c.AUDIO,
    ),
    Code("audio.sample-rate", "The {language} radio spot is not in the sound quality stations expect.", c.AUDIO),
    Code("audio.bit-depth", "The {language} radio spot is not in the sound quality stations expect.", c.AUDIO),
    Code("audio.channels", "The {language} radio spot has more sound channels than stations take.", c.AUDIO),
    Code(
        "audio.loudness",
        "The {language} radio spot cannot be brought to the loudness stations require; the detail says what was "
        "measured.",
        c.AUDIO,
    ),
    Code("audio.true-peak", "The {language} radio spot has peaks louder than stations allow.", c.AUDIO),
    Code(
        "audio.short-term-loudness",
        "A moment of the {language} radio spot is louder than stations allow in short spots.",
        c.AUDIO,
    ),
    # ---- the campaign as a whole
    Code(
        "contact.unfilled",
        "The hotline's phone number or web address is not filled in yet: fill them in; nothing is made without them.",
        c.CONTACT,
    ),
    Code(
        "check.failed",
        "Something in {where} in {language} did not pass a check; the detail says what.",
        None,
    ),
    # ---- errors: input that cannot be used, a machine that refuses (exit 2)
    Code(
        "input.unusable",
        "A file campaigngen was given cannot be used as it is; the detail says which one and what to change.",
    ),
    Code(
        "input.not-a-file",
        "Something that is not an ordinary file (a pipe or a device) stands where a file should be: put the real "
        "file there.",
    ),
    Code(
        "input.too-large",
        "A file is far larger than a file of its kind ever is: check that it is the right file.",
    ),
    Code(
        "config.invalid",
        "The campaign settings have a mistake; the detail names the line and what to write instead.",
    ),
    Code(
        "config.unknown-key",
        "The campaign settings name a setting campaigngen does not know, perhaps misspelt; the detail names it "
        "and the ones it could be.",
    ),
    Code(
        "catalog.unusable",
        "A translation file has a mistake that stops it being read; the detail names the line. Open it in a "
        "translation editor and fix that line.",
    ),
    Code(
        "catalog.out-of-date",
        "The translation file for this language is missing, or older than the campaign's messages: update the "
        "translation files, then try again.",
    ),
    Code(
        "catalog.changed",
        "The translation file was changed by someone else since you opened it. Nothing was saved: reload it and "
        "make your change again.",
    ),
    Code("fonts.invalid", "The list of fonts has a mistake; the detail names it."),
    Code(
        "model.unusable",
        "A translation model file is damaged or is not a translation model: download it again.",
    ),
    Code("voice.unusable", "A voice file is damaged or incomplete: copy the voice's files again."),
    Code("key.unusable", "A signing key file cannot be used: use the files 'campaigngen keys new' made."),
    Code("campaign.not-found", "There is no campaign by that name here: check the spelling, or start one."),
    Code("language.unknown", "That language is not known: check how it is written."),
    Code(
        "language.unsupported",
        "Text in that language cannot be judged yet; campaigngen never guesses.",
    ),
    Code(
        "setup.missing",
        "Something campaigngen needs is not installed on this computer; the detail says what and how to add it.",
    ),
    Code(
        "setup.invalid",
        "A setting of this computer (an environment variable) has a value campaigngen cannot use; the detail names it.",
    ),
    Code("setup.broken-font", "A font file on this computer is damaged: install it again."),
    Code(
        "system.refused",
        "The computer refused to save a file (the disk may be full, or the folder read-only); the detail says where.",
    ),
    Code(
        "network.unavailable",
        "An online service could not be reached in time: try again when connected; all else works offline.",
    ),
    Code("output.refused", "Output cannot go to that folder: choose another one."),
    Code("build.missing", "There is nothing built yet to show: build the campaign first."),
    Code("build.incomplete", "Some pieces could not be made; the rest were. The check report says why."),
    Code("publish.busy", "Another build or publication of this campaign is running: try again when it ends."),
    Code(
        "publish.refused",
        "Nothing was published: some checks failed and nobody accepted them. Fix them, or record who accepts "
        "each and why.",
    ),
    Code(
        "publish.draft",
        "Nothing was published: some languages are not finished and reviewed. Finish them, or leave them out.",
    ),
    Code(
        "privacy.personal-data-in-files",
        "A file about to be published contains personal data (a name, an e-mail address or a folder on this "
        "computer); nothing was published.",
    ),
    Code("release.not-found", "That folder is not a published release."),
    Code("release.version-taken", "A release with that version exists already; releases are never overwritten."),
    Code(
        "release.changed",
        "Files of the release are missing, changed or added since it was published: do not use them; ask for the "
        "release again.",
    ),
    Code(
        "release.signature-invalid",
        "The release is not the one its publisher signed: do not use it; ask for the release again.",
    ),
    Code(
        "release.untrusted-key",
        "The release was not signed by a publisher you trust: do not use it until you have checked who made it.",
    ),
    Code("release.withdrawn", "The publisher withdrew this release: do not use it; ask for the current one."),
    Code(
        "release.latest-moved",
        "The store's 'latest' does not point at the newest release: someone moved it, or a publish was interrupted.",
    ),
)

CODES: Mapping[str, Code] = MappingProxyType({code.name: code for code in _LIST})


class _Blank(dict):
    """Template values; a value a sentence asks for but nobody gave reads as a neutral phrase."""

    _NEUTRAL = {"language": "this language", "where": "this piece"}

    def __missing__(self, key: str) -> str:
        return self._NEUTRAL.get(key, "")


def plain(code: str, values: Mapping[str, str] | None = None) -> str:
    """The code's sentence with {language} and {where} filled in (human words, never tags)."""
    sentence = CODES[code].plain.format_map(_Blank(values or {}))
    return sentence[:1].upper() + sentence[1:]


def markdown() -> str:
    """The list as docs/codes.md holds it."""
    lines = [
        "# Finding and error codes",
        "",
        "Every finding (`campaigngen check`) and every error carries a stable code, a sentence in",
        "the reader's words and the technical detail (file, line, message id, measured values).",
        "`check --json` and `status --json` print all three; the terminal prints the technical line;",
        "the studio shows the sentence with the detail one click away. Waivers name the check, not",
        "the code. This page is generated from `campaigngen/codes.py` (`python -m campaigngen.codes`).",
        "",
        "| code | check (for waivers) | what the reader is told |",
        "|---|---|---|",
    ]
    for code in _LIST:
        sentence = code.plain.replace("{{", "{").replace("}}", "}")
        lines.append(f"| `{code.name}` | {f'`{code.check}`' if code.check else '(error)'} | {sentence} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown())
