"""campaign.toml, declared: every setting once, with its type, default, documentation and form.

This one declaration is what the loader checks (``sources/campaign.py``), what ``campaigngen
new`` writes as its commented template (``sources/template.py``) and what the studio's
campaign form shows (``studio/settings.py``). A new setting is one entry here, then the line
in its concept's reader that uses it. A renamed one keeps its old name as ``Renamed("new")``
so files written before still load (with a one-line notice); see docs/architecture.md.

``doc`` is the template's comment; ``form`` is how the studio shows it (``HIDDEN``: a setting
edited elsewhere in the studio, or not yet there); ``example`` is what ``campaigngen new``
writes (a setting without one is written commented out, with its default).
"""

from __future__ import annotations

import datetime as dt

from campaigngen.sources.brand import HEX_COLOUR, PICTOGRAMS
from campaigngen.sources.broadcast import CHANNEL_LAYOUTS, DEFAULT_FILL, ENGINES, FILLERS, MONO, PRESETS
from campaigngen.sources.languages import Tag
from campaigngen.sources.messages import MAX_MESSAGE_CHARS, MESSAGE_ID_RE, SOURCE_TEXT_ALLOWED
from campaigngen.sources.paper import FORMATS, PRINT_COLOURS
from campaigngen.sources.schema import (
    ArrayOf,
    Boolean,
    Choice,
    Date,
    Digits,
    Form,
    Integer,
    ListOf,
    MapOf,
    Number,
    Raw,
    Schema,
    StationTime,
    Table,
    Text,
)
from campaigngen.sources.share_cards import SHAPES as SHARE_CARD_SHAPES
from campaigngen.sources.spots import (
    BIT_DEPTHS,
    ID3_VERSIONS,
    LIVE_READ_CARDS,
    MP2_BITRATES,
    MP3_BITRATES,
    SAMPLE_RATES,
    SPOT_LENGTHS,
)
from campaigngen.sources.traffic import SPOT_CODE_RE, kill_not_before_start

# The booked lengths the template's own messages can fill (a :10 or :15 with TAG_SCRIPT, the
# others with the template's spot script); tests/test_radio_tags.py makes each in English and
# shows the :60 cannot be, so the template never offers a length that cannot exist.
TEMPLATE_LENGTHS = (10, 15, 20, 30)
TAG_SCRIPT = '["help", "call"]'

HIDDEN = Form("", widget="none")
_ID_CHARS = "may use only lower-case letters, digits, '-', '_', '.'"
_SAMPLE = "content/help-is-here/campaign.toml"

CONTACT = Table(
    {
        "phone": Text(
            'FILL IN: the number people call, as it is dialled, e.g. "1-800-555-0100"',
            required=True,
            default="",
            example="",
            form=Form("Phone number, as it is dialled", placeholder="1-888-373-7888"),
        ),
        "url": Text(
            'FILL IN: what the QR code opens, e.g. "https://example.org/help"',
            required=True,
            default="",
            strip=True,
            example="",
            form=Form("Web address the QR code opens", placeholder="https://example.org/help"),
        ),
        "region": Text(
            "the country the number is dialled in (ISO 3166 code: US, CA, GB, MX ...)",
            default="US",
            example="US",
            scaffold=True,
            form=Form("Country the number is dialled in", size=4),
        ),
        "text_line": Table(
            {
                "number": Digits(
                    "the short code",
                    required=True,
                    default="",
                    pattern=r"[0-9]{3,8}",
                    example="233733",
                    says={
                        "pattern": (
                            "contact.text_line.number '{value}' must be 3 to 8 digits",
                            "a text line is a short code like 233733",
                        )
                    },
                    form=Form("Short code", size=8),
                ),
                "keyword": Text(
                    "the word people send",
                    required=True,
                    default="",
                    pattern=r"[0-9A-Za-z]{1,20}",
                    example="HELP",
                    says={
                        "pattern": (
                            "contact.text_line.keyword '{value}' must be one word of Latin letters or digits",
                            "e.g. BeFree",
                        )
                    },
                    form=Form("Keyword people send", size=12),
                ),
                "languages": ListOf(
                    Tag(says={"type": "'{path}' must hold language tags in quotes, not {kind}"}),
                    "the languages the text line answers in",
                    default=[],
                    example=["en", "es"],
                    form=Form("Languages it answers in (comma-separated tags)"),
                ),
            },
            "Optional: a text (SMS) line. Uncomment and fill in if there is one; flyers in\n"
            'languages it does not answer in will say "call", not "text".',
            title="Text (SMS) line",
            default=None,
        ),
        "ask_language": Text(
            "a message with {language_en}: name your language in English to get an interpreter "
            "(under the number on flyers, after it in spots); none: no interpreters",
            example="ask",
            form=HIDDEN,
        ),
    },
    "Contact details live here only. Messages say {phone}, {url}, {text_number},\n"
    "{text_keyword} and {language_en} (the reader's language named in English, from the\n"
    "language registry); the real values are put in when flyers and spots are made.\n"
    "Nothing is built until phone and url are filled in: `campaigngen check` says so.",
    title="Hotline",
    required=True,
)

