"""Meetings and the decisions made in them, written to Asana exactly once.

A decision is validated against the cache, committed to the `decisions`
table (the outbox) and only then sent, so it survives being offline, a crash
or Asana refusing it. Modules, from the user's side to the wire:

- `meetings`: start, end and list meetings (`pod-standup`, `growth-review`).
- `validate`: the rules each kind of decision must pass, with messages.
- `outbox`: decision rows, their states, retry / edit / discard.
- `markers`: ids that sort by time, and the marker line every written text ends with.
- `requests`: the Asana writes a decision turns into (pure).
- `catalogue`: custom field, option and section gids of a client project.
- `send`: the async sender, round by round; `send_outbox` is the way in.
- `push_model`: what a push passes around (Work, PushStats, PushResult).
- `batches`: steps packed into `POST /batch` calls, and what each answer means.
- `lookup`: marker look-ups after unclear failures, so a create is never doubled.
- `ledger`: each decision's state written to the outbox as it changes.
- `follow`: patching the cache with what Asana answered.
- `minutes`: a meeting's minutes as Markdown or JSON.
- `commands`: the `meeting`, `decide`, `push`, `decisions` and `minutes` commands.

States: `pending` → `sent`; `pending` → `failed` (Asana answered 4xx) or
`conflict` (target deleted, moved away, or no longer valid in the cache);
`failed`/`conflict` → `pending` again by retry or edit; `pending`,
`failed`, `conflict` → `discarded` by the user. Nothing leaves the table.
"""
