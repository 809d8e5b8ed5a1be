"""Docs that cannot drift: every command, option and setting is in README, and has help text."""

from __future__ import annotations

import re
from dataclasses import fields

import click
import pytest
import typer.main

from detente.cli import app
from detente.settings import Settings

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands():
    root = typer.main.get_command(app)
    for name, command in sorted(root.commands.items()):
        if isinstance(command, click.Group):
            for sub_name, sub in sorted(command.commands.items()):
                yield f"{name} {sub_name}", sub
        else:
            yield name, command


COMMANDS = list(_commands())


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_is_documented_with_its_options(name, command):
    assert (command.help or "").strip(), f"detente {name} has no help text"
    rows = [line for line in README.splitlines() if line.startswith(f"| `detente {name}")]
    assert rows, f"README's command reference has no row for detente {name}"
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in rows[0] for opt in param.opts), f"detente {name}: {param.opts} missing from README"
            assert (param.help or "").strip(), f"detente {name} {param.opts[0]} has no help text"


@pytest.mark.parametrize("setting", [f.name for f in fields(Settings)])
def test_every_setting_is_documented(setting):
    assert re.search(rf"^\| `{setting}` \|", README, re.MULTILINE), f"setting {setting} missing from README"