MESSAGE = Table(
    {
        "text": Text(
            "what it says, in the source language",
            required=True,
            default="",
            strip=True,
            allowed=SOURCE_TEXT_ALLOWED,
            limit=MAX_MESSAGE_CHARS,
            blank="problem",
            says={"empty": "message '{where[1]}' has empty text"},
            form=Form("Text (English)", widget="textarea"),
        ),
        "context": Text(
            "a note translators see",
            allowed=SOURCE_TEXT_ALLOWED,
            limit=1000,
            form=Form("Note for translators", widget="textarea"),
        ),
        "max_length": Integer(
            "the most characters a translation may have",
            minimum=1,
            says={"range": "message '{where[1]}' max_length must be positive"},
            form=Form("Max length", size=4),
        ),
    },
    shorthand="text",
    says={"type": "message '{key}' must be text or a table with text = ..."},
)

_SAMPLE_MESSAGES = {
    "headline": {
        "text": "Is someone forcing you to work?",
        "context": "Flyer headline and first line of the radio spot.",
        "max_length": 60,
    },
    "help": {"text": "You can get help.", "context": "Body line.", "max_length": 50},
    "call": {"text": "Call {phone}", "context": "Call to action. Keep {phone} exactly once.", "max_length": 40},
    "scan": {"text": "Scan for more help", "context": "Caption under the QR code.", "max_length": 40},
    "again": {
        "text": "Again: call {phone}",
        "context": "Radio only: the number said a second time, at the end.",
        "max_length": 40,
    },
}

FLYER = Table(
    {
        "formats": ListOf(
            Choice(
                FORMATS,
                labels=lambda name: FORMATS[name].description,
                says={"choice": ("flyer format '{value}' is unknown", "use {choices}")},
            ),
            "paper sizes: " + ", ".join(FORMATS),
            unique="error",
            default=["letter", "a4"],
            example=["letter", "a4"],
            scaffold=True,
            says={"repeated": "flyer format '{value}' is listed twice"},
            form=Form("Flyer formats", widget="checkboxes"),
        ),
        "headline": Text("the message set largest, first", example="headline", scaffold=True, form=HIDDEN),
        "body": ListOf(
            Text(), "the messages under it, in order", default=[], example=["help"], scaffold=True, form=HIDDEN
        ),
        "action": ListOf(Text(), "what to do: call, text", default=[], example=["call"], scaffold=True, form=HIDDEN),
        "qr_caption": Text("the line under the QR code", example="scan", scaffold=True, form=HIDDEN),
        "multilingual": ListOf(
            Raw(),
            "Letter sheets in several languages",
            default=[],
            example=[["en", "es"]],
            form=Form(
                "Multilingual sheets: one per line, its 2 to 4 languages by name, comma-separated", widget="sheets"
            ),
        ),
    },
    "Which messages go where on the flyer, and which paper sizes to make:\n"
    "letter, a4, tabloid (11x17 in), tearoff (Letter with tear-off tabs),\n"
    "wallet (card / restroom sticker).",
    title="Flyer",
    scaffold=True,
)

