"""The README, run as a new user would: every verb in its command table exists and answers
--help, and the commands of `make demo` and of the translating walk-through succeed, in the
order written, on a two-language cut of the sample campaign."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from campaign_kit import SAMPLE, sample_campaign
from click.testing import CliRunner

from campaigngen.cli import main

pytestmark = pytest.mark.forks  # the README's commands as a user runs them

PROJECT = Path(__file__).resolve().parent.parent
README = (PROJECT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (PROJECT / "Makefile").read_text(encoding="utf-8")


def documented_verbs() -> list[tuple[str, ...]]:
    """('new',), ('models', 'install'), ... as the README's command table names them: a verb,
    and for a verb with sub-commands (models, voices, keys) the word after it."""
    section = README.split("## Commands", 1)[1].split("\n## ", 1)[0]
    verbs = set()
    for row in re.findall(r"^\| (.+?) \|", section, flags=re.M):
        for usage in re.findall(r"`([^`]+)`", row):
            words = usage.removeprefix("campaigngen ").split()
            command = main.get_command(click.Context(main), words[0])
            grouped = isinstance(command, click.Group) and len(words) > 1
            verbs.add((words[0], words[1]) if grouped else (words[0],))
    return sorted(verbs)


def readme_commands(after: str, before: str) -> list[list[str]]:
    """The indented `campaigngen ...` lines of one README section, as argument lists."""
    section = README.split(after, 1)[1].split(before, 1)[0]
    return [
        shlex.split(line)[1:]
        for line in re.findall(r"^ {4,}campaigngen (.+)$", section, flags=re.M)
        for line in ["campaigngen " + line]
    ]


def demo_commands() -> list[list[str]]:
    """The campaigngen lines of the Makefile's demo recipe, shell redirections left out."""
    recipe = MAKEFILE.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = []
    for line in re.findall(r"\$\(BIN\)/campaigngen ([^>;|\n]+)", recipe):
        commands.append(shlex.split(line.replace("$(CAMPAIGN)", SAMPLE)))
    return commands


def test_the_command_table_lists_every_verb_and_each_answers_help():
    verbs = documented_verbs()
    cli_verbs = set(main.list_commands(None))
    assert {v[0] for v in verbs} == cli_verbs, "README's command table and the CLI differ"
    assert ("models", "install") in verbs and ("keys", "new") in verbs
    runner = CliRunner()
    for verb in verbs:
        result = runner.invoke(main, [*verb, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, (verb, result.output)


@pytest.mark.slow
def test_make_demo_and_the_translating_walkthrough_run_as_written(tmp_path, monkeypatch):
    sample_campaign(tmp_path, languages=("es",), formats=("letter",))  # English, the source, and Spanish
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    demo = demo_commands()
    assert [c[0] for c in demo] == ["build", "check", "review"]
    walkthrough = readme_commands("## Translating: extract", "### Installing a translation model")
    # translate needs an installed model; tests/test_translate.py runs it on a model it builds.
    walkthrough = [c for c in walkthrough if c[0] != "translate"]
    assert [c[0] for c in walkthrough] == ["extract", "status", "check", "build", "review", "publish"]
    for command in demo + walkthrough:
        result = runner.invoke(main, command)
        assert result.exit_code == 0, f"campaigngen {shlex.join(command)}: {result.output}"
    assert (tmp_path / "output" / SAMPLE / "index.html").is_file()
    latest = tmp_path / "releases" / SAMPLE / "latest"
    assert (latest / "manifest.json").is_file()
    verified = runner.invoke(main, ["verify", str(latest)])
    assert verified.exit_code == 0, verified.output
