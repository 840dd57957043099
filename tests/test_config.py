"""The config loader: defaults, a full file read back, and messages a user can act on."""

from __future__ import annotations

import textwrap

import platformdirs
import pytest

from podview.config import (
    DEFAULT_RISK_WEIGHTS,
    AsanaConfig,
    Config,
    ConfigError,
    FieldsConfig,
    PacingConfig,
    PodsConfig,
    SectionsConfig,
    TacticsConfig,
    TrainingConfig,
    default_config_path,
    load_config,
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    """No test sees the developer's PODVIEW_CONFIG, and the default dir is an empty temp folder."""
    monkeypatch.delenv("PODVIEW_CONFIG", raising=False)
    fake_dir = tmp_path / "user-config"
    monkeypatch.setattr(platformdirs, "user_config_path", lambda app: fake_dir / app)
    monkeypatch.setenv("TZ", "America/Chicago")


def write(tmp_path, text: str, name: str = "config.toml"):
    """Write a config file and return its path."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_of(path) -> str:
    """The ConfigError message loading `path` produces."""
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return str(caught.value)


def problem_of(tmp_path, toml: str) -> str:
    """The one problem a file holds, after checking that the message starts with the file's path."""
    path = write(tmp_path, toml)
    message = error_of(path)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


# --- where the file is -------------------------------------------------------


def test_default_path_is_config_toml_in_the_user_config_dir(tmp_path):
    assert default_config_path() == tmp_path / "user-config" / "podview" / "config.toml"


def test_no_file_at_the_default_path_gives_defaults_in_the_local_zone():
    config = load_config()
    assert config == Config(timezone="America/Chicago")
    assert config.source is None
    assert config.risk_weights == DEFAULT_RISK_WEIGHTS


def test_file_at_the_default_path_is_read(tmp_path):
    path = default_config_path()
    path.parent.mkdir(parents=True)
    path.write_text("[asana]\nlookback_weeks = 4\n", encoding="utf-8")
    config = load_config()
    assert config.asana.lookback_weeks == 4
    assert config.source == str(path)


def test_podview_config_overrides_the_default_path(tmp_path, monkeypatch):
    path = write(tmp_path, 'timezone = "Asia/Tokyo"\n', name="elsewhere.toml")
    monkeypatch.setenv("PODVIEW_CONFIG", str(path))
    assert default_config_path() == path
    config = load_config()
    assert config.timezone == "Asia/Tokyo"
    assert config.source == str(path)


def test_missing_file_named_by_podview_config_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "typo.toml"
    monkeypatch.setenv("PODVIEW_CONFIG", str(path))
    with pytest.raises(ConfigError) as caught:
        load_config()
    message = str(caught.value)
    assert message.startswith(f"{path}: no such config file; ")
    assert "PODVIEW_CONFIG" in message


def test_missing_explicit_file_is_an_error(tmp_path):
    path = tmp_path / "nope.toml"
    message = error_of(path)
    assert message.startswith(f"{path}: no such config file; ")


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, '[asana]\nworkspace = "Acme\n')
    message = error_of(path)
    assert message.startswith(f"{path}: not valid TOML: ")
    assert "line 2" in message


def test_directory_instead_of_file_is_an_error(tmp_path):
    folder = tmp_path / "config.toml"
    folder.mkdir()
    assert error_of(folder).startswith(f"{folder}: cannot read the config file")


# --- a valid file ------------------------------------------------------------


FULL = """\
timezone = " Europe/Berlin "

[asana]
workspace = "Acme Agency"
lookback_weeks = 8

[pods]
teams = ["Pod Alpha", " 1201234567890 "]
pattern = "^Squad\\\\b"

[fields]
type = "Kind"
tactic = "Tactic kind"
result = "Outcome"
confidence = "Stat sig"
original_due = "First due"
postpone_reason = "Why later"
mrr = "Retainer"
client_since = "Signed"
monthly_budget = "Budget"
spend_mtd = "Spent"
cpa = "Cost per lead"
target_cpa = "Target cost per lead"
score = "Test score"
weekly_goal = "Goal"
tactic_option = "Experiment"
action_item = "Todo"
win = "Won"
loss = "Lost"
inconclusive = "Unclear"

[sections]
weekly_goals = "Goals"
tactics = "Experiments"
action_items = "  Todos  "

[tactics]
confidence = 90

[pacing]
on_track = 1
at_risk = 0.5

[risk.weights]
goal_off_track = 40
goal_at_risk = 20
weekly_hit_rate_low = 0
postponements = 5
deadline_moved = 12
loss_streak = 3
new_client = 8
status_red = 25
status_yellow = 9
spend_pacing = 11
cpa_high = 13
period_ending = 2

[training]
projects = ["Onboarding course", " 1209999999999 "]
pattern = '^Course\\b'
"""


