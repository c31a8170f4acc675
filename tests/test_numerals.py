"""Reading numbers however they are written, and where a number word is only a word.

The rules are in docs/integrity.md; these tests pin the lines drawn there: digits are never
ordinary, a single number word is, words count from three digits spelled with two words or
more (three in scripts without spaces), and a source's own number may be written any way.
"""

from __future__ import annotations

import pytest

from campaigngen.checks.integrity import contact_items
from campaigngen.checks.number_words import lexicon
from campaigngen.checks.numerals import added_numbers, mentions

NO_NUMBER = "Call {phone}"
HOURS = "Open 24 hours, every day."


def added(text: str, language: str, source: str = NO_NUMBER) -> list[str]:
    return [a.value for a in added_numbers(source, "en", text, language)]


@pytest.mark.parametrize(
    "language",
    ["en", "es", "zh-Hans", "zh-Hant", "vi", "ko", "tl", "th", "ru", "uk", "ar", "fa", "hi", "pt", "fr", "am", "my"],
)
def test_every_number_icu_spells_is_read_back(language):
    """The words come from ICU's spell-out rules; reading them must give back each number
    0-999 as ICU spells it (Thai without the zero-width spaces ICU puts in)."""
    import icu

    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(lexicon(language).icu_locale))
    wrong = []
    for n in range(1000):
        spelled = formatter.format(n).replace("\u200b", "")
        read = [m.numbers for m in mentions(spelled, language)]
        if read != [(str(n),)]:
            wrong.append((n, spelled, read))
    assert wrong == []


@pytest.mark.parametrize(
    "text, language",
    [
        ("Uno de nosotros le ayudará.", "es"),  # "one of us"
        ("Una sola llamada basta.", "es"),
        ("Mil gracias por llamar.", "es"),  # a word worth 1000, alone
        ("一个人也能得到帮助。", "zh-Hans"),
        ("万一有人强迫您工作", "zh-Hans"),  # "in case": 万 + 一
        ("千万不要担心", "zh-Hans"),  # "by all means": 千 + 万
        ("천천히 말씀하세요.", "ko"),  # "slowly": 천 + 천
        ("매일 일하세요?", "ko"),  # 일 inside 매일 (every day), 일 (work)
        ("Sau ba năm vẫn thế.", "vi"),  # "after three years": sau is not sáu (six)
        ("आपसे एक बात, दो शब्द।", "hi"),
        ("نه، نباید.", "fa"),  # نه is "no" (and 9)
        ("တစ်စုံတစ်ယောက်က", "my"),  # "someone": တစ် twice, apart
        ("Tumawag sa isang numero lang.", "tl"),
        ("uno o dos", "es"),  # two small numbers: two digits
    ],
)
def test_number_words_in_ordinary_sentences_are_not_numbers(text, language):
    assert added(text, language) == []


@pytest.mark.parametrize(
    "text, language, value",
    [
        ("uno ocho ocho", "es", "188"),
        ("novecientos once", "es", "911"),  # two words, three digits
        ("un millón", "es", "1000000"),
        ("一八八", "zh-Hans", "188"),
        ("三百六十五", "zh-Hans", "365"),
        ("일일구", "ko", "119"),
        ("mot tam tam tam", "vi", "1888"),  # typed without accents, all of it
        ("п'ять п’ять пʼять", "uk", "555"),  # any apostrophe
        ("واحد وثمانية وثمانية", "ar", "188"),  # "and" written on the word
        ("وَاحِد ثَمَانِيَة ثَمَانِيَة", "ar", "188"),  # vowelled like the radio script
        ("nine one one", "so", "911"),  # English words in any language
        ("一八八", "es", "188"),  # Chinese numerals in any language
    ],
)
def test_runs_of_number_words_are_numbers(text, language, value):
    assert added(text, language) == [value]


@pytest.mark.parametrize("text", ["Llame al 7", "Día 1", "①", "Ⅻ", "٣", "〡"])
def test_where_the_source_has_no_digits_any_digit_is_added(text):
    assert added(text, "es")


@pytest.mark.parametrize(
    "text, language",
    [
        ("Abierto 24/7, todos los días.", "es"),
        ("Ouvert 24 h/24, 7 j/7.", "fr"),
        ("Abierto las veinticuatro horas.", "es"),
        ("每天二十四小时服务。", "zh-Hans"),
        ("เปิดตลอดยี่สิบสี่ชั่วโมง", "th"),
        ("နှစ်ဆယ့်လေးနာရီ", "my"),
        ("ሃያ አራት ሰዓት", "am"),
        ("매일 스물네 시간", "ko"),
        ("نعمل ٢٤ ساعة", "ar"),
        ("Mở cửa 24/7, bảy ngày một tuần.", "vi"),
    ],
)
def test_the_source_number_may_be_written_any_way(text, language):
    assert added(text, language, source=HOURS) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("Abierto 24 horas, o 911", "911"),
        ("Abierto 24 h, 5 - 5 - 0", "550"),
        ("Abierto 24 h: 5/5, 0/1", "5501"),  # short numbers, more than two digits in all
        ("24 horas: uno ocho ocho", "188"),
    ],
)
def test_a_source_with_a_number_still_gets_no_other(text, value):
    assert added(text, "es", source=HOURS) == [value]


