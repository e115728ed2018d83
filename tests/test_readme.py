"""README's first steps work as written for a new user (issue 18.13)."""

import re
import shutil
import subprocess

import pytest

from policyparse.cli import iter_inputs, skipped_line
from tests.conftest import CORPUS, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_COMMAND = re.search(r"```bash\n(.*?)\n```", README, re.S).group(1)


def test_the_first_command_activates_the_virtualenv_the_examples_use():
    assert "source .venv/bin/activate" in FIRST_COMMAND
    assert FIRST_COMMAND.endswith("policyparse parse corpus -o corpus.jsonl")
    assert "`policyparse " in README and "source .venv/bin/activate` first" in README


def test_readme_quotes_the_skipped_line_the_first_command_prints():
    inputs, skipped = iter_inputs([str(CORPUS)])
    line = skipped_line(skipped)
    assert f"`policyparse: {line}`" in README
    assert len(inputs) == 53 and "53 records" in README and "gold records" in README


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_what_the_first_command_writes_is_ignored_by_git():
    res = subprocess.run(["git", "check-ignore", "-q", "corpus.jsonl"], cwd=ROOT)
    assert res.returncode == 0
