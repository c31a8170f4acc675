"""The commands as a user runs them, through click's CliRunner, with stdout and stderr apart."""

from __future__ import annotations

import inspect

from click.testing import CliRunner


def cli_runner() -> CliRunner:
    """A runner whose results keep what a command prints (result.stdout) apart from its errors
    (result.stderr). Click 8.2 and later always do; 8.1 (which gTTS still pins) does only when
    asked with mix_stderr=False, a keyword 8.2 removed. Tests read result.stdout and
    result.stderr, never result.output, so they mean the same under either."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()