BRAND = Table(
    {
        "organization": Text(
            "your organization, shown small beside the QR code",
            form=Form("Organization (shown beside the QR code)"),
            strip=True,
            limit=80,
            blank="none",
            example="Your organization",
        ),
        "hotline_name": Text(
            "shown under the number, as written",
            form=Form("Hotline's name (shown under the number)"),
            strip=True,
            limit=80,
            blank="none",
            example="Your hotline's name",
        ),
        "logo": Text(
            "PNG or SVG, relative to campaign.toml",
            form=Form("Logo file (PNG or SVG in the campaign's folder; or upload one under Logo below)"),
            blank="problem",
            example="logo.svg",
            says={"empty": ("'{path}' is empty", "give a PNG or SVG file's path")},
        ),
        "partner_logos": ListOf(
            Text(
                blank="problem",
                says={
                    "type": "brand.partner_logos must list file paths in quotes",
                    "empty": ("'{path}' is empty", "give a PNG or SVG file's path"),
                },
            ),
            "at the end of the QR row on posters",
            form=Form("Partner logos (files, comma-separated)"),
            default=[],
            example=["partner.png"],
        ),
        "pictograms": ListOf(
            Choice(PICTOGRAMS, says={"choice": ("unknown pictogram '{value}'", "use {choices}")}),
            "drawn in this order; only what the hotline really offers",
            unique="error",
            default=[],
            example=["phone", "confidential"],
            says={"repeated": "pictogram '{value}' is listed twice"},
            form=Form("Pictograms", widget="checkboxes"),
        ),
        "colours": Table(
            {
                key: Text(
                    doc,
                    pattern=HEX_COLOUR,
                    example=sample,
                    problem=(
                        f'brand.colours.{key} must be a colour like "#12345b"',
                        "write it as # and six hexadecimal digits",
                    ),
                    form=Form(label, widget="colour"),
                )
                for key, doc, sample, label in (
                    ("band", "behind the language name (white text)", "#12345b", "Band behind the language name"),
                    ("panel", "behind the number (white text)", "#0c5460", "Panel behind the number"),
                    ("accent", "the rule under the headline (no text on it)", "#f2a900", "Accent rule"),
                )
            },
            "White text goes on band and panel: keep them dark (4.5:1 or more).",
            title="Colours",
        ),
    },
    "Your organization on the flyers (all optional). Logos are PNG (300 dpi at the size\n"
    "printed: about 1.5 in wide on Letter) or SVG. Pictograms: list only what your hotline\n"
    "really offers (" + ", ".join(PICTOGRAMS) + ").",
    title="Brand",
)

SPOT = Table(
    {
        "id": Text(
            "how findings, waivers and traffic codes name it (default: its length, 30s)",
            pattern=MESSAGE_ID_RE,
            says={"pattern": "spot id '{value}' " + _ID_CHARS},
            form=Form("Spot", size=6, fixed=True),
        ),
        "seconds": Integer(
            "the booked length: " + ", ".join(map(str, SPOT_LENGTHS)),
            required=True,
            choices=SPOT_LENGTHS,
            says={"choice": ("spot length {value} s is not one stations book", "use {choices}")},
            form=Form("Length", widget="select"),
        ),
        "script": ListOf(
            Text(), "the messages read, in order", form=Form("Script", placeholder="headline, call, again")
        ),
    },
)

RADIO = Table(
    {
        "preset": Choice(
            PRESETS,
            "ebu-r128, atsc-a85, prss or streaming: ask the station",
            default="ebu-r128",
            example="ebu-r128",
            scaffold=True,
            labels=lambda name: f"{name}: {PRESETS[name].standard}",
            says={"choice": ("unknown radio preset '{value}'", "use one of {choices}")},
            form=Form("Loudness standard the station asked for"),
        ),
        "engines": MapOf(
            ListOf(
                Choice(ENGINES, says={"choice": ("unknown radio engine '{value}'", "use {choices}")}),
                single=True,
                nonempty=True,
                says={
                    "type": ("radio.engines.{key} must be a list of engine names", "use " + ", ".join(ENGINES)),
                    "empty": ("radio.engines.{key} must be a list of engine names", "use " + ", ".join(ENGINES)),
                },
            ),
            "Voices to try, by language tag or default: " + ", ".join(ENGINES) + ".",
            example={"default": ["espeak"]},
            form=HIDDEN,
        ),
        "recordings": MapOf(
            Text(blank="problem", problem="radio.recordings.{key} must be a file path in quotes"),
            "A person's reading, by language tag (WAV, FLAC or MP3, relative to campaign.toml).",
            example={"es": "recordings/es.wav"},
            form=HIDDEN,
        ),
        "music_bed": Text(
            "music under the last seconds (WAV, FLAC or MP3)",
            example="music/bed.wav",
            form=Form("Music bed (a file path)"),
        ),
    },
    title="Radio",
    scaffold=True,
)

