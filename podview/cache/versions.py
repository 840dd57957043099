"""Names of the cache migrations this podview knows, in order.

Kept apart from `schema.py` so that readers can check a cache's version without
importing sqlite-utils; a test keeps the two lists equal.
"""

KNOWN_MIGRATIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_outbox",
    "0003_project_catalogue",
    "0004_saved_home",
    "0005_meeting_plan",
    "0006_training",
)
