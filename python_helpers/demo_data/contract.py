"""Arrow schemas of the files in the project's canonical input contract."""

from __future__ import annotations

import pyarrow as pa

TIMESTAMP = pa.timestamp("us")

EVENTS_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("occurred_at", TIMESTAMP),
        ("received_at", TIMESTAMP),
        ("user_id", pa.string()),
        ("account_id", pa.string()),
        ("event_name", pa.string()),
        ("properties", pa.string()),
    ]
)

USERS_SCHEMA = pa.schema(
    [
        ("user_id", pa.string()),
        ("account_id", pa.string()),
        ("created_at", TIMESTAMP),
        ("email", pa.string()),
        ("is_internal", pa.bool_()),
    ]
)

ACCOUNTS_SCHEMA = pa.schema(
    [
        ("account_id", pa.string()),
        ("account_name", pa.string()),
        ("created_at", TIMESTAMP),
        ("plan", pa.string()),
        ("seats_purchased", pa.int32()),
        ("arr", pa.float64()),
        ("segment", pa.string()),
    ]
)

SUBSCRIPTIONS_SCHEMA = pa.schema(
    [
        ("subscription_id", pa.string()),
        ("account_id", pa.string()),
        ("plan", pa.string()),
        ("seats", pa.int32()),
        ("mrr", pa.float64()),
        ("started_on", pa.date32()),
        ("ended_on", pa.date32()),
    ]
)

SUPPORT_TICKETS_SCHEMA = pa.schema(
    [
        ("ticket_id", pa.string()),
        ("account_id", pa.string()),
        ("user_id", pa.string()),
        ("opened_at", TIMESTAMP),
        ("closed_at", TIMESTAMP),
        ("category", pa.string()),
        ("feature", pa.string()),
        ("priority", pa.string()),
    ]
)

# File stem of each table in the output folder, in the order they are written.
SCHEMAS: dict[str, pa.Schema] = {
    "events": EVENTS_SCHEMA,
    "users": USERS_SCHEMA,
    "accounts": ACCOUNTS_SCHEMA,
    "subscriptions": SUBSCRIPTIONS_SCHEMA,
    "support_tickets": SUPPORT_TICKETS_SCHEMA,
}