DELIVERY = Table(
    {
        "channels": Choice(
            CHANNEL_LAYOUTS,
            'or "dual-mono" for stations whose playout takes only stereo',
            form=Form("Channels (dual-mono: for playout that takes only stereo)"),
            default=MONO,
            suggest=False,
            says={"choice": ("delivery.channels is '{value}'", "use " + " or ".join(repr(c) for c in CHANNEL_LAYOUTS))},
        ),
        "fill": ListOf(
            Choice(
                FILLERS,
                says={"choice": ("delivery.fill names '{value}', which the composer cannot add", "use {choices}")},
            ),
            "what may fill a booking the script cannot, in this order",
            unique="drop",
            default=list(DEFAULT_FILL),
            form=Form("What may fill a booking", widget="checkboxes"),
        ),
        "closing": Text(
            "a message spoken before the last number, when filling",
            example="again",
            form=Form("Closing line (a message id) when filling"),
        ),
        "live_read_cards": Choice(
            LIVE_READ_CARDS,
            'a card to read live: "unvoiced" (languages without audio) or "all"',
            form=Form("Live-read cards for"),
            default="unvoiced",
            suggest=False,
            says={
                "choice": ("delivery.live_read_cards is '{value}'", 'use "unvoiced" (languages without audio) or "all"')
            },
        ),
        "pronunciation": MapOf(
            Text(
                strip=True,
                allowed=SOURCE_TEXT_ALLOWED,
                limit=400,
                blank="problem",
                says={
                    "type": "delivery.pronunciation.{key} must be text in quotes",
                    "empty": "delivery.pronunciation.{key} must be text in quotes",
                },
            ),
            "A note for announcers, by language tag.",
            example={"es": "Say the digits one by one."},
            form=HIDDEN,
        ),
        "live_reads": ListOf(
            Text(),
            'spots stations read live: a language ("tl") or one spot of it ("tl/30s")',
            unique="drop",
            default=[],
            example=["tl"],
            form=Form("Read live on air (languages, or language/spot)"),
        ),
        "number_repeats": Raw(
            "how often the number is said: one count, or a table by booked length ({ 10 = 1, 30 = 2 })",
            example={"10": 1, "30": 2},
            form=HIDDEN,
        ),
        "sample_rate": Integer(
            "the WAV's sample rate (default: the loudness preset's)",
            choices=SAMPLE_RATES,
            form=Form("Sample rate (Hz)"),
            example=48000,
            says={"choice": ("delivery.sample_rate is {value}", "use " + ", ".join(map(str, SAMPLE_RATES)))},
        ),
        "bit_depth": Integer(
            "the WAV's bits per sample",
            choices=BIT_DEPTHS,
            default=16,
            form=Form("Bit depth"),
            says={"choice": ("delivery.bit_depth is {value}", "use " + ", ".join(map(str, BIT_DEPTHS)))},
        ),
        "mp3_bitrate": Integer(
            "the MP3's constant bitrate in kbps",
            choices=MP3_BITRATES,
            default=192,
            form=Form("MP3 bitrate (kbps)"),
            says={"choice": ("delivery.mp3_bitrate is {value}", "use " + ", ".join(map(str, MP3_BITRATES)))},
        ),
        "id3_version": Choice(
            ID3_VERSIONS,
            'the MP3 tags: "2.4", or "2.3" for older importers',
            default="2.4",
            suggest=False,
            form=Form("MP3 tag version (2.3 for older importers)"),
            says={"choice": ("delivery.id3_version is '{value}'", 'use "2.3" or "2.4"')},
        ),
        "mp2": Boolean(
            "an MPEG-1 Layer II copy beside the WAV and the MP3 (needs the mp2 extra)",
            default=False,
            form=Form("Also an MP2 file"),
        ),
        "mp2_bitrate": Integer(
            "the MP2's bitrate in kbps (default: 192 mono, 256 dual-mono)",
            choices=MP2_BITRATES,
            form=Form("MP2 bitrate (kbps)"),
            says={"choice": ("delivery.mp2_bitrate is {value}", "use " + ", ".join(map(str, MP2_BITRATES)))},
        ),
    },
    "How spots reach the air.",
    title="Delivery",
)

