"""A new campaign an outreach worker can fill in without reading the docs."""

from __future__ import annotations

from pathlib import Path

from campaigngen.atomic import write_bytes_atomic
from campaigngen.exceptions import InputError
from campaigngen.sources.campaign import CONFIG_NAME, MESSAGE_ID_RE
from campaigngen.sources.languages import language

TEMPLATE = """\
# Campaign "{name}". Fill in the parts marked FILL IN, then run:
#   campaigngen extract {name}     (makes the files translators edit, in locales/)
#   campaigngen check {name}       (says what is missing)
#   campaigngen build {name}       (makes flyers and radio spots in output/)

id = "{name}"
name = "{title}"          # a title for people; not printed on the flyer
source_language = "en"    # the language the messages below are written in
# The languages to make material in (BCP 47 tags: es, vi, zh-Hans, ar, ...).
languages = [{languages}]

# Contact details live here only. Messages say {{phone}}, {{url}}, {{text_number}},
# {{text_keyword}}; the real values are put in when flyers and spots are made.
# Nothing is built until phone and url are filled in: `campaigngen check` says so.
[contact]
phone = ""     # FILL IN: the number people call, as it is dialled, e.g. "1-800-555-0100"
url = ""       # FILL IN: what the QR code opens, e.g. "https://example.org/help"
region = "US"  # the country the number is dialled in (ISO 3166 code: US, CA, GB, MX ...)

# Optional: a text (SMS) line. Uncomment and fill in if there is one; flyers in
# languages it does not answer in will say "call", not "text".
# [contact.text_line]
# number = "233733"          # the short code
# keyword = "HELP"           # the word people send
# languages = ["en", "es"]   # the languages the text line answers in

# Messages: short and plain. One idea each. A 4th-6th grade reader should
# understand them in a few seconds. Translators see the "context" note.
[messages.headline]
text = "Is someone forcing you to work?"   # FILL IN
context = "Flyer headline and first line of the radio spot."
max_length = 60

[messages.help]
text = "You can get help."
context = "Body line."
max_length = 50

[messages.call]
text = "Call {{phone}}"
context = "Call to action. Keep {{phone}} exactly once."
max_length = 40

[messages.scan]
text = "Scan for more help"
context = "Caption under the QR code."
max_length = 40

[messages.again]
text = "Again: call {{phone}}"
context = "Radio only: the number said a second time, at the end."
max_length = 40

# Which messages go where on the flyer, and which paper sizes to make:
# letter, a4, tabloid (11x17 in), tearoff (Letter with tear-off tabs),
# wallet (card / restroom sticker).
[flyer]
formats = ["letter", "a4"]
headline = "headline"
body = ["help"]
action = ["call"]
qr_caption = "scan"

# Your organization on the flyers (all optional). Logos are PNG (300 dpi at the size
# printed: about 1.5 in wide on Letter) or SVG. Pictograms: list only what your hotline
# really offers (phone, free, 24h, confidential, language).
# [brand]
# organization = "Your organization"
# hotline_name = "Your hotline's name"
# logo = "logo.svg"
# partner_logos = ["partner.png"]
# pictograms = ["phone", "confidential"]
#
# [brand.colours]   # white text goes on band and panel: keep them dark (4.5:1 or more)
# band = "#12345b"
# panel = "#0c5460"
# accent = "#f2a900"

# Radio spots: the booked length in seconds and the messages read, in order. The number
# is spelled digit by digit: said once in a :10 or :15 tag, twice from :20 up. With the
# messages above a spot can be {lengths} s (a tag: script = {tag_script});
# a :60 needs more lines. `campaigngen check` says which booking a script fits.
[[spots]]
id = "30s"
seconds = 30
script = ["headline", "help", "call", "again"]

[radio]
preset = "ebu-r128"   # ebu-r128, atsc-a85, prss or streaming: ask the station

# Who stations ask about the spots: publishing needs it (or a waiver).
[traffic]
contact = ""   # FILL IN: a name and a phone or e-mail for stations' traffic desks

# A person may accept a failing check, with a reason:
# [[waivers]]
# check = "reading-level"
# language = "es"
# message = "help"
# by = "Coordinator name"
# reason = "Why this is acceptable"
# date = 2026-01-31
"""


# The booked lengths the template's own messages can fill (a :10 or :15 with TAG_SCRIPT, the
# others with the template's spot script); tests/test_radio_tags.py makes each in English and
# shows the :60 cannot be, so the template never offers a length that cannot exist.
TEMPLATE_LENGTHS = (10, 15, 20, 30)
TAG_SCRIPT = '["help", "call"]'


def scaffold_text(name: str, languages: list[str]) -> str:
    """The commented campaign.toml a new campaign starts from."""
    if not MESSAGE_ID_RE.match(name):
        raise InputError(
            None,
            f"campaign name '{name}' may use only lower-case letters, digits, '-', '_', '.'",
            hint="e.g. campaigngen new laundromat-2027",
        )
    for tag in languages:
        language(tag)
    title = name.replace("-", " ").replace("_", " ").capitalize()
    return TEMPLATE.format(
        name=name,
        title=title,
        languages=", ".join(f'"{t}"' for t in languages),
        lengths=", ".join(str(s) for s in TEMPLATE_LENGTHS[:-1]) + f" or {TEMPLATE_LENGTHS[-1]}",
        tag_script=TAG_SCRIPT,
    )


def scaffold(content_dir: Path, name: str, languages: list[str]) -> Path:
    text = scaffold_text(name, languages)
    folder = content_dir / name
    config = folder / CONFIG_NAME
    if config.exists():
        raise InputError(config, "already exists", hint="pick another name or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(config, text.encode("utf-8"))
    return config
