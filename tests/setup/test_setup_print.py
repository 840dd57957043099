"""`podview setup --print` against the fake Asana: the proposal for an agency under its own names, and for the demo's defaults."""

from __future__ import annotations

import copy
import tomllib

from podview.cli import main
from podview.config import Config, load_config
from tests.fake_asana.renamed import MAPPED_CONFIG, default_names, team_names
from tests.setup.conftest import sync_with
from tests.sync.conftest import CONFIG, assert_same_reports, reports


def printed(capsys, env) -> tuple[int, str, str]:
    code = main(["setup", "--print"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def mapped(config: Config) -> tuple:
    """What setup decides: the pods, fields, sections and training tables, and the zone."""
    return config.timezone, config.pods, config.fields, config.sections, config.training


def test_own_names_print_the_mapping_a_person_would_write(serve, own_names, two_pods, env, capsys, tmp_path):
    serve(own_names)
    code, out, err = printed(capsys, env)
    assert code == 0, err
    written = tmp_path / "proposed.toml"
    written.write_text(out)
    proposed = load_config(written)
    (tmp_path / "mapped.toml").write_text(MAPPED_CONFIG)
    assert mapped(proposed) == mapped(load_config(tmp_path / "mapped.toml"))
    assert "pattern = '^Squad\\b'" in out and "[x] Squad 1 · Atlas" in out and "[ ] Leadership" in out
    assert 'result = "Outcome"  # enum, on 8 of 8 projects; options Won, Lost, No call (high confidence)' in out

    assert not sync_with(own_names, tmp_path / "own.db", proposed).partial
    sync_with(two_pods, tmp_path / "default.db", CONFIG)
    actual = default_names(reports(tmp_path / "own.db"), team_names(two_pods))
    assert_same_reports(actual, reports(tmp_path / "default.db"))


def test_the_demo_names_are_the_defaults_and_the_file_says_so(serve, two_pods, env, capsys, tmp_path):
    serve(two_pods)
    code, out, _ = printed(capsys, env)
    assert code == 0
    assert out.startswith("# podview config proposed by `podview setup`: every name below is podview's default.")
    (tmp_path / "proposed.toml").write_text(out)
    assert mapped(load_config(tmp_path / "proposed.toml")) == mapped(Config(timezone="America/New_York"))


def test_what_setup_does_not_decide_is_kept_from_the_existing_file(serve, own_names, env, capsys):
    serve(own_names)
    (env / "config.toml").write_text(
        'timezone = "Europe/Paris"\nexports_dir = "~/minutes"\n[asana]\nlookback_weeks = 8\n'
        '[tactics]\nconfidence = 90.0\n[risk.weights]\nnew_client = 20\n[keys]\n"go.risk" = "r"\n[fields]\nresult = "Result"\n'
    )
    code, out, _ = printed(capsys, env)
    assert code == 0
    document = tomllib.loads(out)
    assert document["timezone"] == "America/New_York" and document["fields"]["result"] == "Outcome"
    assert document["asana"] == {"lookback_weeks": 8} and document["tactics"] == {"confidence": 90.0}
    assert document["risk"] == {"weights": {"new_client": 20}} and document["keys"] == {"go.risk": "r"}
    assert document["exports_dir"] == "~/minutes"


def test_a_pod_named_apart_from_the_others_is_listed_by_name(serve, own_names, env, capsys, tmp_path):
    dump = copy.deepcopy(own_names)
    beacon = next(team for team in dump["teams"] if team["name"] == "Squad 2 · Beacon")
    beacon["name"] = "Beacon crew"
    serve(dump)
    code, out, _ = printed(capsys, env)
    assert code == 0
    (tmp_path / "proposed.toml").write_text(out)
    assert load_config(tmp_path / "proposed.toml").pods.teams == ("Squad 1 · Atlas", "Beacon crew")


def test_a_workspace_with_no_pod_prints_the_defaults_and_exits_3(serve, two_pods, env, capsys):
    dump = copy.deepcopy(two_pods)
    dump["workspace"]["is_organization"] = False
    for key in ("team_users", "team_projects", "custom_field_settings", "sections", "tasks", "goals", "status_updates", "stories"):
        dump[key] = {}
    dump["teams"] = []
    serve(dump)
    code, out, err = printed(capsys, env)
    assert code == 3
    assert "personal workspace" in err and "[pods]" in err
    tomllib.loads(out)


def test_a_refused_token_exits_2(serve, two_pods, env, monkeypatch, capsys):
    serve(two_pods)
    monkeypatch.setenv("ASANA_TOKEN", "not-the-token")
    code, out, err = printed(capsys, env)
    assert code == 2 and out == "" and "podview auth login" in err


def test_the_screens_need_a_terminal_and_say_what_scripts_use(env, capsys):
    code = main(["setup"])
    err = capsys.readouterr().err
    assert code == 1 and "podview setup --print > config.toml" in err