TRAFFIC = Table(
    {
        "advertiser": Text(
            "the organisation on the program log (default: the campaign's name)",
            form=Form("Advertiser on the program log"),
            strip=True,
            limit=120,
            blank="none",
            example="Your organization",
        ),
        "contact": Text(
            "FILL IN: who stations ask about the spots (a name and a phone or e-mail); publishing needs it",
            strip=True,
            limit=200,
            blank="none",
            example="",
            scaffold=True,
            form=Form("Who stations ask about the spots"),
        ),
        "start": StationTime(
            "first day the spots may air (or a station time: 2026-12-01T06:00:00)",
            form=Form("First day on air"),
            example=dt.date(2026, 12, 1),
            problem="traffic.start must be a date like 2026-12-01 or a station time like 2026-12-01T06:00:00 "
            "(no quotes, no offset)",
        ),
        "kill": StationTime(
            "last day: after it, stations take them off (or a station time: until then)",
            form=Form("Last day on air (the kill date)"),
            example=dt.date(2027, 5, 31),
            problem="traffic.kill must be a date like 2026-12-01 or a station time like 2026-12-01T06:00:00 "
            "(no quotes, no offset)",
        ),
        "code_prefix": Text(
            "spot codes: PREFIX-ES-030 (default: the campaign's initials)",
            form=Form("Spot code prefix (PREFIX-ES-030)"),
            pattern=r"[A-Z0-9]{2,8}",
            example="HIH",
            says={
                "pattern": (
                    "traffic.code_prefix '{value}' must be 2 to 8 capital letters or digits",
                    'e.g. code_prefix = "HIH"',
                )
            },
        ),
        "codes": MapOf(
            Text(
                pattern=SPOT_CODE_RE,
                problem=("traffic.codes.\"{key}\" must be 3 to 20 capital letters, digits or '-'", 'e.g. "HIH-ES-030"'),
            ),
            "A code of your own per spot (language/spot id).",
            example={"es/30s": "HIH0001ES30"},
            form=HIDDEN,
        ),
        "cuts": MapOf(
            Integer(
                minimum=1,
                maximum=99_999_999,
                problem=(
                    'traffic.cuts."{key}" must be a cut number from 1 to 99999999 (no quotes)',
                    "the number the station's automation files the spot under",
                ),
            ),
            "Numeric cut numbers, where a station's automation files spots by number (language/spot id).",
            example={"es/30s": 1001},
            form=HIDDEN,
        ),
    },
    "What a station's traffic department logs each spot by.",
    title="Traffic",
    scaffold=True,
    checks=(kill_not_before_start,),
)

PRINT = Table(
    {
        "colour": Choice(
            PRINT_COLOURS,
            '"cmyk" for a press (PDFs through the press profile); "rgb" for screens and office printers',
            default="rgb",
            suggest=False,
            says={"choice": ("print.colour is '{value}'", 'use "rgb" (screens, office printers) or "cmyk" (a press)')},
            form=Form("Colour: rgb (screens, office printers) or cmyk (a press)"),
        ),
        "ink_limit": Integer(
            "the most ink the press takes on one spot, in percent (300 coated, 260 uncoated: ask the shop)",
            minimum=100,
            maximum=400,
            default=300,
            says={"range": "print.ink_limit must be a whole number of percent from 100 to 400"},
            form=Form("Ink limit (%): the most ink the press takes on one spot"),
        ),
        "profile": Text(
            "the shop's CMYK press profile (.icc), relative to campaign.toml; none: a SWOP-like default",
            form=Form("Press profile (the .icc file from the print shop, in the campaign's folder)"),
            blank="problem",
            example="press.icc",
            says={"empty": ("'{path}' is empty", "give the shop's .icc file")},
        ),
        "output_condition": Text(
            "the registered press condition the profile is for, as the shop names it (FOGRA39, CGATS TR 006)",
            form=Form("Output condition (FOGRA39, CGATS TR 006...)"),
            strip=True,
            limit=80,
            blank="none",
            example="FOGRA39",
        ),
        "rich_black": Boolean(
            "large near-black areas printed in rich black (C, M, Y under the K); text and codes stay black ink",
            default=False,
            form=Form("Rich black for large dark areas"),
        ),
    },
    "How the PDFs are made for a printer.",
    title="Print",
)

