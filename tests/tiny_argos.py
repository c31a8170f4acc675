"""Build a tiny but valid Argos Translate package offline, for tests and benchmarks.

Real packages are ~100 MB downloads. This one is a SentencePiece model trained on a few
hundred generated lines plus a 1-layer CTranslate2 Transformer with small random weights.
Its output is nonsense, but install_from_path, SentencePiece and CTranslate2 all run for
real, so the translate path is exercised end to end without a network.
"""

from __future__ import annotations

import json
import random
import tempfile
import zipfile
from pathlib import Path

MODEL_DIM = 16
FFN_DIM = 32
HEADS = 2
VOCAB_SIZE = 80
PACKAGE_VERSION = "0.0.1"

# Letters only: the model can never emit a digit, a brace or a dot, so anything of the kind
# in a draft came from the project's own placeholder restoring, which is what tests check.
_WORDS = (
    "help call free private name speak language open hours every day someone work you can "
    "get forcing do not have give we your is the or text scan for more again"
).split()


def _training_lines(count: int = 400) -> list[str]:
    rng = random.Random(7)
    return [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(3, 9))) for _ in range(count)]


def _train_sentencepiece(folder: Path) -> list[str]:
    import sentencepiece as spm

    corpus = folder / "corpus.txt"
    corpus.write_text("\n".join(_training_lines()), encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(folder / "sentencepiece"),
        vocab_size=VOCAB_SIZE,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    corpus.unlink()
    (folder / "sentencepiece.vocab").unlink()
    processor = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _shape(path: str, vocab: int) -> tuple[int, ...]:
    """Shape of a required weight, from where it sits in the Transformer."""
    if path.endswith(("gamma", "beta")):
        return (MODEL_DIM,)
    if "embeddings" in path or path.startswith("decoder.projection"):
        return (vocab, MODEL_DIM)
    if "position_encodings" in path:
        return (256, MODEL_DIM)
    if "ffn.linear_0" in path:
        return (FFN_DIM, MODEL_DIM)
    if "ffn.linear_1" in path:
        return (MODEL_DIM, FFN_DIM)
    if "self_attention.linear[0]" in path:
        return (3 * MODEL_DIM, MODEL_DIM)  # fused query, key, value
    if "attention.linear[1]" in path and "self_attention" not in path:
        return (2 * MODEL_DIM, MODEL_DIM)  # cross attention: fused key, value
    return (MODEL_DIM, MODEL_DIM)


def _fill(layer, path: str, vocab: int, rng) -> None:
    """Give every required (None) weight a small random value."""
    from ctranslate2.specs import model_spec

    for name, value in list(vars(layer).items()):
        here = f"{path}.{name}"
        if isinstance(value, model_spec.LayerSpec):
            _fill(value, here, vocab, rng)
        elif isinstance(value, list) and value and isinstance(value[0], model_spec.LayerSpec):
            for index, item in enumerate(value):
                _fill(item, f"{here}[{index}]", vocab, rng)
        elif value is None:
            shape = _shape(here, vocab)
            if name == "gamma":
                setattr(layer, name, rng.normal(1.0, 0.01, shape).astype("float32"))
            else:
                setattr(layer, name, rng.normal(0.0, 0.1, shape).astype("float32"))


def _convert_model(folder: Path, vocabulary: list[str]) -> None:
    import numpy as np
    from ctranslate2.converters.converter import Converter
    from ctranslate2.specs import transformer_spec

    class RandomTransformer(Converter):
        def _load(self):
            spec = transformer_spec.TransformerSpec.from_config(1, HEADS)
            rng = np.random.default_rng(7)
            _fill(spec.encoder, "encoder", len(vocabulary), rng)
            _fill(spec.decoder, "decoder", len(vocabulary), rng)
            spec.register_source_vocabulary(vocabulary)
            spec.register_target_vocabulary(vocabulary)
            return spec

    RandomTransformer().convert(str(folder / "model"), force=True)


def build_package(out_dir: Path, from_code: str = "en", to_code: str = "es") -> Path:
    """Write ``translate-<from>_<to>-tiny.argosmodel`` into out_dir and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = f"translate-{from_code}_{to_code}-tiny"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        vocabulary = _train_sentencepiece(folder)
        _convert_model(folder, vocabulary)
        (folder / "metadata.json").write_text(
            json.dumps(
                {
                    "package_version": PACKAGE_VERSION,
                    "argos_version": "1.11.0",
                    "type": "translate",
                    "from_code": from_code,
                    "from_name": from_code,
                    "to_code": to_code,
                    "to_name": to_code,
                    "links": [],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
        archive = out_dir / f"{name}.argosmodel"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(folder.rglob("*")):
                zf.write(file, file.relative_to(Path(tmp)).as_posix())
    return archive


if __name__ == "__main__":
    import sys
    import time

    started = time.perf_counter()
    built = build_package(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
    print(f"{built} ({built.stat().st_size} bytes) in {time.perf_counter() - started:.2f} s")
