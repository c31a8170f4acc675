"""Web addresses and messenger contacts written around a pattern: "bit(.)ly", "ayuda punto com",
"ayuda . org", "WhatsApp: ayuda_ya", "Telegram ayudaya" - the ways people hand out a contact
where a platform blocks links, and the ways a hostile translation would slip one past a check
that looks for "example.com" and "@handle".

The text reaching here is already folded (`integrity.normalise_for_contacts`): compatibility
forms, full-width dots and digits of every script are plain, invisible characters are gone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from campaigngen.sources.registry import base_of

# "dot" as people spell it out in the core languages (and in English everywhere).
DOT_WORDS = (
    "dot",
    "punto",
    "ponto",
    "point",
    "pwen",
    "chấm",
    "cham",
    "tuldok",
    "dhibic",
    "точка",
    "тчк",
    "дот",
    "крапка",
    "نقطة",
    "نقطه",
    "نقطہ",
    "دات",
    "ڈاٹ",
    "دوت",
    "डॉट",
    "डाट",
    "बिंदु",
    "จุด",
    "ดอท",
    "点",
    "點",
    "닷",
    "점",
    "ነጥብ",
    "ዶት",
    "ဒေါ့",
    "အစက်",
)
# Top-level domains a contact would end in, spelled out or not. Two-letter domains that are
# everyday words in a core language are left out ("el punto es que...", "un point et...").
TLDS = (
    "com",
    "net",
    "org",
    "info",
    "biz",
    "io",
    "co",
    "ly",
    "app",
    "xyz",
    "online",
    "site",
    "top",
    "club",
    "link",
    "live",
    "shop",
    "store",
    "website",
    "tk",
    "ml",
    "ga",
    "cf",
    "gq",
    "pw",
    "cc",
    "ws",
    "ru",
    "su",
    "ua",
    "kz",
    "cn",
    "hk",
    "tw",
    "vn",
    "th",
    "kr",
    "jp",
    "ph",
    "sg",
    "pk",
    "bd",
    "ir",
    "sa",
    "ae",
    "eg",
    "ng",
    "ke",
    "mx",
    "br",
    "cl",
    "pe",
    "uk",
    "au",
    "nz",
    "fr",
    "pt",
    "pl",
    "tr",
    "gov",
    "edu",
    # spelled in the reader's script
    "ком",
    "орг",
    "рф",
    "укр",
    "คอม",
    "ไทย",
    "컴",
    "닷컴",
    "한국",
    "كوم",
    "کام",
    "موقع",
    "कॉम",
    "भारत",
    "ኮም",
    "中国",
    "公司",
    "网络",
    "ကွမ်း",
)
_LABEL = r"[^\W_](?:[\w-]{0,62}[^\W_])?"
_LATIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"


def _alternatives(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"


_TLD = _alternatives(TLDS) + r"(?![\w-])"
_DOT = _alternatives(DOT_WORDS)
_GLUED_DOT = _alternatives(tuple(w for w in DOT_WORDS if not w.isascii() and " " not in w))
_OPEN, _CLOSE = r"[\(\[<«]", r"[\)\]>»]"

_OBFUSCATED_DOMAINS = (
    # bit(.)ly, example[.]com, ayuda (punto) org, ayuda[dot]com
    re.compile(rf"(?P<label>{_LABEL})\s*{_OPEN}\s*(?:\.|{_DOT})\s*{_CLOSE}\s*(?P<tld>{_LABEL})", re.I),
    # ayuda punto com, ayuda-dot-com, ayuda_punto_org
    re.compile(rf"(?<![\w-])(?P<label>{_LABEL})[\s_-]+{_DOT}[\s_-]+(?P<tld>{_TLD})", re.I),
    # ayuda点com, ayudaจุดcom: scripts without spaces glue the word to the labels
    re.compile(rf"(?P<label>{_LATIN_LABEL})\s*{_GLUED_DOT}\s*(?P<tld>{_TLD})", re.I),
    # ayuda . com, ayuda ·com, ayuda•org
    re.compile(rf"(?<![\w-])(?P<label>{_LABEL})(?:\s+\.\s*|\s*[·•∙⋅‧。]\s*)(?P<tld>{_TLD})", re.I),
    # ayuda. com - a sentence does not go on in lower case with a domain ending
    re.compile(rf"(?<![\w-])(?P<label>{_LABEL})\.\s+(?P<tld>{_TLD})"),
)

# Messengers people hand out contacts on, as written in the core languages' scripts.
MESSENGERS = (
    "whatsapp",
    "whats app",
    "wasap",
    "guasap",
    "watsap",
    "wsp",
    "telegram",
    "telegrama",
    "signal",
    "wechat",
    "we chat",
    "weixin",
    "line",
    "viber",
    "facebook",
    "fb",
    "messenger",
    "instagram",
    "insta",
    "ig",
    "snapchat",
    "snap",
    "kakaotalk",
    "kakao talk",
    "kakao",
    "zalo",
    "imo",
    "skype",
    "tiktok",
    "discord",
    "eitaa",
    "ایتا",
    "bale",
    "rubika",
    "روبیکا",
    "soroush",
    "سروش",
    "threema",
    "kik",
    "vkontakte",
    "vk",
    "вконтакте",
    "вк",
    "odnoklassniki",
    "одноклассники",
    "douyin",
    "抖音",
    "快手",
    "qq",
    "微博",
    "weibo",
    "twitter",
    "تويتر",
    "واتساب",
    "واتس اب",
    "واتس آب",
    "وتساب",
    "واتس‌اپ",
    "واتساپ",
    "واٹس ایپ",
    "واٹس اپ",
    "تيليجرام",
    "تلغرام",
    "تليغرام",
    "تلگرام",
    "ٹیلیگرام",
    "فايبر",
    "وایبر",
    "فيسبوك",
    "فیسبوک",
    "فیس بک",
    "ماسنجر",
    "انستقرام",
    "انستغرام",
    "اینستاگرام",
    "سناب شات",
    "سناب",
    "ватсап",
    "вотсап",
    "вацап",
    "вотсапп",
    "телеграм",
    "телеграмм",
    "телега",
    "вайбер",
    "вичат",
    "фейсбук",
    "инстаграм",
    "сигнал",
    "微信",
    "电报",
    "電報",
    "飞机",
    "飛機",
    "脸书",
    "臉書",
    "连我",
    "賴",
    "微信号",
    "微信號",
    "카카오톡",
    "카톡",
    "텔레그램",
    "왓츠앱",
    "라인",
    "페이스북",
    "인스타그램",
    "위챗",
    "시그널",
    "잘로",
    "ไลน์",
    "เฟซบุ๊ก",
    "เฟสบุ๊ค",
    "วอทส์แอป",
    "วอทแอป",
    "เทเลแกรม",
    "วีแชท",
    "व्हाट्सएप",
    "व्हाट्सऐप",
    "वॉट्सऐप",
    "टेलीग्राम",
    "सिग्नल",
    "फेसबुक",
    "इंस्टाग्राम",
    "ቴሌግራም",
    "ዋትስአፕ",
    "ዋትሳፕ",
    "ኢሞ",
    "ፌስቡክ",
    "ቫይበር",
    "ဗိုင်ဘာ",
    "ဖေ့စ်ဘွတ်ခ်",
    "ဖေ့ဘုတ်",
    "တယ်လီဂရမ်",
    "မက်ဆင်ဂျာ",
)
_UNSPACED_NAME = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3000-\u9fff]")
# Names in Latin, Cyrillic, Arabic... scripts stand as words; Chinese, Thai and Burmese ones sit
# inside the sentence (加微信, แอดไลน์).
_SPACED_NAMES = _alternatives(tuple(m for m in MESSENGERS if not _UNSPACED_NAME.search(m))).replace(r"\ ", r"\s*")
_UNSPACED_NAMES = _alternatives(tuple(m for m in MESSENGERS if _UNSPACED_NAME.search(m)))
# Between the name and the contact: a colon, "ID", "@", an arrow, "number" - or just a space.
_FILLER = r"(?:\s*(?:ID|id|Id|user(?:name)?|usuario|номер|아이디|ไอดี|号|號)?\s*[:：=→>\-–—]?\s*)"
_HANDLE = r"(?P<handle>\+?\d[\d\s().\-]{2,}\d(?![A-Za-z_])|@?[A-Za-z0-9][A-Za-z0-9_.\-]+[A-Za-z0-9_])"
_MESSENGER = re.compile(
    rf"(?:(?<!\w)(?P<name>{_SPACED_NAMES})(?![^\W\d_])|(?P<glued>{_UNSPACED_NAMES})){_FILLER}{_HANDLE}", re.I
)
_WORDFREQ_LANGUAGE = {"tl": "fil", "zh-Hans": "zh", "zh-Hant": "zh"}


# A star or hash code dialled on the keypad (*55, #77, *123#, "star 55") routes a call to
# whoever registered it, like a phone number: two digits are enough to be one.
_STAR_HASH_CODE = re.compile(
    r"(?<![A-Za-z0-9_*#])(?:[*#＊＃]|(?<![A-Za-z])(?:star|asterisk|hash|pound)\s+)\d(?:[\s-]?\d)+(?:[*#]\d+)*#?(?![A-Za-z0-9_*#])",
    re.I,
)


def star_hash_codes(text: str) -> list[str]:
    """Every keypad service code ("*55", "#77", "*123#", "star 55"), as dialled."""
    found = []
    for match in _STAR_HASH_CODE.finditer(text):
        code = re.sub(r"[\s-]", "", match.group(0))
        code = re.sub(r"^(?:star|asterisk)", "*", code, flags=re.I)
        found.append(re.sub(r"^(?:hash|pound)", "#", code, flags=re.I))
    return list(dict.fromkeys(found))


# "at" as people spell an e-mail address out loud, in the registry's languages.
AT_WORDS = (
    "arroba",
    "arobase",
    "chez",
    "a commercial",
    "klammeraffe",
    "małpa",
    "malpa",
    "собака",
    "собачка",
    "равлик",
    "kukac",
    "a bung",
    "a còng",
    "acong",
    "atsign",
    "at-sign",
    "أت",
    "ات",
    "آت",
    "ایت",
    "ایٹ",
    "एट",
    "แอท",
    "แอ็ท",
    "골뱅이",
    "小老鼠",
    "艾特",
    "at符号",
    "アットマーク",
)
_AT = _alternatives(AT_WORDS)
# Mail services whose names are words too ("live", "mail"): after a spelled "at" they are hosts.
MAIL_HOSTS = frozenset(
    "gmail googlemail yahoo hotmail outlook live mail proton protonmail icloud yandex ya qq 163 126 naver "
    "daum hanmail rambler ukr aol gmx zoho tutanota".split()
)
# Scripts written without spaces glue the word to the names around it (help小老鼠gmail).
_GLUED_AT = _alternatives(tuple(w for w in AT_WORDS if _UNSPACED_NAME.search(w) or w == "アットマーク"))
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w-])(?P<user>{_LABEL})[\s_-]*(?:{_OPEN}\s*(?:@|at|{_AT})\s*{_CLOSE}|\s{_AT}\s|{_GLUED_AT})"
    rf"[\s_-]*(?P<host>{_LABEL})",
    re.I,
)
# A comma, or a bullet, standing for the dot of a domain: "ayuda,com", "ayuda • org".
_COMMA_DOMAIN = re.compile(rf"(?<![\w-])(?P<label>{_LATIN_LABEL}),(?P<tld>{_TLD})", re.I)
# A link shortener's name with a path, dot or none: "bitly/ayuda", "tinyurl ayuda123".
SHORTENERS = (
    "bitly",
    "bit ly",
    "tinyurl",
    "cuttly",
    "cutt ly",
    "shorturl",
    "rebrandly",
    "isgd",
    "owly",
    "tco",
    "tiny cc",
)
_SHORTENER_NAMES = _alternatives(SHORTENERS).replace(r"\ ", r"[\s_-]?")
_SHORTENER_PATH = re.compile(rf"(?<![\w-])(?P<name>{_SHORTENER_NAMES})\s*/\s*(?P<path>[A-Za-z0-9_-]+)", re.I)


def spelled_emails(text: str, language: str) -> list[str]:
    """Every e-mail address with its "@" spelled or bracketed ("ayuda arroba gmail", "help小老鼠
    gmail", "ayuda(at)gmail"), as user@host. A word after a spelled "at" that is a word of the
    language is not a host ("aide chez vous")."""
    found = []
    for match in _SPELLED_EMAIL.finditer(text):
        user, host = match.group("user"), match.group("host")
        bracketed = re.search(_OPEN, match.group(0)) is not None
        if not bracketed and host.lower() not in MAIL_HOSTS and _is_plain_word(host, language):
            continue
        found.append(f"{user}@{host}".lower())
    return list(dict.fromkeys(found))


def shortener_links(text: str) -> list[str]:
    """Every link shortener name with a path ("bitly/ayuda"), or a domain with a comma for
    its dot ("ayuda,com")."""
    found = [f"{m.group('label')}.{m.group('tld')}".lower() for m in _COMMA_DOMAIN.finditer(text)]
    for match in _SHORTENER_PATH.finditer(text):
        name = re.sub(r"[\s_-]", "", match.group("name")).lower()
        found.append(f"{name}/{match.group('path')}".lower())
    return list(dict.fromkeys(found))


def obfuscated_domains(text: str) -> list[str]:
    """Every domain written around a pattern, as the address it stands for ("bit.ly")."""
    found = []
    for regex in _OBFUSCATED_DOMAINS:
        for match in regex.finditer(text):
            label, tld = match.group("label"), match.group("tld")
            if not label or label.lower() in DOT_WORDS:
                continue
            found.append(f"{label}.{tld}".lower())
    return list(dict.fromkeys(found))


def messenger_contacts(text: str, language: str, latin_script: bool) -> list[str]:
    """Every messenger name followed by a handle or number ("whatsapp ayuda_ya").

    Without a colon, "ID" or "@", a plain word after the name counts only when it is not a
    word of the language ("Telegram ayudaya", not "WhatsApp para hablar") or, in a language
    not written in Latin letters, when it is in Latin letters.
    """
    found = []
    for match in _MESSENGER.finditer(text):
        name = match.group("name") or match.group("glued")
        handle = match.group("handle").strip()
        between = text[match.end("name") if match.group("name") else match.end("glued") : match.start("handle")]
        marked = between.strip() != "" or re.search(r"[\d_.@]", handle) is not None
        if not marked and (latin_script or not handle.isascii()) and _is_word(handle, language):
            continue
        found.append(f"{name} {handle}".lower())
    return list(dict.fromkeys(found))


def _is_plain_word(token: str, language: str) -> bool:
    """Is token a word a sentence in the language could hold? A Latin-letter token in a
    language written otherwise is not; where the word list cannot be read, it is."""
    latin = re.fullmatch(r"[A-Za-z]+", token) is not None
    if latin and _script_of_letters(language) != "Latn":
        return False
    try:
        return _is_word(token, language)
    except ImportError:  # wordfreq's Chinese and Japanese lists need jieba or MeCab
        return True


def _script_of_letters(language: str) -> str:
    from campaigngen.sources.languages import parse_language

    try:
        return parse_language(language).script
    except ValueError:
        return "Latn"


def _is_word(token: str, language: str) -> bool:
    """Is token a word of the language (wordfreq: used at least once in ten million words)?
    A language without a word list cannot tell, so its plain words are taken as words."""
    lists = _word_lists()
    tag = _WORDFREQ_LANGUAGE.get(language, base_of(language))
    if tag not in lists:
        return True
    from wordfreq import zipf_frequency

    return zipf_frequency(token, tag) >= 1.0 or zipf_frequency(token, "en") >= 1.0


@lru_cache(maxsize=1)
def _word_lists() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


__all__ = [
    "DOT_WORDS",
    "MESSENGERS",
    "TLDS",
    "messenger_contacts",
    "obfuscated_domains",
    "shortener_links",
    "spelled_emails",
    "star_hash_codes",
]