TEXT_MESSAGE = Table(
    {
        "messages": ListOf(
            Text(),
            "the messages it says, in order (none listed: the flyer's headline and action lines)",
            default=[],
            example=["headline", "call"],
            form=HIDDEN,
        ),
        "url": Boolean(
            "the campaign's web address as its last line", default=True, form=Form("End with the web address")
        ),
        "discreet": Text(
            "a message that opens a discreet copy instead (what a lock-screen preview shows: nothing of "
            "trafficking or help); none: no discreet copy",
            example="discreet",
            form=HIDDEN,
        ),
        "segments": Integer(
            "the most SMS segments each text may take (1: one SMS, 160 GSM or 70 UCS-2 characters); 0: no limit",
            minimum=0,
            maximum=10,
            default=0,
            says={"range": "text_message.segments must be a whole number from 0 to 10"},
            form=Form("Most SMS segments per text (0: no limit)"),
        ),
    },
    "The one-message text for SMS and WhatsApp, in every language: text-message.txt and, with a\n"
    "discreet message, text-message-discreet.txt beside each language's flyers.",
    title="Text message",
)

SHARE_CARDS = Table(
    {
        "shapes": ListOf(
            Choice(SHARE_CARD_SHAPES, says={"choice": ("unknown share card shape '{value}'", "use {choices}")}),
            "the cards drawn for every language: a square 1080 x 1080 (feeds, chats) and a story "
            "1080 x 1920 (its top 250 and bottom 340 px left to the app); none listed: no cards",
            default=list(SHARE_CARD_SHAPES),
            example=["square", "story"],
            form=HIDDEN,
        ),
        "qr": Boolean("the QR code on the cards", default=True, form=Form("QR code on share cards")),
        "video": Boolean(
            "a captioned video of each spot (up to 60 s) on each card: the spot's audio at -14 LUFS, each "
            "line shown as it is spoken (video-<shape>-<spot>.mp4, its captions in .vtt beside it)",
            default=False,
            form=Form("Captioned videos of the spots"),
        ),
    },
    "Share cards for chats, groups and stories: card-square.png and card-story.png, each with its\n"
    "alt text beside it (.txt), in each language's folder.",
    title="Share cards",
)

REVIEW = Table(
    {
        "approvals": Integer(
            "how many different trusted reviewers must approve each line, over its exact text",
            minimum=1,
            maximum=9,
            default=1,
            says={"range": "review.approvals must be a whole number from 1 to 9"},
            form=Form("Reviewers who must approve each line"),
        ),
    },
    "Four eyes: nothing is published until a second person (a trusted reviewer, not the\n"
    "translator) approved each line over its exact text: campaigngen approve.",
    title="Review",
)

