"""Shared set-up for the radio tests: a campaign written in tmp_path, real translations, and an
independent meter (reference_meter's BS.1770 loudness, our own 4x oversampled true peak,
soundfile.info for the format) that does not reuse the renderer's measuring code."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile
from campaign_kit import write_config
from reference_meter import integrated_loudness
from scipy.signal import resample_poly

from campaigngen.catalogs.localized import LocalizedCampaign
from campaigngen.sources.campaign import load_campaign
from campaigngen.sources.languages import parse_language

PHONE = "1-888-373-7888"

# Real sample texts (short, plain) for the languages the radio tests speak.
TEXTS = {
    "en": {
        "headline": "Is someone forcing you to work?",
        "help": "You can get help.",
        "free": "The call is free and private.",
        "call": "Call {phone}",
        "again": "Again: call {phone}",
    },
    "es": {
        "headline": "¿Alguien le obliga a trabajar?",
        "help": "Usted puede recibir ayuda.",
        "free": "La llamada es gratis y privada.",
        "call": "Llame al {phone}",
        "again": "Otra vez: llame al {phone}",
    },
    "vi": {
        "headline": "Có ai ép bạn làm việc không?",
        "help": "Bạn có thể được giúp đỡ.",
        "free": "Cuộc gọi miễn phí và kín đáo.",
        "call": "Hãy gọi {phone}",
        "again": "Nhắc lại: gọi {phone}",
    },
    "fr": {
        "headline": "Quelqu'un vous force à travailler ?",
        "help": "Vous pouvez obtenir de l'aide.",
        "free": "L'appel est gratuit et privé.",
        "call": "Appelez le {phone}",
        "again": "Encore une fois : appelez le {phone}",
    },
    "ar": {
        "headline": "هل يجبرك أحد على العمل؟",
        "help": "يمكنك الحصول على المساعدة.",
        "free": "المكالمة مجانية وسرية.",
        "call": "اتصل على {phone}",
        "again": "مرة أخرى: اتصل على {phone}",
    },
}


def write_campaign(
    folder: Path,
    *,
    script=("headline", "help", "free", "call", "again"),
    seconds: int = 30,
    languages=("es", "vi", "fr", "ar"),
    radio: str = "",
    extra_messages: str = "",
    extra: str = "",
) -> Path:
    messages = "\n".join(f'[messages.{mid}]\ntext = "{text}"\n' for mid, text in TEXTS["en"].items())
    langs = ", ".join(f'"{t}"' for t in languages if t != "en")  # English is the source
    script_ids = ", ".join(f'"{m}"' for m in script)
    return write_config(
        folder,
        f'''
id = "radio-test"
name = "Radio test"
source_language = "en"
languages = [{langs}]

[contact]
phone = "{PHONE}"
url = "https://example.org"

{messages}
{extra_messages}

[[spots]]
id = "{seconds}s"
seconds = {seconds}
script = [{script_ids}]

[radio]
{radio}
{extra}
''',
    )


def localized(folder: Path, tag: str, texts: dict[str, str] | None = None) -> LocalizedCampaign:
    campaign = load_campaign(folder)
    base = {m.id: m.text for m in campaign.messages.values()}  # source text stands in
    base.update(TEXTS.get(tag, {}))
    if texts:
        base.update(texts)
    return LocalizedCampaign(
        campaign=campaign, language=parse_language(tag), texts=base, status={mid: "translated" for mid in base}
    )


# ----------------------------------------------------------------------- independent meter


def true_peak_dbtp(samples: np.ndarray) -> float:
    over = resample_poly(np.asarray(samples, np.float64), 4, 1, axis=0)
    return float(20 * np.log10(np.max(np.abs(over))))


def meter(path: Path) -> dict:
    info = soundfile.info(str(path))
    data, rate = soundfile.read(str(path), dtype="float64")
    return {
        "frames": info.frames,
        "rate": info.samplerate,
        "subtype": info.subtype,
        "channels": info.channels,
        "lufs": integrated_loudness(data, rate),
        "dbtp": true_peak_dbtp(data),
        "data": data,
    }
