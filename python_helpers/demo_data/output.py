"""Conversion of simulated numpy columns into Arrow tables of the input contract."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import model
from .catalog import EVENT_NAMES, UNCATALOGUED_EVENT_NAMES
from .contract import EVENTS_SCHEMA, TIMESTAMP

# Event codes from len(EVENT_NAMES) on name the uncatalogued events.
ALL_EVENT_NAMES = EVENT_NAMES + UNCATALOGUED_EVENT_NAMES

_REPORT_FORMATS = ("csv", "pdf", "xlsx")
_REPORT_ERRORS = ("timeout", "render_error", "too_many_rows")
_DATA_OBJECTS = ("tasks", "projects")
_CALENDAR_PROVIDERS = ("google", "outlook")


@dataclasses.dataclass
class BlockOutput:
    """The rows one block of accounts contributes to each output table."""

    events: pa.Table
    users: pa.Table
    accounts: pa.Table
    subscriptions: pa.Table
    support_tickets: pa.Table
    stats: BlockStats


@dataclasses.dataclass
class BlockStats:
    """Ground-truth facts about one block, summed into planted_effects.json."""

    account_ids: list[str]
    churned: np.ndarray
    friction: np.ndarray
    calendar_connected: np.ndarray
    calendar_successes: np.ndarray
    calendar_failures: np.ndarray
    data_quality: dict[str, int]
    unknown_user_ids: list[str]
    row_counts: dict[str, int]


def format_ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    """Return ids such as `usr_00000042`: the prefix and the zero-padded number."""
    text = pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.string())
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(text, width=width, padding="0"), "")


def timestamps(epoch_us: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    """Return a timestamp array from microseconds since 1970-01-01 UTC."""
    return pa.array(np.asarray(epoch_us, dtype=np.int64), type=TIMESTAMP, mask=null)


def properties_text(code: int, platform: int, variant: int) -> str | None:
    """Return the JSON properties of an event, or None when it has none.

    `variant` carries motif details: the report format and error, the exported
    object, the calendar provider, the number of seats changed or the old and
    new plan.
    """
    name = ALL_EVENT_NAMES[code]
    properties: dict[str, object] = {}
    if platform == model.PLATFORM_STAFF:
        properties["platform"] = "web"
        properties["impersonated"] = True
    elif platform >= 0:
        properties["platform"] = model.PLATFORMS[platform]

    if name == "report_exported":
        properties["format"] = _REPORT_FORMATS[variant % 3]
    elif name == "report_export_failed":
        properties["format"] = _REPORT_FORMATS[variant % 3]
        properties["error_code"] = _REPORT_ERRORS[variant // 3 % 3]
    elif name in ("data_exported", "import_started", "data_imported"):
        properties["object"] = _DATA_OBJECTS[variant % 2]
        properties["file_format"] = "csv"
    elif name.startswith("calendar_sync"):
        properties["provider"] = _CALENDAR_PROVIDERS[variant % 2]
        if name == "calendar_sync_failed":
            token_failure = variant // 2 == 1
            properties["error_code"] = "token_refresh_failed" if token_failure else "rate_limited"
    elif name == "slack_notification_failed":
        properties["error_code"] = "channel_not_found"
    elif name == "automation_run_failed":
        properties["error_code"] = "action_failed"
    elif name in ("seat_added", "seat_removed"):
        properties["seats_changed"] = int(variant)
    elif name in ("plan_upgraded", "plan_downgraded"):
        properties["from_plan"] = model.PLANS[variant // 4]
        properties["to_plan"] = model.PLANS[variant % 4]

    if not properties:
        return None
    return json.dumps(properties, separators=(",", ":"))


def properties_array(code: np.ndarray, platform: np.ndarray, variant: np.ndarray) -> pa.Array:
    """Return the properties column, formatting each distinct combination once."""
    keys = np.stack(
        [code.astype(np.int64), platform.astype(np.int64), variant.astype(np.int64)], axis=1
    )
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    texts = pa.array([properties_text(*map(int, row)) for row in unique], pa.string())
    return texts.take(pa.array(inverse.reshape(-1).astype(np.int32)))


def build_events_table(
    event_number: np.ndarray,
    occurred_us: np.ndarray,
    occurred_null: np.ndarray,
    received_us: np.ndarray,
    user_labels: pa.Array,
    user_label: np.ndarray,
    account_labels: pa.Array,
    account: np.ndarray,
    code: np.ndarray,
    platform: np.ndarray,
    variant: np.ndarray,
) -> pa.Table:
    """Return the events table. A negative event number or account becomes null."""
    event_id = format_ids("evt_", np.maximum(event_number, 0), width=12)
    event_id = pc.if_else(pa.array(event_number < 0), pa.scalar(None, pa.string()), event_id)
    account_id = account_labels.take(pa.array(np.maximum(account, 0).astype(np.int32)))
    account_id = pc.if_else(pa.array(account < 0), pa.scalar(None, pa.string()), account_id)
    names = pa.array(ALL_EVENT_NAMES, pa.string())
    return pa.table(
        {
            "event_id": event_id,
            "occurred_at": timestamps(occurred_us, occurred_null),
            "received_at": timestamps(received_us),
            "user_id": user_labels.take(pa.array(user_label.astype(np.int32))),
            "account_id": account_id,
            "event_name": names.take(pa.array(code.astype(np.int32))),
            "properties": properties_array(code, platform, variant),
        },
        schema=EVENTS_SCHEMA,
    )
