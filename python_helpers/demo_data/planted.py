"""Planted data-quality rows, and the ground truth for planted_effects.json."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import model
from .catalog import EVENT_CATALOG, EVENT_NAMES
from .output import BlockStats
from .timeline import MS_PER_DAY, MS_PER_HOUR, MS_PER_SECOND

# Share of delivered events that arrive a second time with the same event_id.
DUPLICATE_SHARE = 0.005
# Expected rows per event of each rare defect. The first block plants at
# least MIN_RARE_ROWS_FIRST_BLOCK of each, so that small outputs have examples.
RARE_DEFECT_RATES = {
    "null_event_id": 2e-5,
    "null_occurred_at": 2e-5,
    "future_occurred_at": 2e-5,
    "unknown_user_id": 3e-5,
    "uncatalogued_event_name": 3e-5,
}
MIN_RARE_ROWS_FIRST_BLOCK = 2
# Events per unknown user. Unknown user ids are new ids that users does not contain.
EVENTS_PER_UNKNOWN_USER = 4


def plant_data_quality_rows(
    rng: np.random.Generator,
    columns: dict[str, np.ndarray],
    candidates: np.ndarray,
    first_block: bool,
    end_ms: int,
    unknown_user_label: int,
) -> tuple[dict[str, np.ndarray], dict[str, int], int]:
    """Damage a few event rows and append duplicate deliveries.

    `columns` contains event_number, occurred_ms, received_ms, user_label,
    account, code, platform and variant. Only rows in `candidates` are
    damaged or duplicated. Unknown users get labels from `unknown_user_label`
    on. Returns the new columns with an occurred_null mask, the number of rows
    of each defect, and the number of unknown users.
    """
    columns = {name: column.copy() for name, column in columns.items()}
    columns["occurred_null"] = np.zeros(len(columns["code"]), dtype=bool)

    counts = {}
    for defect, rate in RARE_DEFECT_RATES.items():
        count = int(rng.poisson(rate * len(candidates)))
        if first_block:
            count = max(count, MIN_RARE_ROWS_FIRST_BLOCK)
        counts[defect] = count
    duplicates = int(rng.binomial(len(candidates), DUPLICATE_SHARE))
    requested = sum(counts.values()) + duplicates
    if requested > len(candidates):
        counts = dict.fromkeys(counts, 0)
        duplicates = 0
        requested = 0
    chosen = rng.choice(candidates, size=requested, replace=False)

    position = 0
    rows: dict[str, np.ndarray] = {}
    for defect, count in counts.items():
        rows[defect] = chosen[position : position + count]
        position += count
    duplicate_rows = chosen[position:]

    columns["event_number"][rows["null_event_id"]] = -1
    columns["occurred_null"][rows["null_occurred_at"]] = True
    future = rows["future_occurred_at"]
    years = rng.integers(2, 9, size=len(future))
    columns["occurred_ms"][future] = (
        columns["received_ms"][future]
        + years * 365 * MS_PER_DAY
        + rng.integers(0, MS_PER_DAY, size=len(future))
    )
    unknown = rows["unknown_user_id"]
    unknown_users = math.ceil(len(unknown) / EVENTS_PER_UNKNOWN_USER)
    columns["user_label"][unknown] = unknown_user_label + np.arange(len(unknown)) % max(
        unknown_users, 1
    )
    uncatalogued = rows["uncatalogued_event_name"]
    columns["code"][uncatalogued] = len(EVENT_NAMES) + rng.integers(0, 3, size=len(uncatalogued))

    copies = {name: column[duplicate_rows] for name, column in columns.items()}
    delay = rng.integers(30 * MS_PER_SECOND, 3 * MS_PER_HOUR, size=len(duplicate_rows))
    copies["received_ms"] = copies["received_ms"] + delay
    delivered = copies["received_ms"] < end_ms
    copies = {name: column[delivered] for name, column in copies.items()}
    counts["duplicate_deliveries"] = int(delivered.sum())
    columns = {name: np.concatenate([columns[name], copies[name]]) for name in columns}
    return columns, counts, unknown_users


def _rate(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _event_names(predicate: Any) -> list[str]:
    return [event.event_name for event in EVENT_CATALOG if predicate(event)]


def planted_effects(
    arguments: dict[str, Any],
    release_date: str,
    stats: list[BlockStats],
    staff_user_ids: list[str],
) -> dict[str, Any]:
    """Return the ground truth of a finished simulation, with a fixed key order."""
    account_ids = [account for block in stats for account in block.account_ids]
    churned = np.concatenate([block.churned for block in stats])
    friction = np.concatenate([block.friction for block in stats])
    connected = np.concatenate([block.calendar_connected for block in stats])
    successes = np.concatenate([block.calendar_successes for block in stats])
    failures = np.concatenate([block.calendar_failures for block in stats])
    others_connected = connected & ~friction

    data_quality: dict[str, int] = {}
    row_counts: dict[str, int] = {}
    for block in stats:
        for key, value in block.data_quality.items():
            data_quality[key] = data_quality.get(key, 0) + value
        for key, value in block.row_counts.items():
            row_counts[key] = row_counts.get(key, 0) + value
    row_counts["users"] = row_counts.get("users", 0) + len(staff_user_ids)

    def failure_rate(mask: np.ndarray) -> float | None:
        failed = failures[mask].sum()
        return _rate(float(failed), float(failed + successes[mask].sum()))

    return {
        "generator": "python_helpers.demo_data",
        "arguments": arguments,
        "friction": {
            "feature": model.FRICTION_FEATURE,
            "event_names": list(model.FRICTION_EVENT_NAMES),
            "cause": (
                "Calendar connections made on or after the release date get tokens that "
                "fail to refresh, so their scheduled syncs fail in streaks."
            ),
            "release_date": release_date,
            "hazard_multiplier": model.FRICTION_HAZARD_MULTIPLIER,
            "account_ids": [a for a, hit in zip(account_ids, friction, strict=True) if hit],
            "observed": {
                "accounts": int(friction.sum()),
                "churned_accounts": int(churned[friction].sum()),
                "churn_rate": _rate(float(churned[friction].sum()), float(friction.sum())),
                "other_accounts": int((~friction).sum()),
                "other_churned_accounts": int(churned[~friction].sum()),
                "other_churn_rate": _rate(
                    float(churned[~friction].sum()), float((~friction).sum())
                ),
                "failure_rate": failure_rate(friction),
                "other_connected_accounts": int(others_connected.sum()),
                "other_connected_failure_rate": failure_rate(others_connected),
            },
        },
        "churn_model": {
            "decision": (
                "Monthly at each anniversary of account creation. Annual contracts churn "
                "only at the yearly renewal."
            ),
            "window_days": model.CHURN_WINDOW_DAYS,
            "base_monthly_churn_by_segment": dict(
                zip(model.SEGMENTS, model.BASE_MONTHLY_CHURN, strict=True)
            ),
            "log_hazard_form": (
                "ln(base) + sum over measures of coefficient * (transform(value) - "
                "transform(reference)) + ln(hazard_multiplier) in the friction group"
            ),
            "monthly_churn_probability": "1 - exp(-exp(log_hazard)), capped at "
            + str(model.MAX_MONTHLY_CHURN),
        },
        "accelerators": [
            {
                "measure": "key_actions_per_active_user",
                "event_names": _event_names(lambda event: event.is_key_action),
                "transform": "ln(1 + value)",
                "reference": model.REFERENCE_KEY_ACTIONS_PER_USER,
                "log_hazard_coefficient": model.COEF_KEY_ACTIONS,
                "effect_on_churn": "lowers",
            },
            {
                "measure": "collaboration_events_per_active_user",
                "event_names": _event_names(lambda event: event.journey_stage == "collaboration"),
                "transform": "ln(1 + value)",
                "reference": model.REFERENCE_COLLABORATION_PER_USER,
                "log_hazard_coefficient": model.COEF_COLLABORATION,
                "effect_on_churn": "lowers",
            },
            {
                "measure": "integration_in_use",
                "event_names": _event_names(
                    lambda event: event.is_integration and event.outcome == "success"
                ),
                "transform": "1 if any success in the window else 0",
                "reference": 0,
                "log_hazard_coefficient": model.COEF_INTEGRATION,
                "effect_on_churn": "lowers",
            },
            {
                "measure": "active_seat_share",
                "event_names": [],
                "transform": "active users / seats, capped at 1.5",
                "reference": model.REFERENCE_ACTIVE_SEAT_SHARE,
                "log_hazard_coefficient": model.COEF_ACTIVE_SEAT_SHARE,
                "effect_on_churn": "lowers",
            },
        ],
        "decelerators": [
            {
                "measure": "error_rate",
                "event_names": _event_names(lambda event: event.outcome == "failure"),
                "transform": "failures / max(events, 50), capped at 0.5",
                "reference": 0,
                "log_hazard_coefficient": model.COEF_ERROR_RATE,
                "effect_on_churn": "raises",
            },
            {
                "measure": "help_events_per_active_user",
                "event_names": _event_names(lambda event: event.is_help_seeking),
                "transform": "value, capped at 5",
                "reference": 0,
                "log_hazard_coefficient": model.COEF_HELP_PER_USER,
                "effect_on_churn": "raises",
            },
            {
                "measure": "support_tickets",
                "event_names": [],
                "transform": "tickets opened in the window, capped at 4",
                "reference": 0,
                "log_hazard_coefficient": model.COEF_TICKETS,
                "effect_on_churn": "raises",
            },
            {
                "measure": "no_active_user",
                "event_names": [],
                "transform": "1 if no user was active in the window else 0",
                "reference": 0,
                "log_hazard_coefficient": model.COEF_DORMANT,
                "effect_on_churn": "raises",
            },
        ],
        "data_quality": data_quality,
        "unknown_user_ids": [user for block in stats for user in block.unknown_user_ids],
        "internal_user_ids": staff_user_ids,
        "row_counts": row_counts,
        "churn": {
            "accounts": len(account_ids),
            "churned_accounts": int(churned.sum()),
            "churn_rate": _rate(float(churned.sum()), float(len(account_ids))),
        },
    }