def test_full_file_is_read_back_field_by_field(tmp_path):
    path = write(tmp_path, FULL)
    config = load_config(path)
    assert config.source == str(path)
    assert config.timezone == "Europe/Berlin"
    assert config.asana == AsanaConfig(workspace="Acme Agency", lookback_weeks=8)
    assert config.pods == PodsConfig(teams=("Pod Alpha", "1201234567890"), pattern=r"^Squad\b")
    assert config.fields == FieldsConfig(
        type="Kind",
        tactic="Tactic kind",
        result="Outcome",
        confidence="Stat sig",
        original_due="First due",
        postpone_reason="Why later",
        mrr="Retainer",
        client_since="Signed",
        monthly_budget="Budget",
        spend_mtd="Spent",
        cpa="Cost per lead",
        target_cpa="Target cost per lead",
        score="Test score",
        weekly_goal="Goal",
        tactic_option="Experiment",
        action_item="Todo",
        win="Won",
        loss="Lost",
        inconclusive="Unclear",
    )
    assert config.sections == SectionsConfig(
        weekly_goals="Goals", tactics="Experiments", action_items="Todos"
    )
    assert config.tactics == TacticsConfig(confidence=90.0)
    assert config.pacing == PacingConfig(on_track=1.0, at_risk=0.5)
    assert isinstance(config.tactics.confidence, float)
    assert isinstance(config.pacing.on_track, float)
    assert config.risk_weights == {
        "goal_off_track": 40,
        "goal_at_risk": 20,
        "weekly_hit_rate_low": 0,
        "postponements": 5,
        "deadline_moved": 12,
        "loss_streak": 3,
        "new_client": 8,
        "status_red": 25,
        "status_yellow": 9,
        "spend_pacing": 11,
        "cpa_high": 13,
        "period_ending": 2,
    }
    assert config.training == TrainingConfig(
        projects=("Onboarding course", "1209999999999"), pattern=r"^Course\b"
    )


def test_partial_file_keeps_every_other_default(tmp_path):
    config = load_config(write(tmp_path, "[pacing]\nat_risk = 0.6\n"))
    assert config.pacing == PacingConfig(on_track=0.9, at_risk=0.6)
    assert config.timezone == "America/Chicago"
    assert config.asana == AsanaConfig()
    assert config.fields == FieldsConfig()


def test_partial_risk_weights_keep_other_defaults(tmp_path):
    config = load_config(write(tmp_path, "[risk.weights]\nloss_streak = 25\nnew_client = 0\n"))
    expected = dict(DEFAULT_RISK_WEIGHTS, loss_streak=25, new_client=0)
    assert config.risk_weights == expected
    assert DEFAULT_RISK_WEIGHTS["loss_streak"] == 10


def test_keys_table_maps_binding_ids_to_keys(tmp_path):
    config = load_config(write(tmp_path, '[keys]\n"go.risk" = "r"\n"sync" = "ctrl+r, f5"\n'))
    assert config.keys == {"go.risk": "r", "sync": "ctrl+r,f5"}


def test_a_key_that_is_not_a_key_name_is_an_error(tmp_path):
    problem = problem_of(tmp_path, '[keys]\n"go.risk" = 5\n')
    assert problem == (
        "keys.go.risk = 5 (an integer) is not allowed: it must be a key name such as "
        '"r" or "ctrl+r", or several separated by commas'
    )


def test_empty_team_list_is_allowed(tmp_path):
    assert load_config(write(tmp_path, "[pods]\nteams = []\n")).pods.teams == ()


# --- the exports folder ------------------------------------------------------


def test_exports_go_to_podview_in_the_documents_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.setattr(platformdirs, "user_documents_path", lambda: tmp_path / "Documents")
    config = load_config(write(tmp_path, 'timezone = "UTC"\n'))
    assert config.exports_dir is None
    assert config.exports_folder() == tmp_path / "Documents" / "podview"


def test_exports_dir_is_read_with_the_home_folder_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    config = load_config(write(tmp_path, 'exports_dir = "~/Shared/podview exports"\n'))
    assert config.exports_folder() == tmp_path / "me" / "Shared" / "podview exports"
    assert load_config(write(tmp_path, f'exports_dir = "{tmp_path}"\n')).exports_folder() == tmp_path


