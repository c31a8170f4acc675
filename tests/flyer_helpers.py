"""Test campaigns and short sample texts per script, written by hand for the flyer tests."""

from __future__ import annotations

from pathlib import Path

from campaign_kit import write_config

from campaigngen.catalogs.localized import FUZZY, SOURCE, TRANSLATED, LocalizedCampaign
from campaigngen.sources.campaign import Campaign, load_campaign
from campaigngen.sources.languages import CORE_LANGUAGES, parse_language

PHONE = "1-888-373-7888"
URL = "https://example.org/help"

CAMPAIGN_TOML = """
id = "test-flyer"
source_language = "en"
languages = [{languages}]

[contact]
phone = "{phone}"
url = "{url}"

[contact.text_line]
number = "233733"
keyword = "BeFree"
languages = ["en", "es"]

[messages]
headline = "Is someone forcing you to work?"
help = "You can get help."
free = "The call is free and private."
call = "Call {{phone}}"
text = "Or text {{text_keyword}} to {{text_number}}"
scan = "Scan for more help"

[flyer]
formats = ["letter", "a4", "tabloid", "tearoff", "wallet"]
headline = "headline"
body = ["help", "free"]
action = ["call", "text"]
qr_caption = "scan"
"""

# Short texts per language, one per message; "{phone}" is kept as a placeholder.
SAMPLES: dict[str, dict[str, str]] = {
    "es": {
        "headline": "¿Alguien le obliga a trabajar?",
        "help": "Puede recibir ayuda.",
        "free": "La llamada es gratis y privada.",
        "call": "Llame al {phone}",
        "scan": "Escanee para más ayuda",
    },
    "zh-Hans": {
        "headline": "有人强迫你工作吗？",
        "help": "你可以得到帮助。",
        "free": "电话免费，而且保密。",
        "call": "请拨打 {phone}",
        "scan": "扫码获取更多帮助",
    },
    "zh-Hant": {
        "headline": "有人強迫你工作嗎？",
        "help": "你可以得到幫助。",
        "free": "電話免費，而且保密。",
        "call": "請撥打 {phone}",
        "scan": "掃碼獲取更多幫助",
    },
    "vi": {
        "headline": "Có ai ép buộc bạn làm việc không?",
        "help": "Bạn có thể được giúp đỡ.",
        "free": "Cuộc gọi miễn phí và kín đáo.",
        "call": "Gọi {phone}",
        "scan": "Quét để được giúp thêm",
    },
    "ko": {
        "headline": "누군가 당신에게 일을 강요하나요?",
        "help": "도움을 받을 수 있습니다.",
        "free": "전화는 무료이며 비밀이 보장됩니다.",
        "call": "{phone} 번으로 전화하세요",
        "scan": "스캔하여 도움 받기",
    },
    "tl": {
        "headline": "May pumipilit ba sa iyo na magtrabaho?",
        "help": "Makakakuha ka ng tulong.",
        "free": "Libre at pribado ang tawag.",
        "call": "Tumawag sa {phone}",
        "scan": "I-scan para sa tulong",
    },
    "th": {
        "headline": "มีใครบังคับให้คุณทำงานไหม",
        "help": "คุณสามารถขอความช่วยเหลือได้",
        "free": "การโทรฟรีและเป็นความลับ",
        "call": "โทร {phone}",
        "scan": "สแกนเพื่อรับความช่วยเหลือ",
    },
    "ru": {
        "headline": "Вас заставляют работать?",
        "help": "Вы можете получить помощь.",
        "free": "Звонок бесплатный и тайный.",
        "call": "Звоните {phone}",
        "scan": "Сканируйте, чтобы узнать больше",
    },
    "uk": {
        "headline": "Вас змушують працювати?",
        "help": "Ви можете отримати допомогу.",
        "free": "Дзвінок безкоштовний і таємний.",
        "call": "Телефонуйте {phone}",
        "scan": "Скануйте, щоб дізнатися більше",
    },
    "ar": {
        "headline": "هل يجبرك أحد على العمل؟",
        "help": "يمكنك الحصول على المساعدة.",
        "free": "المكالمة مجانية وسرية.",
        "call": "اتصل بنا الآن {phone}",
        "scan": "امسح الرمز لمزيد من المساعدة",
    },
    "fa": {
        "headline": "آیا کسی شما را مجبور به کار می‌کند؟",
        "help": "می‌توانید کمک بگیرید.",
        "free": "تماس رایگان و محرمانه است.",
        "call": "تماس بگیرید {phone}",
        "scan": "برای کمک بیشتر اسکن کنید",
    },
    "hi": {
        "headline": "क्या कोई आपसे ज़बरदस्ती काम करवा रहा है?",
        "help": "आपको मदद मिल सकती है।",
        "free": "कॉल मुफ़्त और गोपनीय है।",
        "call": "{phone} पर कॉल करें",
        "scan": "और मदद के लिए स्कैन करें",
    },
    "ur": {
        "headline": "کیا کوئی آپ سے زبردستی کام کروا رہا ہے؟",
        "help": "آپ کو مدد مل سکتی ہے۔",
        "free": "کال مفت اور خفیہ ہے۔",
        "call": "کال کریں {phone}",
        "scan": "مزید مدد کے لیے اسکین کریں",
    },
    "pt": {
        "headline": "Alguém obriga você a trabalhar?",
        "help": "Você pode receber ajuda.",
        "free": "A ligação é grátis e sigilosa.",
        "call": "Ligue {phone}",
        "scan": "Escaneie para mais ajuda",
    },
    "fr": {
        "headline": "Quelqu’un vous force-t-il à travailler ?",
        "help": "Vous pouvez obtenir de l’aide.",
        "free": "L’appel est gratuit et confidentiel.",
        "call": "Appelez le {phone}",
        "scan": "Scannez pour plus d’aide",
    },
    "ht": {
        "headline": "Èske gen yon moun k ap fòse w travay?",
        "help": "Ou ka jwenn èd.",
        "free": "Apèl la gratis e prive.",
        "call": "Rele {phone}",
        "scan": "Eskane pou plis èd",
    },
    "so": {
        "headline": "Qof ma kugu qasbayaa inaad shaqeyso?",
        "help": "Waad heli kartaa caawimaad.",
        "free": "Wicitaanku waa bilaash oo qarsoodi.",
        "call": "Wac {phone}",
        "scan": "Iskaan garee caawimaad dheeraad ah",
    },
    "am": {
        "headline": "አንድ ሰው እንድትሠራ እያስገደደህ ነው?",
        "help": "እርዳታ ማግኘት ትችላለህ።",
        "free": "ጥሪው ነፃ እና ሚስጥራዊ ነው።",
        "call": "ይደውሉ {phone}",
        "scan": "ለተጨማሪ እርዳታ ይቃኙ",
    },
    "my": {
        "headline": "တစ်စုံတစ်ယောက်က သင့်ကို အတင်းအလုပ်ခိုင်းနေသလား။",
        "help": "သင် အကူအညီ ရနိုင်ပါသည်။",
        "free": "ဖုန်းခေါ်ဆိုမှုသည် အခမဲ့ဖြစ်ပြီး လျှို့ဝှက်ပါသည်။",
        "call": "{phone} ကို ဖုန်းဆက်ပါ",
        "scan": "နောက်ထပ်အကူအညီအတွက် စကင်ဖတ်ပါ",
    },
}


