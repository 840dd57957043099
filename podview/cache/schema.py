"""The cache's tables, as forward migrations.

Each migration is one transaction (sqlite-utils `Migrations`). A database
written by a newer podview has migrations this one does not know, and is
refused rather than guessed at. Columns hold Asana's values as read:
dates as `YYYY-MM-DD` text, timestamps as ISO 8601 UTC text (`…Z`).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

MIGRATION_SET = "podview"

migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    """The agency as podview sees it: pods, clients, tasks, goals, status updates, sync state."""
    _run(
        db,
        """
        CREATE TABLE workspaces (
            gid TEXT PRIMARY KEY, name TEXT, is_organization INTEGER
        );
        CREATE TABLE users (
            gid TEXT PRIMARY KEY, name TEXT, email TEXT
        );
        CREATE TABLE pods (
            gid TEXT PRIMARY KEY, workspace_gid TEXT, name TEXT
        );
        CREATE TABLE pod_members (
            pod_gid TEXT NOT NULL, user_gid TEXT NOT NULL,
            PRIMARY KEY (pod_gid, user_gid)
        );
        CREATE TABLE clients (
            gid TEXT PRIMARY KEY,
            pod_gid TEXT,
            name TEXT,
            has_type_field INTEGER NOT NULL DEFAULT 0,
            mrr REAL, client_since TEXT, monthly_budget REAL, spend_mtd REAL,
            cpa REAL, target_cpa REAL,
            status TEXT, status_title TEXT, status_at TEXT, status_gid TEXT,
            modified_at TEXT
        );
        CREATE TABLE sections (
            gid TEXT PRIMARY KEY, client_gid TEXT, name TEXT
        );
        CREATE TABLE tasks (
            gid TEXT PRIMARY KEY,
            client_gid TEXT NOT NULL,
            name TEXT,
            norm_name TEXT,
            kind TEXT NOT NULL,
            section_gid TEXT,
            assignee_gid TEXT,
            due_on TEXT,
            fixed_due_on TEXT,
            original_due TEXT,
            postpone_reason TEXT,
            tactic TEXT,
            result TEXT,
            confidence REAL,
            completed INTEGER NOT NULL DEFAULT 0,
            completed_at TEXT,
            created_at TEXT,
            modified_at TEXT,
            history_read INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tasks_kind_fixed ON tasks (kind, fixed_due_on);
        CREATE INDEX tasks_kind_due ON tasks (kind, due_on);
        CREATE INDEX tasks_client_kind_name ON tasks (client_gid, kind, norm_name);
        CREATE INDEX tasks_kind_completed ON tasks (kind, completed_at);
        CREATE TABLE task_due_dates (
            task_gid TEXT NOT NULL, due_on TEXT NOT NULL, source TEXT NOT NULL,
            first_seen TEXT,
            PRIMARY KEY (task_gid, due_on, source)
        );
        CREATE TABLE due_date_changes (
            story_gid TEXT PRIMARY KEY, task_gid TEXT NOT NULL,
            created_at TEXT, old_due_on TEXT, new_due_on TEXT
        );
        CREATE INDEX due_date_changes_task ON due_date_changes (task_gid);
        CREATE TABLE field_values (
            resource_gid TEXT NOT NULL, field_gid TEXT NOT NULL,
            name TEXT, type TEXT,
            text_value TEXT, number_value REAL, enum_value TEXT, date_value TEXT,
            display_value TEXT,
            PRIMARY KEY (resource_gid, field_gid)
        );
        CREATE TABLE task_problems (
            task_gid TEXT NOT NULL, problem TEXT NOT NULL,
            PRIMARY KEY (task_gid, problem)
        );
        CREATE TABLE time_periods (
            gid TEXT PRIMARY KEY, start_on TEXT, end_on TEXT, period TEXT, display_name TEXT
        );
        CREATE TABLE goals (
            gid TEXT PRIMARY KEY,
            name TEXT,
            owner_gid TEXT,
            start_on TEXT, due_on TEXT, time_period_gid TEXT,
            status TEXT,
            has_metric INTEGER NOT NULL DEFAULT 0,
            unit TEXT, currency_code TEXT, precision INTEGER,
            initial REAL, current REAL, target REAL
        );
        CREATE TABLE goal_clients (
            goal_gid TEXT NOT NULL, client_gid TEXT NOT NULL,
            PRIMARY KEY (goal_gid, client_gid)
        );
        CREATE INDEX goal_clients_client ON goal_clients (client_gid);
        CREATE TABLE goal_snapshots (
            goal_gid TEXT NOT NULL, taken_at TEXT NOT NULL,
            current REAL, status TEXT,
            PRIMARY KEY (goal_gid, taken_at)
        );
        CREATE TABLE status_updates (
            gid TEXT PRIMARY KEY, parent_gid TEXT NOT NULL, parent_type TEXT,
            status_type TEXT, title TEXT, text TEXT, author_gid TEXT, created_at TEXT
        );
        CREATE INDEX status_updates_parent ON status_updates (parent_gid, created_at);
        CREATE TABLE sync_state (
            resource_gid TEXT PRIMARY KEY, resource_type TEXT,
            sync_token TEXT, synced_at TEXT
        );
        CREATE TABLE syncs (
            id INTEGER PRIMARY KEY, source TEXT, mode TEXT,
            started_at TEXT, finished_at TEXT, today TEXT, outcome TEXT, detail TEXT
        );
        """,
    )


@migrations(name="0002_outbox")
def _outbox(db: Database) -> None:
    """Meetings and the decisions recorded in them, waiting to be written to Asana."""
    _run(
        db,
        """
        CREATE TABLE meetings (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, pod_gid TEXT,
            started_at TEXT NOT NULL, ended_at TEXT, attendees TEXT, notes TEXT
        );
        CREATE TABLE decisions (
            id TEXT PRIMARY KEY, meeting_id TEXT, kind TEXT NOT NULL,
            target_gid TEXT, payload TEXT NOT NULL, state TEXT NOT NULL,
            error TEXT, created_by TEXT, created_at TEXT NOT NULL, sent_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT
        );
        CREATE INDEX decisions_state ON decisions (state, created_at);
        CREATE INDEX decisions_meeting ON decisions (meeting_id);
        """,
    )


@migrations(name="0003_project_catalogue")
def _project_catalogue(db: Database) -> None:
    """Each client's custom field settings (field and option gids), so writes need no extra reads."""
    _run(db, "ALTER TABLE clients ADD COLUMN field_settings TEXT")


HOME_INPUTS = (
    "workspaces",
    "users",
    "pods",
    "pod_members",
    "clients",
    "sections",
    "tasks",
    "task_due_dates",
    "due_date_changes",
    "field_values",
    "task_problems",
    "time_periods",
    "goals",
    "goal_clients",
    "goal_snapshots",
    "status_updates",
    "syncs",
)
"""The tables Home's figures are computed from: a write to any of them makes a saved Home stale."""


@migrations(name="0004_saved_home")
def _saved_home(db: Database) -> None:
    """Home's figures as computed at the end of the last write, so that launch reads them instead.

    A trigger on every table Home reads drops the saved figures as soon as
    one of them changes, in the same transaction, so a saved Home is never
    older than the data: whoever writes last computes it again, and if no
    one does, the app computes it (and saves it) on its next start.
    """
    db.execute(
        "CREATE TABLE saved_home ("
        " today TEXT NOT NULL, figures_key TEXT NOT NULL, payload TEXT NOT NULL, saved_at TEXT,"
        " PRIMARY KEY (today, figures_key))"
    )
    for table in HOME_INPUTS:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_stales_home AFTER {event} ON {table} "
                "WHEN EXISTS (SELECT 1 FROM saved_home) BEGIN DELETE FROM saved_home; END"
            )


