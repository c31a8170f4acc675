"""campaigngen voices list | voices install FILE.onnx"""

from __future__ import annotations

from pathlib import Path

import click


@click.group("voices")
def command() -> None:
    """Offline neural voices (Piper) for radio spots, installed from files."""


@command.command("list")
def list_voices() -> None:
    """Show installed Piper voices: language, name, sample rate, where they live."""
    from campaigngen.renderers.radio.piper import installed_voices, voices_dir

    voices = installed_voices()
    if not voices:
        click.echo(f"no Piper voices in {voices_dir()} - install one with: campaigngen voices install FILE.onnx")
        return
    for voice in voices:
        click.echo(f"{voice.language:8} {voice.name:32} {voice.sample_rate} Hz {voice.quality:7} {voice.model}")


@command.command("install")
@click.argument("model", type=click.Path(path_type=Path, dir_okay=False))
def install(model: Path) -> None:
    """Check a Piper voice (FILE.onnx with FILE.onnx.json beside it), then install it."""
    from campaigngen.renderers.radio.piper import install_voice

    voice = install_voice(model)
    click.echo(
        f"installed {voice.name} ({voice.language}, {voice.sample_rate} Hz) in {voice.model.parent} - "
        f'list "piper" in [radio.engines] to use it'
    )