def write_campaign(
    tmp_path: Path, languages=tuple(t for t in CORE_LANGUAGES if t != "en"), phone: str = PHONE, url: str = URL
) -> Campaign:
    langs = ", ".join(f'"{tag}"' for tag in languages)
    return load_campaign(
        write_config(tmp_path / "campaign", CAMPAIGN_TOML.format(languages=langs, phone=phone, url=url))
    )


def edition(
    campaign: Campaign, tag: str, overrides: dict[str, str] | None = None, status: str = TRANSLATED
) -> LocalizedCampaign:
    """A language edition with the sample texts (or source text where no sample is written)."""
    if tag in ("en-XA", "ar-XB"):
        from campaigngen.catalogs.pseudo import pseudo_translate

        texts = {mid: pseudo_translate(m.text, tag) for mid, m in campaign.messages.items()}
        return LocalizedCampaign(campaign, parse_language(tag), texts, {mid: TRANSLATED for mid in texts})
    lang = campaign.language(tag) if tag != "en" else campaign.source_language
    texts = {mid: m.text for mid, m in campaign.messages.items()}
    texts.update(SAMPLES.get(tag, {}))
    texts.update(overrides or {})
    state = SOURCE if tag == campaign.source_language.tag else status
    return LocalizedCampaign(campaign, lang, texts, {mid: state for mid in texts})


def draft_edition(campaign: Campaign, tag: str) -> LocalizedCampaign:
    return edition(campaign, tag, status=FUZZY)


class RenderedOnce:
    """A module's flyers, each rendered once: flyers(tag, format_name) is render_flyer of
    edition(campaign, tag) in that format, made the first time a test asks for it and
    shared, read-only, with the module's other tests that ask for the same flyer (a module
    renders its Spanish and Arabic Letter flyers for several tests; each is ~1 s). The
    campaign is the module's own and fixed, the edition has no overrides and is not a draft:
    the language and the format are all that differ, and they are the key. A test that
    changes a flyer's files renders its own."""

    def __init__(self, campaign: Campaign, folder: Path) -> None:
        self.campaign = campaign
        self.folder = folder
        self._made: dict[tuple[str, str], list] = {}
        self._pdfs: dict[tuple[str, str], Path] = {}

    def __call__(self, tag: str, format_name: str) -> list:
        from campaigngen.renderers.flyer import render_flyer

        key = (tag, format_name)
        if key not in self._made:
            self._made[key] = render_flyer(edition(self.campaign, tag), format_name, self.folder / tag / format_name)
        return self._made[key]

    def pdf(self, tag: str, format_name: str) -> Path:
        """The flyer's PDF, for a test that reads nothing else: the full render's if a test
        has made it, else the PDF alone (render_flyer_pdf: the same bytes, see
        test_flyer_pdf, without drawing and compressing the 300-dpi PNG)."""
        from campaigngen.renderers.flyer import render_flyer_pdf

        key = (tag, format_name)
        if key in self._made:
            return self._made[key][0].path
        if key not in self._pdfs:
            path = self.folder / "pdf-only" / tag / format_name / f"flyer-{format_name}.pdf"
            self._pdfs[key] = render_flyer_pdf(edition(self.campaign, tag), format_name, path)
        return self._pdfs[key]