@pytest.mark.parametrize(
    ("toml", "found"),
    [
        ('exports_dir = "exports"', " (a relative path)"),
        ('exports_dir = ""', ""),
        ("exports_dir = 3", " (an integer)"),
        ('exports_dir = "{file}"', " (a file that is not a folder)"),
    ],
)
def test_an_unusable_exports_dir_is_an_error_naming_file_key_and_what_is_allowed(
    tmp_path, toml, found
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    problem = problem_of(tmp_path, toml.format(file=blocker) + "\n")
    assert problem.startswith("exports_dir = ") and f"{found} is not allowed" in problem
    assert problem.endswith(
        'it must be a folder path such as "~/Documents/podview" (absolute, or starting with ~)'
    )


# --- unknown names -----------------------------------------------------------


def test_unknown_key_suggests_the_closest_one(tmp_path):
    path = write(tmp_path, "[asana]\nlookback_week = 3\n")
    assert error_of(path) == (
        f"{path}: asana.lookback_week is not a known key; did you mean `lookback_weeks`? "
        "([asana] allows: workspace, lookback_weeks)"
    )


def test_unknown_risk_signal_suggests_the_closest_signal(tmp_path):
    problem = problem_of(tmp_path, "[risk.weights]\nlos_streak = 3\n")
    assert problem.startswith(
        "risk.weights.los_streak is not a known key; did you mean `loss_streak`? "
        "([risk.weights] allows: goal_off_track, goal_at_risk,"
    )
    assert problem.endswith("cpa_high, period_ending)")


def test_key_under_the_wrong_table_suggests_where_it_belongs(tmp_path):
    problem = problem_of(tmp_path, "lookback_weeks = 8\n")
    assert problem.startswith(
        "lookback_weeks is not a known key; did you mean `asana.lookback_weeks`?"
    )


def test_misspelt_key_under_the_wrong_table_suggests_where_it_belongs(tmp_path):
    problem = problem_of(tmp_path, "[pods]\nlookback_week = 8\n")
    assert problem == (
        "pods.lookback_week is not a known key; did you mean `asana.lookback_weeks`? "
        "([pods] allows: teams, pattern)"
    )


def test_key_in_two_tables_suggests_both(tmp_path):
    problem = problem_of(tmp_path, "[pacing]\nconfidence = 90\n")
    assert problem == (
        "pacing.confidence is not a known key; "
        "did you mean `fields.confidence` or `tactics.confidence`? "
        "([pacing] allows: on_track, at_risk)"
    )


def test_unknown_key_without_a_close_match_lists_allowed_keys(tmp_path):
    problem = problem_of(tmp_path, '[tactics]\ncolour = "red"\n')
    assert problem == "tactics.colour is not a known key ([tactics] allows: confidence)"


def test_unknown_table_is_an_error(tmp_path):
    problem = problem_of(tmp_path, "[paceing]\non_track = 0.8\n")
    assert problem == (
        "[paceing] is not a known table; did you mean `pacing`? (the top level allows: "
        "timezone, exports_dir, [asana], [pods], [fields], [sections], [tactics], [pacing], [risk], [training], [keys])"
    )


def test_unknown_table_without_a_close_match(tmp_path):
    problem = problem_of(tmp_path, "[colors]\nbackground = 1\n")
    assert problem.startswith("[colors] is not a known table (the top level allows: timezone,")


def test_unknown_subtable_is_an_error(tmp_path):
    problem = problem_of(tmp_path, "[risk.points]\nloss_streak = 1\n")
    assert problem == (
        "[risk.points] is not a known table ([risk] allows: [risk.weights])"
    )


# --- wrong types -------------------------------------------------------------

INTEGER_1_TO_104 = "it must be an integer from 1 to 104"
TEAM_LIST = "it must be an array of non-empty strings (team names or gids"


@pytest.mark.parametrize(
    ("toml", "found", "allowed"),
    [
        (
            '[asana]\nlookback_weeks = "16"\n',
            'asana.lookback_weeks = "16" (a string)',
            INTEGER_1_TO_104,
        ),
        (
            "[asana]\nlookback_weeks = true\n",
            "asana.lookback_weeks = true (a boolean)",
            INTEGER_1_TO_104,
        ),
        (
            "[asana]\nlookback_weeks = 16.0\n",
            "asana.lookback_weeks = 16.0 (a float)",
            INTEGER_1_TO_104,
        ),
        (
            "[asana]\nworkspace = 1201234567890\n",
            "asana.workspace = 1201234567890 (an integer)",
            'it must be a non-empty string; write it in quotes: "1201234567890"',
        ),
        (
            "[fields]\ntype = true\n",
            "fields.type = true (a boolean)",
            "it must be a non-empty string",
        ),
        (
            "[risk.weights]\nstatus_red = 1.5\n",
            "risk.weights.status_red = 1.5 (a float)",
            "it must be an integer of 0 or more",
        ),
        (
            '[tactics]\nconfidence = "95"\n',
            'tactics.confidence = "95" (a string)',
            "it must be a number from 0 to 100",
        ),
        (
            "[pacing]\non_track = false\n",
            "pacing.on_track = false (a boolean)",
            "it must be a number above 0",
        ),
        ('[pods]\nteams = "Pod Alpha"\n', 'pods.teams = "Pod Alpha" (a string)', TEAM_LIST),
        (
            '[pods]\nteams = ["Pod A", 42]\n',
            'pods.teams = ["Pod A", 42] (item 2 is an integer)',
            TEAM_LIST,
        ),
        ("timezone = 1\n", "timezone = 1 (an integer)", "it must be an IANA time zone name"),
        ("asana = 5\n", "asana = 5 (an integer)", "it must be a table ([asana])"),
        (
            "[risk]\nweights = 3\n",
            "risk.weights = 3 (an integer)",
            "it must be a table ([risk.weights])",
        ),
    ],
)
def test_wrong_type_names_key_found_type_and_allowed(tmp_path, toml, found, allowed):
    assert problem_of(tmp_path, toml).startswith(f"{found} is not allowed: {allowed}")


# --- values out of range -----------------------------------------------------

NUMBER_0_TO_100 = "it must be a number from 0 to 100"
NON_EMPTY = "it must be a non-empty string"


@pytest.mark.parametrize(
    ("toml", "found", "allowed"),
    [
        ("[asana]\nlookback_weeks = 0\n", "asana.lookback_weeks = 0", INTEGER_1_TO_104),
        ("[asana]\nlookback_weeks = 105\n", "asana.lookback_weeks = 105", INTEGER_1_TO_104),
        ("[tactics]\nconfidence = 101\n", "tactics.confidence = 101", NUMBER_0_TO_100),
        ("[tactics]\nconfidence = -0.5\n", "tactics.confidence = -0.5", NUMBER_0_TO_100),
        ("[tactics]\nconfidence = nan\n", "tactics.confidence = nan", NUMBER_0_TO_100),
        ("[pacing]\non_track = 0\n", "pacing.on_track = 0", "it must be a number above 0"),
        ("[pacing]\non_track = inf\n", "pacing.on_track = inf", "it must be a number above 0"),
        ("[pacing]\nat_risk = 0.0\n", "pacing.at_risk = 0.0", "it must be a number above 0"),
        (
            "[risk.weights]\nloss_streak = -1\n",
            "risk.weights.loss_streak = -1",
            "it must be an integer of 0 or more",
        ),
        ('[asana]\nworkspace = "  "\n', 'asana.workspace = "  "', NON_EMPTY),
        ('[fields]\nresult = ""\n', 'fields.result = ""', NON_EMPTY),
        ('[sections]\ntactics = " "\n', 'sections.tactics = " "', NON_EMPTY),
        (
            '[pods]\nteams = ["Pod A", " "]\n',
            'pods.teams = ["Pod A", " "] (item 2 is blank)',
            TEAM_LIST,
        ),
    ],
)
def test_out_of_range_value_names_key_and_allowed_range(tmp_path, toml, found, allowed):
    assert problem_of(tmp_path, toml).startswith(f"{found} is not allowed: {allowed}")


def test_at_risk_above_on_track_is_an_error(tmp_path):
    path = write(tmp_path, "[pacing]\nat_risk = 1.2\n")
    assert error_of(path) == (
        f"{path}: pacing.at_risk = 1.2 is not allowed: "
        "it must be a number above 0 and at most pacing.on_track (0.9)"
    )


def test_at_risk_above_a_configured_on_track_names_that_value(tmp_path):
    problem = problem_of(tmp_path, "[pacing]\non_track = 0.8\nat_risk = 0.85\n")
    assert problem == (
        "pacing.at_risk = 0.85 is not allowed: "
        "it must be a number above 0 and at most pacing.on_track (0.8)"
    )


def test_at_risk_equal_to_on_track_is_allowed(tmp_path):
    config = load_config(write(tmp_path, "[pacing]\non_track = 0.8\nat_risk = 0.8\n"))
    assert config.pacing == PacingConfig(on_track=0.8, at_risk=0.8)


def test_on_track_below_default_at_risk_blames_on_track(tmp_path):
    problem = problem_of(tmp_path, "[pacing]\non_track = 0.5\n")
    assert problem == (
        "pacing.on_track = 0.5 is not allowed: it must be at least pacing.at_risk "
        "(0.7, its default); set pacing.at_risk lower too"
    )


def test_bad_regex_is_an_error_with_re_reason(tmp_path):
    problem = problem_of(tmp_path, '[pods]\npattern = "^Pod("\n')
    assert problem == (
        'pods.pattern = "^Pod(" is not allowed: it must be a valid regular expression '
        "(Python's re says: missing ), unterminated subpattern at position 4)"
    )


def test_word_boundary_in_double_quotes_is_caught(tmp_path):
    problem = problem_of(tmp_path, '[pods]\npattern = "^Pod\\b"\n')
    assert problem.startswith('pods.pattern = "^Pod\\b" is not allowed: ')
    assert "in double quotes TOML reads \\b as a backspace" in problem


def test_training_defaults_to_projects_named_training_and_a_score_field():
    config = Config()
    assert config.training == TrainingConfig(projects=(), pattern=r"^Training\b")
    assert config.fields.score == "Score"


def test_a_bad_training_pattern_names_the_key_and_what_is_allowed(tmp_path):
    problem = problem_of(tmp_path, "[training]\npattern = '^Training('\n")
    assert problem.startswith(
        "training.pattern = \"^Training(\" is not allowed: it must be a valid regular expression"
    )


def test_a_training_pattern_in_double_quotes_shows_the_training_example(tmp_path):
    problem = problem_of(tmp_path, '[training]\npattern = "^Training\\b"\n')
    assert "e.g. '^Training\\b'" in problem


def test_training_projects_must_be_a_list_of_names(tmp_path):
    problem = problem_of(tmp_path, '[training]\nprojects = "Training"\n')
    assert problem.startswith(
        'training.projects = "Training" (a string) is not allowed: '
        "it must be an array of non-empty strings (project names or gids"
    )


def test_word_boundary_in_single_quotes_is_accepted(tmp_path):
    config = load_config(write(tmp_path, "[pods]\npattern = '^Pod\\b'\n"))
    assert config.pods.pattern == r"^Pod\b"


@pytest.mark.parametrize("name", ["Mars/Olympus", "Europe", "europe/berlin", ""])
def test_unknown_time_zone_is_an_error(tmp_path, name):
    path = write(tmp_path, f'timezone = "{name}"\n')
    assert error_of(path) == (
        f'{path}: timezone = "{name}" is not allowed: '
        "it must be an IANA time zone name such as Europe/Berlin or America/New_York"
    )


def test_option_labels_must_differ(tmp_path):
    problem = problem_of(tmp_path, '[fields]\nloss = " win "\n')
    assert problem == (
        'fields.loss = "win" is not allowed: it must be different from fields.win ("Win"); '
        "names are matched case-insensitively"
    )


def test_sections_must_differ(tmp_path):
    problem = problem_of(tmp_path, '[sections]\nweekly_goals = "Tactics"\n')
    assert problem.startswith(
        'sections.weekly_goals = "Tactics" is not allowed: '
        'it must be different from sections.tactics ("Tactics")'
    )


# --- several mistakes --------------------------------------------------------


def test_every_mistake_is_reported_one_per_line_in_file_order(tmp_path):
    path = write(
        tmp_path,
        """\
        [tactics]
        confidence = 101

        [asana]
        lookback_weeks = 0
        colour = "red"

        [pacing]
        at_risk = 2
        """,
    )
    lines = error_of(path).splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines)
    assert [line.removeprefix(f"{path}: ").split(" ")[0] for line in lines] == [
        "tactics.confidence",
        "asana.lookback_weeks",
        "asana.colour",
        "pacing.at_risk",
    ]


def test_invalid_on_track_does_not_add_a_second_pacing_error(tmp_path):
    problem = problem_of(tmp_path, '[pacing]\non_track = "high"\nat_risk = 0.95\n')
    assert problem.startswith('pacing.on_track = "high" (a string) is not allowed')
