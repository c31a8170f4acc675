"""The name of every check, as findings carry it and as a waiver in campaign.toml names it.

Defined here, below every stage (like exceptions.py), so the campaign's waivers are validated when it
is loaded (a misspelt check name would otherwise waive nothing, silently); each check
module takes its name from this list.
"""

from __future__ import annotations

# translation completeness and length
UNTRANSLATED = "untranslated"
FUZZY = "fuzzy"
MAX_LENGTH = "max-length"
# integrity of a translation
PLACEHOLDERS = "placeholders"
CONTACT_INJECTION = "contact-injection"
INVISIBLE = "invisible-characters"
HOMOGLYPHS = "homoglyphs"
PUNCTUATION = "punctuation"
# reading level
READING_LEVEL = "reading-level"
READING_LEVEL_SPEECH = "reading-level-speech"
# print
GLYPHS = "glyphs"
LAYOUT_FIT = "layout-fit"
QR = "qr"
NUMBER = "number"  # the number as laid out on the page is the configured one
PDF = "pdf"  # the PDF read back: text, embedded fonts, the page as the PNG shows it
PRINT_COLOUR = "print-colour"  # a colour that moves visibly on the way to CMYK (a warning)
SHEET_MESSAGES = "sheet-messages"  # a multilingual sheet that could keep a message only by leaving it out
LOGO_RESOLUTION = "logo-resolution"  # a PNG logo under 300 dpi at the size a format prints it
BRAND_CONTRAST = "brand-contrast"  # a brand colour under 4.5:1 against the text drawn on it
# digital
TEXT_MESSAGE = "text-message"  # the SMS/WhatsApp text longer than the segments the campaign allows
# radio
SPOT_LENGTH = "spot-length"
VOICE = "voice"
RECORDING = "recording"
AUDIO = "audio"
DEAD_AIR = "dead-air"  # silence at the head, the tail or inside a spot, as a station's detector sees it
TRAFFIC_CONTACT = "traffic-contact"  # spots published with nobody named for stations to ask
# the campaign and the release
CONTACT = "contact"
PSEUDO_LOCALE = "pseudo-locale"
PERSONAL_DATA = "personal-data"
NO_EFFECT = "no-effect"  # a setting that changed nothing (a notice, never a failure)
REVIEW = "review"  # every published text approved by a trusted second person, over its exact content

ALL = (
    UNTRANSLATED,
    FUZZY,
    MAX_LENGTH,
    PLACEHOLDERS,
    CONTACT_INJECTION,
    INVISIBLE,
    HOMOGLYPHS,
    PUNCTUATION,
    READING_LEVEL,
    READING_LEVEL_SPEECH,
    GLYPHS,
    LAYOUT_FIT,
    QR,
    NUMBER,
    PDF,
    PRINT_COLOUR,
    SHEET_MESSAGES,
    LOGO_RESOLUTION,
    BRAND_CONTRAST,
    TEXT_MESSAGE,
    SPOT_LENGTH,
    VOICE,
    RECORDING,
    AUDIO,
    DEAD_AIR,
    TRAFFIC_CONTACT,
    CONTACT,
    PSEUDO_LOCALE,
    PERSONAL_DATA,
    NO_EFFECT,
    REVIEW,
)

# No person may accept these: a missing hotline, a pseudo-locale, unreviewed or broken text
# and personal data are never published, whatever a waiver says.
NOT_WAIVABLE = frozenset({UNTRANSLATED, FUZZY, PLACEHOLDERS, CONTACT, NUMBER, PSEUDO_LOCALE, PERSONAL_DATA, REVIEW})
WAIVABLE = tuple(name for name in ALL if name not in NOT_WAIVABLE)
