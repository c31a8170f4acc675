"""Web addresses and messenger contacts written around a pattern: "bit(.)ly", "ayuda punto com",
"ayuda . org", "WhatsApp: ayuda_ya", "Telegram ayudaya" - the ways people hand out a contact
where a platform blocks links, and the ways a hostile translation would slip one past a check
that looks for "example.com" and "@handle".

The text reaching here is already folded (`integrity.normalise_for_contacts`): compatibility
forms, full-width dots and digits of every script are plain, invisible characters are gone.
"""

from __future__ import annotations

import regex as re  # `regex`: \p{M}, the marks of every script, inside a word

from campaigngen.checks.tlds import is_top_level_domain
from campaigngen.checks.word_frequency import zipf

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
# Endings a contact would have, as people say and spell them ("ком", "คอม", "닷컴"), and the
# usual ones; every other top-level domain comes from the Public Suffix List (checks/tlds.py),
# read unless it is an everyday word of the text's language ("el punto es que...").
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
_UNSPACED_NAME_CHARS = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3000-\u9fff]")
_LATIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"


def _alternatives(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"


_SPOKEN_TLDS = frozenset(TLDS)
_TLD = "(?:" + _alternatives(TLDS) + r"|\p{L}[\p{L}\p{M}]{1,62})(?![\w-])"
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
    "threema",
    "eitaa",
    "rubika",
    "vkontakte",
    "douyin",
    "kuaishou",
    "weibo",
    "ایتا",
    "روبیکا",
    "вконтакте",
    "抖音",
    "快手",
    "微博",
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
_UNSPACED_NAME = _UNSPACED_NAME_CHARS
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


# "at" as people spell an e-mail address out. The sign's own names mean "@" and nothing else,
# in any language: "ayuda arroba gmail" is an address even without its ending.
AT_SIGN_NAMES = (
    "arroba",
    "arobase",
    "arobas",
    "arobaz",  # Haitian Creole
    "atsign",
    "at-sign",
    "ат",
    "ات",
    "آت",
    "ایت",
    "ایٹ",
    "ऐट",
    "एट",
    "แอท",
    "แอ็ท",
    "앳",
    "ኣት",
    "አት",
    "艾特",
    "圈a",
    "アットマーク",
    "アット",
)
# Its nicknames are everyday words of their language (a dog, a snail, a monkey, "at", "chez"):
# an address without its ending only where they are not a word of the text ("tubig at pagkain"
# is Tagalog "and"), or between Latin-letter names in a text written in another script.
AT_NICKNAMES = (
    "at",
    "chez",
    "собака",
    "собачка",
    "равлик",
    "małpa",
    "malpa",
    "kukac",
    "klammeraffe",
    "snabel-a",
    "chiocciola",
    "a còng",
    "a móc",
    "小老鼠",
    "골뱅이",
)
AT_WORDS = AT_SIGN_NAMES + AT_NICKNAMES
_AT = _alternatives(AT_WORDS).replace(r"\ ", r"\s+")
_UNSPACED_AT = _alternatives(tuple(w for w in AT_WORDS if not w.isascii() and _UNSPACED_NAME_CHARS.search(w)))
_SPELLED_EMAILS = (
    # ayuda arroba gmail punto com, tulong at gmail dot com, pomosh собака mail.ru
    re.compile(
        rf"(?<![\w.-])(?P<user>{_LABEL})\s+{_AT}\s+(?P<host>{_LABEL})(?:\s+{_DOT}\s+|\s*[.,]\s*)(?P<tld>{_TLD})",
        re.I,
    ),
    # bangzhu小老鼠qq点com
    re.compile(
        rf"(?P<user>{_LATIN_LABEL})\s*{_UNSPACED_AT}\s*(?P<host>{_LATIN_LABEL})\s*(?:{_GLUED_DOT}|\.)\s*(?P<tld>{_TLD})",
        re.I,
    ),
)
# The same without the ending a reader completes: ayuda arroba gmail, help小老鼠gmail,
# ayuda(at)proton, ayuda [arroba] gmail.
_SPELLED_USER_AT_HOST = re.compile(
    rf"(?<![\w.@-])(?P<user>{_LATIN_LABEL})"
    rf"(?:\s*{_OPEN}\s*(?P<bracketed>@|{_AT})\s*{_CLOSE}\s*|\s+(?P<spaced>{_AT})\s+|\s*(?P<glued>{_UNSPACED_AT})\s*)"
    rf"(?P<host>{_LATIN_LABEL})(?![\w@])",
    re.I,
)
# A literal @ between two names, the ending left off: ayuda@gmail.
_BARE_USER_AT_HOST = re.compile(rf"(?<![\w.@+-])(?P<user>{_LATIN_LABEL})@(?P<host>{_LATIN_LABEL})(?![\w.@-])")
# Link shorteners, written without their dot (or with a space for it) and followed by a path:
# bitly/ayuda, bit ly/ayuda.
SHORTENERS = (
    "bit.ly",
    "tinyurl.com",
    "cutt.ly",
    "is.gd",
    "ow.ly",
    "goo.gl",
    "rebrand.ly",
    "shorturl.at",
    "t.co",
    "lnkd.in",
    "t.ly",
    "rb.gy",
    "tiny.cc",
)
# A shortener whose name is long enough to be its own is written without its ending too (tinyurl/ayuda).
_SHORTENER_FORMS = {
    **{re.sub(r"\W", "", domain): domain for domain in SHORTENERS},
    **{domain.split(".")[0]: domain for domain in SHORTENERS if len(domain.split(".")[0]) >= 5},
}
_SHORTENER_NAMES = _alternatives((*SHORTENERS, *(form for form in _SHORTENER_FORMS if len(form) >= 5))).replace(
    r"\.",
    r"[\s_-]?",  # with its dot it is a link, read as one
)
_SHORTENED = re.compile(rf"(?<![\w.])(?P<name>{_SHORTENER_NAMES})\s*/\s*(?P<path>[\w-]+)", re.I)
# ayuda,com and ajuda , org: a comma standing for the dot (a comma in a sentence has a space
# after it and none before)
_COMMA_DOMAIN = re.compile(rf"(?<![\w-])(?P<label>{_LABEL})(?:,|\s+,\s+)(?P<tld>{_TLD})", re.I)


def _ending(tld: str, language: str) -> bool:
    return tld.lower() in _SPOKEN_TLDS or is_top_level_domain(tld, language)


def spelled_emails(text: str, language: str = "en", other_script: bool = False) -> list[str]:
    """Every e-mail address spelled out ("ayuda arroba gmail punto com"), as the address; and
    those written without the ending a reader completes ("ayuda arroba gmail", "ayuda@gmail"),
    as user@host. `other_script`: the text is written in its language's letters, not Latin ones
    (so Latin-letter names around a nickname of the sign are not part of its sentences)."""
    found = []
    for regex in _SPELLED_EMAILS:
        for match in regex.finditer(text):
            if _ending(match.group("tld"), language):
                found.append(f"{match.group('user')}@{match.group('host')}.{match.group('tld')}".lower())
    taken = {address.rsplit(".", 1)[0] for address in found} | set(bare_emails(text))
    for match in _SPELLED_USER_AT_HOST.finditer(text):
        address = f"{match.group('user')}@{match.group('host')}".lower()
        at_word = (match.group("spaced") or match.group("glued") or "").lower()
        if address in taken or match.group("host").lower() in AT_WORDS:
            continue
        nickname = at_word in AT_NICKNAMES and match.group("bracketed") is None
        if nickname and not other_script and _is_word(re.sub(r"\s+", " ", at_word), language):
            continue
        found.append(address)
    return list(dict.fromkeys(found))


def bare_emails(text: str) -> list[str]:
    """Every user@host written with its @ but without the ending a reader completes ("ayuda@gmail")."""
    return list(
        dict.fromkeys(f"{m.group('user')}@{m.group('host')}".lower() for m in _BARE_USER_AT_HOST.finditer(text))
    )


def shortened_links(text: str) -> list[str]:
    """Link shorteners written without their dot, with a path: "bitly/ayuda" is bit.ly/ayuda."""
    return [f"{_shortener(m.group('name'))}/{m.group('path')}".lower() for m in _SHORTENED.finditer(text)]


def _shortener(written: str) -> str:
    return _SHORTENER_FORMS[re.sub(r"[\W_]", "", written.lower())]


def obfuscated_domains(text: str, language: str = "en") -> list[str]:
    """Every domain written around a pattern, as the address it stands for ("bit.ly")."""
    found = []
    bracketed, *spelled = _OBFUSCATED_DOMAINS
    for regex in (bracketed, *spelled, _COMMA_DOMAIN):
        for match in regex.finditer(text):
            label, tld = match.group("label"), match.group("tld")
            if not label or label.lower() in DOT_WORDS:
                continue
            # Brackets around the dot say "address" whatever the ending; elsewhere it must be one.
            if regex is not bracketed and not _ending(tld, language):
                continue
            if not regex.flags & re.I and not tld.islower():
                continue  # "ayuda. Su jefe": a new sentence, not an address
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


def _is_word(token: str, language: str) -> bool:
    """Is token a word of the language (used at least once in ten million words, there or in
    English)? Where the language's use cannot be told, its plain words are taken as words."""
    here = zipf(token, language)
    return here is None or here >= 1.0 or (zipf(token, "en") or 0.0) >= 1.0


__all__ = [
    "AT_NICKNAMES",
    "AT_SIGN_NAMES",
    "AT_WORDS",
    "DOT_WORDS",
    "MESSENGERS",
    "SHORTENERS",
    "TLDS",
    "bare_emails",
    "messenger_contacts",
    "obfuscated_domains",
    "shortened_links",
    "spelled_emails",
]
