"""The Argos engine: its optional extra, imported only when machine translation is asked for,
and one installed model driven sentence by sentence.

The caller splits sentences itself, so Argos never reaches for its MiniSBD/Stanza splitters
(which download at run time).
"""

from __future__ import annotations

from campaigngen.exceptions import MissingDependency
from campaigngen.mt.models import ModelInfo

INSTALL_EXTRA = "pip install 'campaigngen[mt]'"


def require_argos() -> None:
    """The optional extra, imported only when machine translation is asked for."""
    try:
        import argostranslate  # noqa: F401
        import ctranslate2  # noqa: F401
        import sentencepiece  # noqa: F401
    except ImportError:
        raise MissingDependency(f"machine translation needs the optional extra: {INSTALL_EXTRA}") from None


class ArgosEngine:
    """One installed Argos package, driven sentence by sentence."""

    def __init__(self, model: ModelInfo):
        require_argos()
        import ctranslate2
        from argostranslate.package import Package
        from argostranslate.sbd import ISentenceBoundaryDetectionModel
        from argostranslate.translate import apply_packaged_translation

        class OneSentence(ISentenceBoundaryDetectionModel):
            """The project already split the text: hand Argos one sentence as one sentence."""

            def split_sentences(self, text: str) -> list[str]:
                return [text]

        self.model = model
        self._package = Package(model.path)
        self._translator = ctranslate2.Translator(str(model.path / "model"), device="cpu", inter_threads=1)
        self._splitter = OneSentence()
        self._apply = apply_packaged_translation

    def __call__(self, sentence: str) -> str:
        return self._apply(self._package, sentence, self._translator, self._splitter, 1)[0].value