def test_look_alike_letters_are_digits_only_among_digits():
    assert [m.digits for m in mentions("1-8OO-3O7-O1O9", "es")] == ["18003070109"]
    assert [m.digits for m in mentions("8 (8ОО) 5ОО-ОО-ОО", "ru")] == ["88005000000"]  # Cyrillic О
    assert [m.digits for m in mentions("1 o 2", "es")] == ["1", "2"]  # "or", not zero
    assert [m.digits for m in mentions("Abierto 24 h, lo que necesite", "es")] == ["24"]


def test_vanity_numbers_are_read_on_the_keypad():
    (mention,) = mentions("Call 1-800-FLOWERS now", "en")
    assert mention.vanity and mention.digits == "18003569377"
    assert not mentions("EE.UU. y CANADÁ", "es")


@pytest.mark.parametrize(
    "text, language",
    [
        ("El punto es que puede llamar.", "es"),
        ("Un point et c’est tout.", "fr"),
        ("Fale com a gente, com calma.", "pt"),
        ("Escríbanos por WhatsApp para recibir ayuda.", "es"),
        ("Hablamos su idioma. Es gratis.", "es"),
        ("Llame a la línea de ayuda, etc. los siete días", "es"),
        ("Un signal fort.", "fr"),
        ("Gọi qua Zalo nhé.", "vi"),
    ],
)
def test_ordinary_sentences_hold_no_disguised_contact(text, language):
    assert [item for item in contact_items(text, language) if item[0] != "domain name"] == []


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Ligue para {phone} ou uno ocho ocho ocho", "pt", "1888"),  # Spanish words in Portuguese
        ("{phone} पर कॉल करें या ek aath aath aath", "hi", "1888"),  # romanized Hindi
        ("请拨打 {phone} 或 yi ba ba ba", "zh-Hans", "1888"),  # pinyin
        ("Appelez le {phone} ou unhuithuithuit", "fr", "1888"),  # glued
        ("Piga {phone} au one eight eight eight", "sw", "1888"),
        ("Zadzwoń pod {phone} albo jeden osiem osiem osiem", "ro", "1888"),  # Polish (jeden: Czech too)
        ("Rele {phone} oswa satu lapan lapan lapan", "ht", "1888"),  # Malay (satu: Indonesian too)
        ("Тел. {phone} или едно осем осем осем", "ru", "1888"),  # Bulgarian in Russian
        ("Gọi {phone} hoặc satu delapan delapan delapan", "vi", "1888"),  # Indonesian
        ("Wac {phone} ama moja nane nane nane", "so", "1888"),  # Swahili in Somali
        ("اتصل {phone} أو wahed tamanya tamanya tamanya", "ar", "1888"),  # Arabizi, typed by ear
        ("โทร {phone} หรือ neung pad pad pad", "th", "1888"),  # Thai, typed by ear
        ("Звоните {phone} или adin vosim vosim vosim", "ru", "1888"),
    ],
)
def test_digits_in_any_languages_words_are_a_number(text, language, value):
    added = added_numbers("Call {phone}.", "en", text, language)
    assert value in [a.value for a in added], added


def test_digit_words_the_source_has_are_not_added():
    source = "Say uno ocho ocho ocho to the operator."
    assert added_numbers(source, "en", "Diga uno ocho ocho ocho ao operador.", "pt") == []


def _decimal_digit_zeros() -> list[str]:
    """The zero of every run of decimal digits in ICU's Unicode data (Unicode 16 in ICU 77),
    Python's own tables lagging behind or not."""
    import icu

    return [str(ch) for ch in icu.UnicodeSet("[:Nd:]") if icu.Char.charDigitValue(str(ch)) == 0]


@pytest.mark.parametrize("zero", _decimal_digit_zeros(), ids=lambda z: f"U+{ord(z):04X}")
def test_a_number_in_any_scripts_digits_is_read_by_current_unicode_data(zero):
    written = "".join(chr(ord(zero) + int(d)) for d in "5550100")
    added = added_numbers("Call us.", "en", f"Llame al {written}", "es")
    assert [a.value for a in added] == ["5550100"], (written, added)


def test_glue_tables_are_made_once_per_table_of_words_and_again_when_the_words_change(monkeypatch):
    """A neighbour's glue table is the same object in every language's list (made once per
    process, not once per language), holds what its words make, and is made again when the
    words are new objects (number_words makes them again when the registry changes)."""
    from campaigngen.checks import number_words
    from campaigngen.checks.numerals import tokens

    french, spanish = tokens._glue_tables("fr"), tokens._glue_tables("es")
    shared = {id(w): t for w, t in zip(number_words.neighbours("fr"), french[1:], strict=True)}
    common = [(w, t) for w, t in zip(number_words.neighbours("es"), spanish[1:], strict=True) if id(w) in shared]
    assert len(common) > 50
    for words, table in common:
        assert table is shared[id(words)]
        pieces = {w: v for w, v in words.words.items() if len(w) >= 3 and v < 10}
        assert table == (
            pieces,
            min(12, max(map(len, pieces), default=0)),
            frozenset((a[0], b[-1]) for a in pieces for b in pieces),
        )
    own = number_words.digit_words("fr")
    assert french[0][0] == {w: v for w, v in own.words.items() if len(w) >= 2 and v < 10}

    italian = number_words.digit_words("it")
    renewed = number_words.DigitWords(italian.language, {"unoo": 1, "duee": 2}, {})
    monkeypatch.setattr(number_words, "neighbours", lambda language: (renewed,))
    monkeypatch.setattr(tokens, "_glue_memo", {})
    assert tokens._glue_tables("fr")[1][0] == {"unoo": 1, "duee": 2}
    assert tokens._glued("unoodueeunoo", "fr") == "121"
