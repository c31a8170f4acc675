"""The ``campaigngen`` command. Verbs live one per module in ``campaigngen/commands/``.

Command modules are imported only when their verb runs (or ``--help`` lists them), and
they import heavy libraries inside their functions, so ``campaigngen --help`` stays instant.
"""

from __future__ import annotations

import errno
import importlib
import json
import pkgutil

import click

from campaigngen import __version__
from campaigngen import commands as commands_package
from campaigngen.exceptions import UserFacingError, environment_failure


def _verb_modules() -> dict[str, str]:
    """Verb name -> module name; a module ``models_cmd.py`` would be the verb ``models-cmd``."""
    return {
        info.name.replace("_", "-"): info.name
        for info in pkgutil.iter_modules(commands_package.__path__)
        if not info.name.startswith("_")
    }


class Reported(click.ClickException):
    """A failure of the pipeline as the command line shows it: its own line(s) on stderr and
    its exit code; under --json, also the error (code, plain sentence, detail) on stdout."""

    def __init__(self, error: UserFacingError, as_json: bool = False):
        super().__init__(error.message)
        self.error = error
        self.exit_code = error.exit_code
        self.as_json = as_json

    def show(self, file=None) -> None:
        if self.as_json:
            click.echo(json.dumps({"error": self.error.to_json()}, ensure_ascii=False, indent=2))
        for line in self.error.lines():
            click.echo(line, err=True, file=file)


class _LazyGroup(click.Group):
    def invoke(self, ctx: click.Context):
        """Every failure the pipeline reports, and any the machine raises (disk full,
        read-only, a path in the way): one line saying which file and what to do, its exit
        code, never a traceback."""
        as_json = "--json" in (*ctx.protected_args, *ctx.args)  # read now: invoking the verb empties them
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader went away (`| head -1`): click ends quietly, as any filter would
            error: UserFacingError = environment_failure(exc)
        except UserFacingError as exc:
            error = exc
        raise Reported(error, as_json) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_verb_modules())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module_name = _verb_modules().get(name)
        if module_name is None:
            return None
        module = importlib.import_module(f"{commands_package.__name__}.{module_name}")
        return module.command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="campaigngen")
def main() -> None:
    """Make outreach flyers and radio spots in the reader's language, checked before they leave."""
