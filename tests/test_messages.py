"""Issue 16 item 5: every finding message and command-line error in English and Chinese, from one
catalogue (budgetlint/messages.py).

- The catalogue is consistent: both texts of an entry have the same placeholders; a finding key names
  a rule that exists; every rule has its messages there.
- Every finding on the maintained budget, the published examples and their one-cell mutations carries
  its Chinese; `--lang zh` (or a Chinese locale) prints it in every output format, and `--jobs` keeps it.
"""

from __future__ import annotations

import json
import pickle
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, MAINTAINED, ROOT, TODAY

from budgetlint.cli import main
from budgetlint.lint import check_file, lint
from budgetlint.messages import EN, MESSAGES, ZH, Message, in_language, language_from_environment, say
from budgetlint.rules import CATALOGUE

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
RULE_IDS = {entry.id for entry in CATALOGUE}


def fields(template: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(template) if name)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_texts_of_an_entry_have_the_same_placeholders(key: str) -> None:
    en, zh = MESSAGES[key]
    assert en.strip() and zh.strip(), key
    assert set(fields(en)) == set(fields(zh)) | ({"s"} & set(fields(en))), key  # `s`: English plurals only


def test_finding_keys_name_rules_that_exist() -> None:
    prefixes = {key.split(".")[0] for key in MESSAGES}
    assert {prefix for prefix in prefixes if prefix[:1].isupper()} <= RULE_IDS


def test_every_rule_has_its_messages_in_the_catalogue() -> None:
    with_messages = {key.split(".")[0] for key in MESSAGES}
    assert sorted(RULE_IDS - with_messages) == []


def test_a_message_keeps_its_chinese_through_a_clause_and_a_pickle() -> None:
    message = say("report.summary", files=say("report.files", count=2, s="s"),
                  errors=say("report.errors", count=1, s=""), warnings=say("report.warnings", count=0, s="s"))
    assert str(message) == "2 files checked: 1 error, 0 warnings"
    assert message.zh == "检查 2 个文件：1 个错误，0 个警告"
    copied = pickle.loads(pickle.dumps(message))
    assert isinstance(copied, Message) and copied.zh == message.zh and copied == message


@pytest.mark.parametrize("environment, language", [
    ({"LANG": "zh_CN.UTF-8"}, ZH), ({"LANG": "en_US.UTF-8"}, EN), ({}, EN),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, EN), ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}, ZH),
])
def test_the_language_follows_the_locale(environment: dict[str, str], language: str) -> None:
    assert language_from_environment(environment) == language


def chinese_of(findings: list) -> list[str]:
    """The Chinese of each finding, failing on a finding that has none."""
    out = []
    for finding in findings:
        assert isinstance(finding.message, Message) and finding.message.zh, (finding.rule, finding.message)
        assert "{" not in finding.message.zh or "{" in str(finding.message), finding.message.zh
        out.append(finding.message.zh)
    return out


@pytest.mark.parametrize("path", [MAINTAINED, *EXAMPLES], ids=lambda path: path.name)
def test_every_finding_of_the_maintained_and_example_budgets_has_its_chinese(path: Path) -> None:
    findings = check_file(path, today=TODAY)
    chinese_of(findings)


def test_check_speaks_chinese_with_lang_or_a_chinese_locale() -> None:
    english = CliRunner().invoke(main, ["check", str(EXAMPLE)])
    chinese = CliRunner().invoke(main, ["--lang", "zh", "check", str(EXAMPLE)])
    by_locale = CliRunner(env={"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}).invoke(
        main, ["check", str(EXAMPLE)])
    assert english.exit_code == chinese.exit_code == by_locale.exit_code == 1
    assert chinese.output == by_locale.output != english.output
    assert chinese.output.splitlines()[-1].startswith("检查 1 个文件：")
    expected = [in_language(f.message, ZH) for f in check_file(EXAMPLE)]
    assert all(any(line.endswith(text) for line in chinese.output.splitlines()) for text in expected)
    # English again in the next run of the same process: a run's language does not stay behind
    assert CliRunner().invoke(main, ["check", str(EXAMPLE)]).output == english.output


def test_json_gives_both_languages_and_the_chosen_one_as_message() -> None:
    report = json.loads(CliRunner().invoke(main, ["--lang", "zh", "check", "--format", "json", str(EXAMPLE)]).output)
    for finding in report["findings"]:
        assert finding["message"] == finding["messages"]["zh"] != finding["messages"]["en"]


@pytest.mark.parametrize("output_format", ["github", "sarif"])
def test_annotations_speak_chinese(output_format: str) -> None:
    output = CliRunner().invoke(main, ["--lang", "zh", "check", "--format", output_format, str(EXAMPLE)]).output
    first = check_file(EXAMPLE)[0]
    # GitHub escapes `%` and line breaks in a workflow command; SARIF is JSON
    assert in_language(first.message, ZH) in output.replace("%0A", "\n").replace("%25", "%").replace('\\"', '"')


def test_findings_from_parallel_workers_keep_their_chinese(tmp_path: Path) -> None:
    for number in range(8):
        (tmp_path / f"{number}").mkdir()
        (tmp_path / f"{number}" / "2023.yaml").write_bytes(EXAMPLE.read_bytes())
    result = lint([str(tmp_path)], jobs=2, today=TODAY)
    assert len(chinese_of(result.findings)) == 8 * len(check_file(EXAMPLE, today=TODAY))


def test_command_line_errors_speak_chinese() -> None:
    result = CliRunner().invoke(main, ["--lang", "zh", "explain", "Z999"])
    assert result.exit_code == 2 and "未知的规则 `Z999`" in result.output
    result = CliRunner().invoke(main, ["--lang", "zh", "check", "--select", "Q9"])
    assert result.exit_code == 2 and "未知的规则" in result.output
