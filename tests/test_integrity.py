"""Integrity: no translation can misdirect a reader.

Each test plays a hostile or careless PO edit and checks that integrity_findings names the
language, the message and the offending characters, while honest translations in the
campaign's scripts pass clean.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from campaign_kit import translated_edition

from campaigngen.catalogs.load import localize
from campaigngen.catalogs.localized import FUZZY, SOURCE, LocalizedCampaign
from campaigngen.catalogs.po import build_template, catalog_path, new_catalog, write_catalog
from campaigngen.checks.findings import ERROR, WARNING
from campaigngen.checks.integrity import contact_findings, contact_items, integrity_findings
from campaigngen.sources.campaign import load_campaign

PROJECT = Path(__file__).resolve().parent.parent
HOTLINE = "1-888-373-7888"


@pytest.fixture(scope="module")
def campaign():
    return load_campaign(PROJECT / "content" / "help-is-here")


def errors(findings, check=None):
    return [f for f in findings if f.severity == ERROR and (check is None or f.check == check)]


# --------------------------------------------------------------------------- contact injection


def test_a_new_phone_number_in_a_translation_is_caught(campaign):
    found = integrity_findings(translated_edition(campaign, "es", {"call": "Llama al +1 (888) 555-0100"}))
    contact = errors(found, "contact-injection")
    assert len(contact) == 1
    assert contact[0].language == "es" and contact[0].message_id == "call"
    assert "18885550100" in contact[0].text
    # {phone} was replaced by the number: the placeholder check says so too.
    assert "{phone} missing" in errors(found, "placeholders")[0].text


@pytest.mark.parametrize(
    "number",
    [
        "٠٠١٨٨٨٥٥٥٠١٠٠",  # Arabic-Indic digits
        "۱۸۸۸۵۵۵۰۱۰۰",  # Persian digits
        "１８８８５５５０１００",  # full-width digits
        "१८८८५५५०१००",  # Devanagari digits
        "1\u200b888\u200b555\u200b0100",  # split by zero-width spaces
        "①⑧⑧⑧⑤⑤⑤",  # circled digits
        "911",  # a short code is a number to call too
    ],
)
def test_numbers_in_any_script_or_spacing_are_caught(campaign, number):
    found = integrity_findings(translated_edition(campaign, "ar", {"call": f"اتصل بالرقم {{phone}} أو {number}"}))
    assert errors(found, "contact-injection"), number


@pytest.mark.parametrize(
    "added, kind",
    [
        ("https://evil.example/help", "URL"),
        ("www.help-center.net", "URL"),
        ("ayuda@rescate.org", "e-mail address"),
        ("ayuda-trabajo.com", "domain name"),
        ("ayuda。com", "domain name"),  # an ideographic full stop is a dot to a browser
        ("@ayuda_trabajo", "messenger handle"),
    ],
)
def test_an_added_url_email_domain_or_handle_is_caught(campaign, added, kind):
    found = integrity_findings(translated_edition(campaign, "es", {"scan": f"Escanea para más ayuda {added}"}))
    contact = errors(found, "contact-injection")
    assert contact and contact[0].detail["kind"] == kind, found
    assert contact[0].message_id == "scan"


def test_the_real_hotline_number_typed_in_is_still_refused(campaign):
    """Even the right number must come from config, or a later config change would miss it."""
    localized = translated_edition(campaign, "es", {"call": f"Llama al {HOTLINE}", "again": f"Otra vez: {HOTLINE}"})
    found = integrity_findings(localized)
    assert {f.message_id for f in errors(found, "contact-injection")} == {"call", "again"}


def test_numbers_the_source_has_are_fine(campaign):
    found = integrity_findings(translated_edition(campaign, "hi", {"hours": "हर दिन, २४ घंटे खुला।"}))
    assert not errors(found)


# --------------------------------------------------------------------------- invisible characters


def test_bidi_override_hiding_a_number_is_caught_and_named(campaign):
    # On screen the reversed digits read as the hotline; the bytes hold another number.
    text = "Llama al {phone}\u202e0010-555-888-1\u202c"
    found = integrity_findings(translated_edition(campaign, "es", {"call": text}))
    invisible = errors(found, "invisible-characters")
    assert len(invisible) == 1
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in invisible[0].text
    assert "U+202C POP DIRECTIONAL FORMATTING" in invisible[0].text
    assert errors(found, "contact-injection")


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u200e", "LEFT-TO-RIGHT MARK"),
        ("\u061c", "ARABIC LETTER MARK"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u2060", "WORD JOINER"),
        ("\U000e0041", "TAG LATIN CAPITAL LETTER A"),
        ("\ufe0f", "VARIATION SELECTOR-16"),
    ],
)
def test_invisible_characters_are_named(campaign, char, name):
    found = integrity_findings(translated_edition(campaign, "es", {"help": f"Puedes re{char}cibir ayuda."}))
    invisible = errors(found, "invisible-characters")
    assert invisible and name in invisible[0].text


def test_joiners_a_language_needs_are_allowed_only_there(campaign):
    persian = "لازم نیست نامتان را بگویید."  # holds ZWNJ (U+200C) as Persian spelling needs
    persian = persian.replace("نامتان", "نام\u200cتان")
    assert not errors(integrity_findings(translated_edition(campaign, "fa", {"name": persian})))
    # The same joiner in Spanish has no business there.
    found = integrity_findings(translated_edition(campaign, "es", {"help": "Puedes\u200c recibir ayuda."}))
    assert "U+200C ZERO WIDTH NON-JOINER" in errors(found, "invisible-characters")[0].text
    # An override is refused even in a right-to-left language.
    found = integrity_findings(translated_edition(campaign, "ar", {"help": "يمكنك\u202e الحصول على المساعدة."}))
    assert errors(found, "invisible-characters")


# --------------------------------------------------------------------------- homoglyphs


def test_cyrillic_letter_inside_a_latin_word_is_caught(campaign):
    found = integrity_findings(translated_edition(campaign, "es", {"help": "Puedes recibir аyuda."}))  # Cyrillic а
    homoglyphs = errors(found, "homoglyphs")
    assert len(homoglyphs) == 1
    assert "U+0430 CYRILLIC SMALL LETTER A" in homoglyphs[0].text and "аyuda" in homoglyphs[0].text


def test_a_whole_word_of_lookalikes_and_styled_letters_are_caught(campaign):
    found = integrity_findings(translated_edition(campaign, "pt", {"scan": "Use о АРР"}))  # all Cyrillic
    assert errors(found, "homoglyphs")
    found = integrity_findings(translated_edition(campaign, "pt", {"scan": "Escaneie 𝐚𝐪𝐮𝐢"}))  # mathematical bold
    assert "MATHEMATICAL BOLD SMALL A" in errors(found, "homoglyphs")[0].text


def test_latin_letter_inside_a_cyrillic_word_is_caught(campaign):
    found = integrity_findings(translated_edition(campaign, "ru", {"help": "Вам мoгут помочь."}))  # Latin o
    assert "U+006F LATIN SMALL LETTER O" in errors(found, "homoglyphs")[0].text


@pytest.mark.parametrize(
    "tag, text, letter",
    [
        ("en", "Help is here. Call nоw.", "U+043E CYRILLIC SMALL LETTER O"),
        ("en", "Օpen all day.", "U+0555 ARMENIAN CAPITAL LETTER OH"),  # Armenian Oh prints as O
        ("en", "Ꭺsk for help.", "U+13AA CHEROKEE LETTER GO"),
        ("es", "Llama al ΟΚ.", "U+039F GREEK CAPITAL LETTER OMICRON"),  # a whole word in Greek look-alikes
    ],
)
def test_look_alikes_found_by_their_unicode_skeleton(campaign, tag, text, letter):
    found = errors(integrity_findings(translated_edition(campaign, tag, {"help": text})), "homoglyphs")
    assert len(found) == 1 and letter in found[0].text


@pytest.mark.parametrize(
    "tag, text",
    [
        ("ko", "무료 WiFi를 쓰세요."),  # Latin with Hangul in one word is a brand name, not a disguise
        ("zh-Hans", "免费WiFi。"),
        ("ru", "Звоните в МВД."),  # Cyrillic capitals that merely resemble Latin ones, in a Cyrillic text
    ],
)
def test_latin_beside_other_scripts_is_not_a_homoglyph(campaign, tag, text):
    assert not errors(integrity_findings(translated_edition(campaign, tag, {"help": text})), "homoglyphs")


# --------------------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    "text, says",
    [
        ("Llama al número", "{phone} missing"),
        ("Llama al {phone} {phone}", "{phone} 2 times, source has it 1"),
        ("Llama al {telefono}", "{telefono} is not a placeholder"),
        ("Llama al {url}", "{url} not in the source"),
        ("Llama al {phone", "unmatched"),
        ("Llama al {\u202ephone}", "{<U+202E>phone} is not a placeholder"),
    ],
)
def test_placeholder_dropped_duplicated_or_renamed_is_caught(campaign, text, says):
    found = errors(integrity_findings(translated_edition(campaign, "es", {"call": text})), "placeholders")
    assert len(found) == 1 and says in found[0].text and found[0].message_id == "call"


def test_fuzzy_entries_are_checked_untranslated_are_not(campaign):
    found = integrity_findings(translated_edition(campaign, "es", {"call": "Llama al 555-0100"}, state=FUZZY))
    assert errors(found, "contact-injection")
    untouched = translated_edition(campaign, "es", {})
    assert integrity_findings(untouched) == []


# --------------------------------------------------------------------------- punctuation


def test_punctuation_is_a_warning_and_language_aware(campaign):
    found = integrity_findings(translated_edition(campaign, "es", {"help": "Puedes  recibir ayuda"}))
    assert found and all(f.severity == WARNING and f.check == "punctuation" for f in found)
    assert "doubled space" in found[0].text and "ends with '.'" in found[0].text
    assert integrity_findings(translated_edition(campaign, "es", {"headline": "¿Alguien te obliga a trabajar."}))


# --------------------------------------------------------------------------- honest translations

HONEST = {
    "es": {
        "headline": "¿Alguien te obliga a trabajar?",
        "call": "Llama al {phone}",
        "text": "O envía {text_keyword} al {text_number}",
        "hours": "Abierto 24/7, todos los días.",
        "language": "Hablamos tu idioma en EE.UU.",
    },
    "zh-Hans": {"headline": "有人强迫你工作吗？", "help": "你可以得到帮助。", "call": "请拨打{phone}"},
    "ar": {
        "headline": "هل يجبرك أحد على العمل؟",
        "call": "اتصل بالرقم {phone}",
        "hours": "مفتوح ٢٤ ساعة، كل يوم.\u200f",
    },
    "fa": {"headline": "آیا کسی شما را مجبور به کار می\u200cکند؟", "call": "با {phone} تماس بگیرید"},
    "hi": {"help": "आपको मदद मिल सकती है।", "call": "{phone} पर कॉल करें"},
    "ur": {"help": "آپ کو مدد مل سکتی ہے۔", "headline": "کیا کوئی آپ کو کام پر مجبور کر رہا ہے؟"},
    "th": {"help": "คุณขอความช่วยเหลือได้", "call": "โทร {phone}"},
    "am": {"help": "እርዳታ ማግኘት ይችላሉ።", "headline": "አንድ ሰው እንድትሠራ እያስገደደህ ነው?"},
    "my": {"help": "အကူအညီ ရနိုင်ပါတယ်။", "headline": "တစ်စုံတစ်ယောက်က သင့်ကို အလုပ်လုပ်ခိုင်းနေသလား။"},
    "ru": {"help": "Вам могут помочь.", "call": "Звоните {phone}", "scan": "Сканируйте, чтобы узнать больше"},
    "uk": {"help": "Вам можуть допомогти.", "name": "Імʼя називати не треба."},
    "fr": {"headline": "Quelqu'un vous force à travailler\u202f?", "call": "Appelez le {phone}"},
    "vi": {"help": "Bạn có thể nhận được giúp đỡ.", "call": "Gọi {phone}"},
    "ko": {"help": "도움을 받을 수 있습니다.", "call": "{phone}로 전화하세요"},
    "so": {"help": "Waad heli kartaa caawimaad.", "call": "Wac {phone}"},
}


@pytest.mark.parametrize("tag", sorted(HONEST))
def test_honest_translations_pass(campaign, tag):
    assert integrity_findings(translated_edition(campaign, tag, HONEST[tag])) == []


# --------------------------------------------------------------------------- what a QR code or voice says


def test_no_po_content_changes_the_contact_a_reader_is_given(campaign, tmp_path):
    """A hostile catalog on disk: checks catch it, and filled text still carries config values."""
    es = campaign.language("es")
    catalog = new_catalog(build_template(campaign), es)
    hostile = {
        "call": "Llama al 1-888-555-0199",
        "again": "Otra vez: {phone}\u202e9910",
        "scan": "Visita ayuda-falsa.org",
    }
    for entry in catalog:
        if entry.context in hostile:
            entry.string = hostile[entry.context]
    path = catalog_path(campaign, es, tmp_path)
    write_catalog(path, catalog)

    localized = localize(campaign, "es", tmp_path)
    found = errors(integrity_findings(localized))
    assert {(f.check, f.message_id) for f in found} >= {
        ("contact-injection", "call"),
        ("placeholders", "call"),
        ("invisible-characters", "again"),
        ("contact-injection", "again"),
        ("contact-injection", "scan"),
    }
    # The values a QR code and a spoken number use are the config's, whatever the catalog says.
    assert localized.contact_values == {
        "phone": HOTLINE,
        "url": "https://humantraffickinghotline.org",
        "text_number": "233733",
        "text_keyword": "BeFree",
        "language_en": "Spanish",  # from the language registry, never from the catalog
    }
    assert localized.filled("again").startswith(f"Otra vez: {HOTLINE}")
    assert "{phone}" not in localized.filled("again")
    # A catalog cannot add a contact of its own: there is no placeholder for one.
    assert set(localized.contact_values) == {"phone", "url", "text_number", "text_keyword", "language_en"}


def test_source_language_is_not_checked_against_itself(campaign):
    source = LocalizedCampaign(
        campaign,
        campaign.source_language,
        {m: campaign.messages[m].text for m in campaign.messages},
        {m: SOURCE for m in campaign.messages},
    )
    assert integrity_findings(source) == []


def test_the_committed_sample_catalogs_pass_in_every_language(campaign):
    """19 real translations in 12 scripts: no false alarms from any integrity check."""
    if not (PROJECT / "locales").is_dir():
        pytest.skip("no sample catalogs in this checkout")
    checked = 0
    for language in campaign.languages:
        localized = localize(campaign, language)
        if localized.catalog_path is None:
            continue
        checked += 1
        assert integrity_findings(localized) == [], language.tag
    assert checked


@pytest.mark.parametrize(
    ("tag", "again"),
    [
        ("es", "Otra vez: {phone} o 555-0100"),
        ("pt", "De novo: ligue {phone} ou um oito oito oito"),  # number words, the language's own
        ("vi", "Gọi lại {phone} hoặc 555 0100"),
        ("ar", "مرة أخرى: {phone} أو ٥٥٥٠١٠٠"),  # Arabic-Indic digits
    ],
)
def test_a_number_a_spot_would_say_is_an_unwaivable_number_finding_for_that_spot(campaign, tag, again):
    from campaigngen import checknames

    found = integrity_findings(translated_edition(campaign, tag, {"again": again, "scan": "OK"}))
    spoken = [f for f in found if f.code == "number.spoken-extra"]
    assert [(f.check, f.message_id, f.target) for f in spoken] == [("number", "again", "30s")]
    assert checknames.NUMBER in checknames.NOT_WAIVABLE


def test_a_number_the_source_line_has_may_be_said(campaign):
    found = integrity_findings(translated_edition(campaign, "es", {"hours": "Abierto 24 horas, todos los días."}))
    assert not [f for f in found if f.code in ("number.spoken-extra", "number.added")]


@pytest.mark.parametrize(
    ("tag", "text", "code"),
    [
        ("zh-Hans", "扫码获取更多帮助，请拨＊８８", "*88"),
        ("zh-Hant", "掃碼撥＃７７求助", "#77"),
        ("es", "Escanee o marque *555#", "*555#"),
    ],
)
def test_a_star_or_hash_code_is_a_contact_route_even_glued_to_unspaced_text(campaign, tag, text, code):
    found = errors(integrity_findings(translated_edition(campaign, tag, {"scan": text})), "contact-injection")
    assert any(f"'{code}'" in f.text for f in found), [f.text for f in found]


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("Llame al {phone} o marque *55", "es", "*55"),
        ("Appelez le #77, c'est gratuit", "fr", "#77"),
        ("Позвоните: *123#", "ru", "*123#"),
        ("โทร *1234 ได้ตลอด", "th", "*1234"),
        ("请拨 ＊８８", "zh-Hans", "*88"),
        ("Call star 5 5 now", "en", "55"),
        ("اتصل ‎#٧٧", "ar", "#77"),
    ],
)
def test_star_and_hash_codes_are_contact_routes(text, language, code):
    found = contact_findings(language, "call", "Call {phone}.", text)
    assert any(f"'{code}'" in f.text for f in found), [f.text for f in found]


def test_a_star_or_hash_code_the_source_has_is_not_added():
    source = "Dial *55 from any phone."
    assert contact_findings("es", "call", source, "Marque *55 desde cualquier teléfono.") == []


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Escriba a ayuda arroba gmail", "es", "ayuda@gmail"),
        pytest.param(
            *("Écrivez à aide chez gmail", "fr", "aide@gmail"),
            marks=pytest.mark.xfail(
                strict=True, reason="in its own language the nickname is a word ('chez Paul'): the reviewer reads it"
            ),
        ),
        ("写信给 help小老鼠gmail", "zh-Hans", "help@gmail"),
        ("Пишите pomosch собака mail", "ru", "pomosch@mail"),
        pytest.param(
            *("Napisz pomoc małpa gmail", "pl", "pomoc@gmail"),
            marks=pytest.mark.xfail(
                strict=True, reason="in its own language the nickname is a word ('chez Paul'): the reviewer reads it"
            ),
        ),
        ("Write to help(at)proton", "en", "help@proton"),
        ("Escriba a ayuda@gmail", "es", "ayuda@gmail"),
        ("تواصل @مساعدة_الآن", "ar", "@مساعدة_الآن"),
        ("ติดต่อ @ช่วยเหลือ", "th", "@ช่วยเหลือ"),
        ("Visite ayuda,com", "es", "ayuda.com"),
        ("Visite bitly/ayuda", "es", "bit.ly/ayuda"),
        ("Discord: helpnow", "en", "helpnow"),
        ("ایتا: komak_now", "fa", "komak_now"),
        ("ВКонтакте: pomosch_ru", "ru", "pomosch_ru"),
        ("抖音号 bangzhu", "zh-Hans", "bangzhu"),
    ],
)
def test_addresses_and_handles_however_written(text, language, value):
    found = contact_findings(language, "scan", "Scan the code.", text)
    assert any(value in f.text for f in found), [f.text for f in found]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nous pouvons venir chez vous", "fr"),
        ("Écrivez à Paul chez Google", "fr"),
        ("Tubig at pagkain ay libre", "tl"),
        ("Ta małpa jest duża", "pl"),
        ("La ayuda es gratis, como siempre", "es"),
        ("خدمات ما رایگان است", "fa"),
    ],
)
def test_ordinary_words_are_not_spelled_addresses(text, language):
    assert contact_findings(language, "free", "Help is free.", text) == []


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("ar", "نحن هنا للمساعدة. Matrix: najda", "matrix najda"),  # an app nobody listed
        ("my", "ကူညီပေးပါမယ်။ Session najda05", "session najda05"),
        ("ko", "도와드릴게요 Element 에서 dowoom", "dowoom"),
        ("ru", "Мы поможем. Пишите в Wire: pomosch", "wire pomosch"),
    ],
)
def test_latin_words_the_source_lacks_are_a_contact_in_a_text_written_otherwise(language, text, value):
    found = contact_findings(language, "help", "We can help you.", text)
    assert any(f"'{value}'" in f.text for f in found), [f.text for f in found]


@pytest.mark.parametrize(
    ("language", "source", "text"),
    [
        ("ar", "Scan the QR code.", "امسح رمز QR."),  # the source's own Latin words
        ("fa", "Send SMS to {phone}.", "به {phone} SMS بفرستید."),
        ("es", "We can help you.", "Podemos ayudarle. Llame cuando pueda."),  # a Latin-letter language
        ("mww", "We can help you.", "Peb pab tau koj."),  # Hmong, written in Latin letters (RPA)
    ],
)
def test_latin_words_the_source_has_or_a_latin_language_are_not_flagged(language, source, text):
    assert contact_findings(language, "help", source, text) == []


def test_every_top_level_domain_of_the_public_suffix_list_ends_a_spelled_address():
    from campaigngen.checks.tlds import is_top_level_domain, top_level_domains

    endings = sorted(t for t in top_level_domains() if is_top_level_domain(t, "es"))
    assert len(top_level_domains()) > 1000 and len(endings) > 500
    missed = [t for t in endings if f"ayuda.{t}" not in {v for _, v in contact_items(f"Visite ayuda punto {t}", "es")}]
    assert missed == []


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Visite ayuda punto bond", "es", "ayuda.bond"),
        ("Entrez aide . online", "fr", "aide.online"),
        ("Пишите: помощь точка рф", "ru", "помощь.рф"),
        ("Acesse ajuda ponto com", "pt", "ajuda.com"),  # "com" is also Portuguese "with"
    ],
)
def test_a_spelled_address_ends_in_any_top_level_domain(text, language, value):
    assert ("disguised domain name", value) in contact_items(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Desde el punto de vista es que usted decide", "es"),  # .de, .es: words here
        ("Un point de plus pour vous", "fr"),
        ("Su sueldo es suyo. Su jefe le tiene que pagar", "es"),  # a new sentence, not .su
    ],
)
def test_a_top_level_domain_that_is_an_everyday_word_ends_no_address(text, language):
    assert [v for k, v in contact_items(text, language) if "domain" in k] == []


def test_a_chinese_numeral_stays_a_word_when_digits_are_folded():
    from campaigngen.checks.integrity import normalise_for_contacts

    assert normalise_for_contacts("八卦 一个人 ٥٥ 𑽕") == "八卦 一个人 55 5"  # Kawi 5 (Unicode 15)