@migrations(name="0005_meeting_plan")
def _meeting_plan(db: Database) -> None:
    """What a meeting set out to cover (its scope, the clients in it, its length), as JSON.

    A walkthrough may cover one pod, the clients at risk or the top few; the
    minutes say which, and a walkthrough resumed later walks the same clients.
    """
    db.execute("ALTER TABLE meetings ADD COLUMN plan TEXT")


@migrations(name="0006_training")
def _training(db: Database) -> None:
    """Training projects and their modules, in tables of their own.

    Kept apart from `clients` and `tasks` so that no client figure can ever
    count a training project or a module: a training project is never a
    client (conventions.md), and its tasks are read whatever their
    completion date, outside the lookback the client tasks are pruned by.
    A module is one top-level task, owned by the first training project in
    its memberships, so a task in two training projects is one module.
    Writes to them stale a saved Home like the other inputs do, for the
    people line Home is to show.
    """
    _run(
        db,
        """
        CREATE TABLE training_projects (
            gid TEXT PRIMARY KEY, name TEXT, team_gid TEXT, modified_at TEXT
        );
        CREATE TABLE training_modules (
            gid TEXT PRIMARY KEY,
            project_gid TEXT NOT NULL,
            name TEXT,
            assignee_gid TEXT,
            completed INTEGER NOT NULL DEFAULT 0,
            completed_at TEXT,
            due_on TEXT,
            due_at TEXT,
            score REAL,
            created_at TEXT,
            modified_at TEXT
        );
        CREATE INDEX training_modules_assignee ON training_modules (assignee_gid);
        CREATE INDEX training_modules_project ON training_modules (project_gid)
        """,
    )
    for table in ("training_projects", "training_modules"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_stales_home AFTER {event} ON {table} "
                "WHEN EXISTS (SELECT 1 FROM saved_home) BEGIN DELETE FROM saved_home; END"
            )


def _run(db: Database, script: str) -> None:
    """Run statements one by one: `executescript` would commit the migration's transaction early."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)
