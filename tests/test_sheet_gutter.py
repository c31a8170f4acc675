"""Two languages side by side on a sheet must read as two columns, to the eye and to text
copy: a new campaign's short lines are set large (up to 64 pt headlines), and a gutter that
stays 0.35 in while the type grows reads as a word space ("Is someone ¿Alguien")."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from campaign_kit import edit_config
from cli_kit import cli_runner

from campaigngen.cli import main

SPANISH = {
    "headline": "¿Alguien le obliga a trabajar?",
    "help": "Usted puede recibir ayuda.",
    "call": "Llame al {phone}",
    "scan": "Escanee para recibir más ayuda",
    "again": "Otra vez: llame al {phone}",
}


def _new_campaign_with_a_sheet(root: Path) -> None:
    runner = cli_runner()
    assert runner.invoke(main, ["new", "laundromat", "--languages", "es"]).exit_code == 0
    with edit_config(root / "content" / "laundromat") as config:
        config["contact"]["phone"] = "1-888-373-7888"
        config["contact"]["url"] = "https://humantraffickinghotline.org"
        config["flyer"]["formats"] = ["wallet"]
        config["flyer"]["multilingual"] = [["en", "es"]]
        del config["spots"]
    assert runner.invoke(main, ["extract", "laundromat"]).exit_code == 0
    path = root / "locales" / "es" / "LC_MESSAGES" / "laundromat.po"
    with path.open("rb") as source:
        catalog = read_po(source)
    for message in catalog:
        if message.id and message.context in SPANISH:
            message.string = SPANISH[message.context]
            message.flags.discard("fuzzy")
    with path.open("wb") as out:
        write_po(out, catalog)


@pytest.mark.slow
def test_a_new_campaigns_two_column_sheet_builds_and_copies_out_column_by_column(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _new_campaign_with_a_sheet(tmp_path)
    built = cli_runner().invoke(main, ["build", "laundromat"])
    assert built.exit_code == 0, built.stdout + built.stderr
    pdf = tmp_path / "output" / "laundromat" / "multilingual" / "flyer-multilingual-en-es.pdf"
    copied = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line for line in copied.splitlines() if line.strip()]
    # No line holds words of both headlines: each column copies out on its own.
    english, spanish = {"Is", "someone", "forcing", "work?"}, {"¿Alguien", "obliga", "trabajar?"}
    mixed = [line for line in lines if set(line.split()) & english and set(line.split()) & spanish]
    assert mixed == [], mixed
