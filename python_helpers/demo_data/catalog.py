"""Event catalog of the simulated project-management product.

The catalog is the single definition of every event name the product emits.
The simulation takes event codes and flags from it, and `write_event_catalog`
renders it as the dbt seed `seeds/event_catalog_demo.csv`.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

CATALOG_COLUMNS = (
    "event_name",
    "feature",
    "journey_stage",
    "signal",
    "is_key_action",
    "outcome",
    "flow_name",
    "flow_step",
    "is_integration",
    "is_naturally_repeated",
    "is_help_seeking",
)

JOURNEY_STAGES = (
    "setup",
    "onboarding",
    "core",
    "advanced",
    "collaboration",
    "expansion",
    "renewal",
)
SIGNALS = ("accelerator", "decelerator", "neutral")
OUTCOMES = ("success", "failure", "")
FLOW_STEPS = ("start", "complete", "")


class CatalogEvent(NamedTuple):
    """One row of the event catalog."""

    event_name: str
    feature: str
    journey_stage: str
    signal: str = "neutral"
    is_key_action: bool = False
    outcome: str = ""
    flow_name: str = ""
    flow_step: str = ""
    is_integration: bool = False
    is_naturally_repeated: bool = False
    is_help_seeking: bool = False


EVENT_CATALOG: tuple[CatalogEvent, ...] = (
    # Workspace setup milestones, done once by the account owner.
    CatalogEvent("workspace_created", "workspace", "setup"),
    CatalogEvent("workspace_configured", "workspace", "setup"),
    # Onboarding tour: started, stepped through, and completed or abandoned.
    CatalogEvent(
        "onboarding_tour_started",
        "onboarding",
        "onboarding",
        flow_name="onboarding_tour",
        flow_step="start",
    ),
    CatalogEvent(
        "onboarding_step_viewed",
        "onboarding",
        "onboarding",
        flow_name="onboarding_tour",
        is_naturally_repeated=True,
    ),
    CatalogEvent(
        "onboarding_tour_completed",
        "onboarding",
        "onboarding",
        signal="accelerator",
        outcome="success",
        flow_name="onboarding_tour",
        flow_step="complete",
    ),
    # CSV import, used at setup and again as a workaround after an export.
    CatalogEvent(
        "import_started",
        "import_export",
        "setup",
        flow_name="csv_import",
        flow_step="start",
    ),
    CatalogEvent(
        "data_imported",
        "import_export",
        "setup",
        outcome="success",
        flow_name="csv_import",
        flow_step="complete",
    ),
    CatalogEvent("data_exported", "import_export", "advanced"),
    # Core work: projects, boards and tasks.
    CatalogEvent(
        "project_created",
        "projects",
        "core",
        signal="accelerator",
        is_key_action=True,
        outcome="success",
    ),
    CatalogEvent("board_viewed", "projects", "core"),
    CatalogEvent("board_scrolled", "projects", "core", is_naturally_repeated=True),
    CatalogEvent(
        "task_created",
        "tasks",
        "core",
        signal="accelerator",
        is_key_action=True,
        outcome="success",
    ),
    CatalogEvent("task_updated", "tasks", "core"),
    CatalogEvent(
        "task_completed",
        "tasks",
        "core",
        signal="accelerator",
        is_key_action=True,
        outcome="success",
    ),
    CatalogEvent("tasks_bulk_edited", "tasks", "core", is_naturally_repeated=True),
    CatalogEvent("task_list_page_next", "tasks", "core", is_naturally_repeated=True),
    CatalogEvent("undo_clicked", "tasks", "core"),
    # Collaboration.
    CatalogEvent("user_invited", "collaboration", "collaboration", signal="accelerator"),
    CatalogEvent("comment_added", "collaboration", "collaboration", signal="accelerator"),
    CatalogEvent("mention_sent", "collaboration", "collaboration", signal="accelerator"),
    # Advanced: automations and reports.
    CatalogEvent("automation_created", "automations", "advanced", signal="accelerator"),
    CatalogEvent("automation_run_succeeded", "automations", "advanced", outcome="success"),
    CatalogEvent(
        "automation_run_failed",
        "automations",
        "advanced",
        signal="decelerator",
        outcome="failure",
    ),
    CatalogEvent("report_viewed", "reports", "advanced"),
    CatalogEvent(
        "report_exported",
        "reports",
        "advanced",
        signal="accelerator",
        outcome="success",
    ),
    CatalogEvent(
        "report_export_failed",
        "reports",
        "advanced",
        signal="decelerator",
        outcome="failure",
    ),
    # Integrations: a calendar sync and Slack notifications.
    CatalogEvent(
        "calendar_sync_connected",
        "calendar_sync",
        "expansion",
        signal="accelerator",
        is_integration=True,
    ),
    CatalogEvent(
        "calendar_sync_succeeded",
        "calendar_sync",
        "expansion",
        outcome="success",
        is_integration=True,
    ),
    CatalogEvent(
        "calendar_sync_failed",
        "calendar_sync",
        "expansion",
        signal="decelerator",
        outcome="failure",
        is_integration=True,
    ),
    CatalogEvent(
        "slack_connected",
        "slack_integration",
        "expansion",
        signal="accelerator",
        is_integration=True,
    ),
    CatalogEvent(
        "slack_notification_sent",
        "slack_integration",
        "expansion",
        outcome="success",
        is_integration=True,
    ),
    CatalogEvent(
        "slack_notification_failed",
        "slack_integration",
        "expansion",
        signal="decelerator",
        outcome="failure",
        is_integration=True,
    ),
    # Billing: seat and plan changes, and visits to the billing page.
    CatalogEvent("billing_viewed", "billing", "renewal"),
    CatalogEvent("seat_added", "billing", "expansion", signal="accelerator"),
    CatalogEvent("seat_removed", "billing", "renewal", signal="decelerator"),
    CatalogEvent("plan_upgraded", "billing", "renewal", signal="accelerator"),
    CatalogEvent("plan_downgraded", "billing", "renewal", signal="decelerator"),
    # Help-seeking. The stage is onboarding because help events mark no
    # progress beyond the first steps, wherever in the journey they happen.
    CatalogEvent(
        "help_article_viewed",
        "help",
        "onboarding",
        signal="decelerator",
        is_help_seeking=True,
    ),
    CatalogEvent(
        "docs_searched",
        "help",
        "onboarding",
        signal="decelerator",
        is_help_seeking=True,
    ),
    CatalogEvent(
        "support_chat_opened",
        "help",
        "onboarding",
        signal="decelerator",
        is_help_seeking=True,
    ),
)

EVENT_NAMES: tuple[str, ...] = tuple(event.event_name for event in EVENT_CATALOG)
EVENT_CODE: dict[str, int] = {name: code for code, name in enumerate(EVENT_NAMES)}
FEATURES: tuple[str, ...] = tuple(dict.fromkeys(event.feature for event in EVENT_CATALOG))

# Event names that appear in the planted data-quality rows and are absent from
# the catalog, like events shipped before the tracking plan was updated.
UNCATALOGUED_EVENT_NAMES: tuple[str, ...] = (
    "task_duplicated",
    "ai_summary_generated",
    "legacy_page_view",
)


def _csv_value(value: str | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_event_catalog(path: Path) -> None:
    """Write the catalog as CSV with a header, one row per event name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CATALOG_COLUMNS)
        for event in EVENT_CATALOG:
            writer.writerow([_csv_value(value) for value in event])