WAIVER = Table(
    {
        "check": Text("the check's name", required=True, default="", example="reading-level"),
        "language": Text(
            "a language tag, '*' for all, or a sheet like 'en+es+vi'", required=True, default="*", example="es"
        ),
        "message": Text("only this message (optional)", example="help"),
        "target": Text("only this format or spot (optional)", example="wallet"),
        "by": Text(
            "who accepted it",
            required=True,
            default="",
            strip=True,
            blank="problem",
            example="Coordinator name",
            says={
                "missing": (
                    "waiver for check '{entry[check]}' does not say who accepted it",
                    'add by = "name or role"',
                ),
                "empty": ("waiver for check '{entry[check]}' does not say who accepted it", 'add by = "name or role"'),
            },
        ),
        "reason": Text(
            "why the check may be waived",
            required=True,
            default="",
            strip=True,
            blank="problem",
            example="Why this is acceptable",
            says={
                kind: (
                    "waiver for check '{entry[check]}' has no reason",
                    "a person must write why the check may be waived (reason = ...)",
                )
                for kind in ("missing", "empty")
            },
        ),
        "date": Date(
            "when",
            required=True,
            example=dt.date(2026, 1, 31),
            problem="waiver for check '{entry[check]}' needs date = YYYY-MM-DD (no quotes)",
        ),
        "accepted_sha256": Text(
            "the SHA-256 of the text it accepted (campaigngen waive writes it): a changed text is not covered",
            pattern=r"^[0-9a-f]{64}$",
            says={
                "pattern": (
                    "waiver for check '{entry[check]}' has an accepted_sha256 that is not a SHA-256",
                    "remove the waiver and write it again with campaigngen waive",
                )
            },
        ),
    },
)

CAMPAIGN = Schema(
    Table(
        {
            "id": Text(
                "the campaign's folder name",
                required=True,
                default="",
                pattern=MESSAGE_ID_RE,
                says={"pattern": "id '{value}' " + _ID_CHARS},
                form=HIDDEN,
            ),
            "name": Text(
                "a title for people; not printed on the flyer",
                limit=120,
                scaffold=True,
                form=Form("Title for people (not printed)", widget="text"),
            ),
            "source_language": Tag(
                "the language the messages below are written in",
                required=True,
                default="en",
                example="en",
                form=HIDDEN,
            ),
            "contact": CONTACT,
            "languages": ListOf(
                Tag(says={"type": "'{path}' must hold language tags in quotes, not {kind}"}),
                "the languages to make material in (BCP 47 tags: es, vi, zh-Hans, ar, ...)",
                required=True,
                default=[],
                example=[],
                form=Form("Languages", widget="languages"),
            ),
            "messages": MapOf(
                MESSAGE,
                "Messages: short and plain. One idea each. A 4th-6th grade reader should\n"
                "understand them in a few seconds. FILL IN: write your own, or keep these.",
                key=Text(pattern=MESSAGE_ID_RE, says={"pattern": "message id '{value}' " + _ID_CHARS}),
                required=True,
                nonempty=True,
                example=_SAMPLE_MESSAGES,
                says={"empty": ("[messages] is empty", "add at least a headline")},
                form=Form("Messages", widget="rows"),
            ),
            "flyer": FLYER,
            "brand": BRAND,
            "spots": ArrayOf(
                SPOT,
                "Radio spots: booked length in seconds and the messages read, in order.\n"
                "The number is spelled digit by digit: said once in a :10 or :15 tag, twice from :20 up.\n"
                "With the messages above a spot can be "
                + ", ".join(str(s) for s in TEMPLATE_LENGTHS[:-1])
                + f" or {TEMPLATE_LENGTHS[-1]} s (a tag: script = {TAG_SCRIPT});\n"
                "a :60 needs more lines. `campaigngen check` says which booking a script fits.",
                example=[{"id": "30s", "seconds": 30, "script": ["headline", "help", "call", "again"]}],
                scaffold=True,
                form=Form("Radio spots", widget="rows"),
            ),
            "radio": RADIO,
            "delivery": DELIVERY,
            "traffic": TRAFFIC,
            "print": PRINT,
            "text_message": TEXT_MESSAGE,
            "share_cards": SHARE_CARDS,
            "review": REVIEW,
            "readability": MapOf(
                MapOf(
                    Number(problem="readability.{where[1]}.{key} must be a number"),
                    says={
                        "type": (
                            "readability.{key} must be a table of limits, not {kind}",
                            "e.g. [readability.{key}] max_words_per_sentence = 14",
                        )
                    },
                ),
                "Reading-level limits of your own, by language tag.",
                example={"es": {"max_words_per_sentence": 14}},
                form=HIDDEN,
            ),
            "waivers": ArrayOf(
                WAIVER,
                "A person may accept a failing check, with a reason:",
                form=HIDDEN,
            ),
        }
    ),
    missing_hint="add {key} = ... (see " + _SAMPLE + ")",
)
