"""Parameters of the simulated customers, their product use and their churn.

Every rate here is a modelling choice for plausible demo data, not a value
measured on a real product. `simulate.py` applies them.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .catalog import EVENT_CATALOG, EVENT_CODE

# --- Plans and segments ------------------------------------------------------

PLANS = ("starter", "team", "business", "enterprise")
# List price in USD per seat and month.
PLAN_PRICE_PER_SEAT = (9.0, 15.0, 25.0, 40.0)
# Annual contracts pay this share of the monthly list price.
ANNUAL_PRICE_FACTOR = 0.83

SEGMENTS = ("smb", "mid_market", "enterprise")
SEGMENT_SHARE = (0.65, 0.27, 0.08)
PLAN_SHARE_BY_SEGMENT = (
    (0.55, 0.45, 0.0, 0.0),
    (0.0, 0.5, 0.5, 0.0),
    (0.0, 0.0, 0.35, 0.65),
)
SEATS_MEDIAN_BY_SEGMENT = (4.0, 14.0, 35.0)
SEATS_SIGMA_BY_SEGMENT = (0.5, 0.4, 0.45)
SEATS_RANGE_BY_SEGMENT = ((1, 20), (6, 45), (20, 150))
ANNUAL_SHARE_BY_SEGMENT = (0.15, 0.35, 0.7)
# Mean days until an invited user joins, from account creation.
JOIN_DELAY_DAYS_BY_SEGMENT = (12.0, 22.0, 40.0)

# UTC offsets in hours of the accounts' home time zones, with their weights.
TIME_ZONE_HOURS = (-8.0, -7.0, -6.0, -5.0, -3.0, 0.0, 1.0, 2.0, 5.5, 8.0, 10.0)
TIME_ZONE_WEIGHTS = (0.14, 0.05, 0.1, 0.2, 0.04, 0.12, 0.18, 0.06, 0.04, 0.04, 0.03)

PLATFORMS = ("web", "desktop", "ios", "android")
PLATFORM_WEIGHTS = (0.72, 0.14, 0.09, 0.05)
# Platform codes outside PLATFORMS: a vendor staff session in a customer
# account, and an event sent by the backend rather than a client.
PLATFORM_STAFF = 4
PLATFORM_SERVER = -1
# Share of mobile sessions whose app version does not send account_id.
MOBILE_MISSING_ACCOUNT_SHARE = 0.25
# Share of client sessions that are delivered in one late batch.
LATE_SESSION_SHARE = 0.02

# --- Integrations and the planted friction ----------------------------------

CALENDAR_ADOPTION_BY_SEGMENT = (0.4, 0.55, 0.6)
SLACK_ADOPTION_BY_SEGMENT = (0.35, 0.5, 0.55)
# Mean days from account creation to connecting the integration.
CALENDAR_CONNECT_DELAY_DAYS = 45.0
SLACK_CONNECT_DELAY_DAYS = 35.0
# Expected scheduled syncs per connected account and day (weekday, weekend).
CALENDAR_SYNCS_PER_DAY = (1.8, 0.4)
SLACK_NOTIFICATIONS_PER_DAY = (1.0, 0.1)
AUTOMATION_RUNS_PER_AUTOMATION_AND_DAY = (0.3, 0.15)
MAX_RUNNING_AUTOMATIONS = 6
CALENDAR_BASE_FAILURE_RATE = 0.008
SLACK_FAILURE_RATE = 0.015
AUTOMATION_FAILURE_RATE = 0.03

# The bad release: calendar connections made on or after this share of the
# simulated period get tokens that fail to refresh.
FRICTION_RELEASE_SHARE = 0.3
FRICTION_FEATURE = "calendar_sync"
FRICTION_EVENT_NAMES = ("calendar_sync_failed",)
FRICTION_HAZARD_MULTIPLIER = 3.0
# Chance that a day of an affected account has a failure episode.
FRICTION_EPISODE_SHARE = 0.45
# Engagement lost per week since the friction started (log scale).
FRICTION_ENGAGEMENT_DRIFT = -0.05
FRICTION_TICKET_SHARE = 0.12
FRICTION_HELP_SHARE = 0.2

# --- Engagement --------------------------------------------------------------

# Chance that a joined user is active on a day, before the account's
# engagement and the user's own activity level multiply it (weekday, weekend).
ACTIVE_DAY_SHARE = (0.1, 0.01)
MAX_ACTIVE_DAY_SHARE = 0.9
EXTRA_SESSIONS_PER_ACTIVE_DAY = 0.15
MOTIFS_PER_SESSION = 1.0
MAX_MOTIFS_PER_SESSION = 12
# Weekly engagement process on a log scale: the level moves a quarter of the
# way to its target each week, plus noise.
ENGAGEMENT_PULL = 0.25
ENGAGEMENT_NOISE = 0.08
ENGAGEMENT_RANGE = (-3.0, 1.5)

# Report exports fail with this probability before the account's bug factor
# multiplies it. A failure repeats with FAILURE_REPEAT_SHARE per retry.
REPORT_EXPORT_FAILURE_RATE = 0.045
FAILURE_REPEAT_SHARE = 0.55
MAX_FAILURE_STREAK = 7
SUCCESS_AFTER_FAILURE_SHARE = 0.55
HELP_AFTER_GIVING_UP_SHARE = 0.4
TICKET_AFTER_GIVING_UP_SHARE = 0.15
STAFF_VISIT_SHARE = 0.35
FEATURE_REQUESTS_PER_ACCOUNT_WEEK = 0.006

# --- Churn and expansion -----------------------------------------------------

# Monthly churn probability of an account whose behaviour equals the
# reference values below, by segment.
BASE_MONTHLY_CHURN = (0.01, 0.0065, 0.004)
CHURN_WINDOW_DAYS = 28
REFERENCE_KEY_ACTIONS_PER_USER = 6.0
REFERENCE_COLLABORATION_PER_USER = 2.0
REFERENCE_ACTIVE_SEAT_SHARE = 0.65
# Coefficients on the log of the monthly hazard.
COEF_KEY_ACTIONS = -1.0
COEF_COLLABORATION = -0.8
COEF_INTEGRATION = -0.35
COEF_ACTIVE_SEAT_SHARE = -1.0
COEF_ERROR_RATE = 4.0
COEF_HELP_PER_USER = 0.1
COEF_TICKETS = 0.25
COEF_DORMANT = 1.2
MAX_MONTHLY_CHURN = 0.8
# Annual contracts churn only at renewal, with a probability from the summed
# monthly hazards of the contract year scaled by this factor.
ANNUAL_HAZARD_FACTOR = 0.7

SEAT_GROWTH_SHARE = 0.3
UPGRADE_SHARE = 0.07
SHRINK_SHARE = 0.25
DOWNGRADE_SHARE = 0.15


def monthly_churn_hazard(
    segment: np.ndarray,
    active_users: np.ndarray,
    seats: np.ndarray,
    key_actions: np.ndarray,
    collaboration_events: np.ndarray,
    events: np.ndarray,
    failures: np.ndarray,
    help_events: np.ndarray,
    integration_successes: np.ndarray,
    tickets: np.ndarray,
    friction: np.ndarray,
) -> np.ndarray:
    """Return each account's probability of churning this month.

    The inputs are counts over the CHURN_WINDOW_DAYS before the decision day.
    The log hazard is linear in ln(1 + per-user rates), the active seat share,
    the error rate, help-seeking and tickets, so every accelerator lowers the
    hazard monotonically and every decelerator raises it.
    """
    users = np.maximum(active_users, 1)
    key_per_user = key_actions / users
    collaboration_per_user = collaboration_events / users
    active_share = np.minimum(active_users / np.maximum(seats, 1), 1.5)
    error_rate = np.minimum(failures / np.maximum(events, 50), 0.5)
    help_per_user = np.minimum(help_events / users, 5.0)

    log_hazard = np.log(np.asarray(BASE_MONTHLY_CHURN)[segment])
    log_hazard += COEF_KEY_ACTIONS * (
        np.log1p(key_per_user) - math.log1p(REFERENCE_KEY_ACTIONS_PER_USER)
    )
    log_hazard += COEF_COLLABORATION * (
        np.log1p(collaboration_per_user) - math.log1p(REFERENCE_COLLABORATION_PER_USER)
    )
    log_hazard += COEF_INTEGRATION * (integration_successes > 0)
    log_hazard += COEF_ACTIVE_SEAT_SHARE * (active_share - REFERENCE_ACTIVE_SEAT_SHARE)
    log_hazard += COEF_ERROR_RATE * error_rate
    log_hazard += COEF_HELP_PER_USER * help_per_user
    log_hazard += COEF_TICKETS * np.minimum(tickets, 4)
    log_hazard += COEF_DORMANT * (active_users == 0)
    log_hazard += math.log(FRICTION_HAZARD_MULTIPLIER) * friction

    hazard = -np.expm1(-np.exp(log_hazard))
    return np.minimum(hazard, MAX_MONTHLY_CHURN)


# --- Session motifs ----------------------------------------------------------
#
# A session is a sequence of motifs, and a motif is a short sequence of events
# that users perform together, such as viewing a board and scrolling it.


class Step(NamedTuple):
    """One event of a motif, repeated between `low` and `high` times.

    The step happens with `probability`. With `requires_previous`, it never
    happens when the step before it did not.
    """

    event_name: str
    probability: float = 1.0
    low: int = 1
    high: int = 1
    requires_previous: bool = False


class Motif(NamedTuple):
    """A named sequence of steps with its group and its weight in sessions.

    `weight` is zero for motifs that only special situations create, such as
    account setup. Motifs of kind "report_export" and "onboarding" get their
    step counts from dedicated code in sessions.py.
    """

    name: str
    group: str
    weight: float
    steps: tuple[Step, ...]
    kind: str = "generic"


MOTIF_GROUPS = ("core", "collaboration", "advanced", "help", "workaround", "admin", "special")

MOTIFS: tuple[Motif, ...] = (
    # Core work.
    Motif("create_task", "core", 3.0, (Step("task_created", low=1, high=2),)),
    Motif("complete_task", "core", 2.4, (Step("task_completed", low=1, high=2),)),
    Motif("update_task", "core", 1.6, (Step("task_updated", low=1, high=2),)),
    Motif("create_project", "core", 0.25, (Step("project_created"),)),
    Motif(
        "browse_board",
        "core",
        2.0,
        (Step("board_viewed"), Step("board_scrolled", 0.6, 1, 5)),
    ),
    Motif("page_tasks", "core", 0.5, (Step("task_list_page_next", low=2, high=5),)),
    Motif("bulk_edit", "core", 0.12, (Step("tasks_bulk_edited", low=2, high=10),)),
    Motif("undo_once", "core", 0.2, (Step("undo_clicked"),)),
    # Collaboration.
    Motif("comment", "collaboration", 1.2, (Step("comment_added", low=1, high=2),)),
    Motif(
        "mention",
        "collaboration",
        0.6,
        (Step("comment_added"), Step("mention_sent", low=1, high=2)),
    ),
    # Advanced use.
    Motif("view_report", "advanced", 0.5, (Step("report_viewed", low=1, high=2),)),
    Motif(
        "export_report",
        "advanced",
        0.35,
        (
            Step("report_viewed"),
            Step("report_export_failed"),
            Step("report_exported"),
            Step("help_article_viewed"),
            Step("support_chat_opened"),
        ),
        kind="report_export",
    ),
    Motif("create_automation", "advanced", 0.08, (Step("automation_created"),)),
    Motif("export_data", "advanced", 0.06, (Step("data_exported"),)),
    # Help-seeking.
    Motif("read_help", "help", 0.25, (Step("help_article_viewed", low=1, high=3),)),
    Motif(
        "search_docs",
        "help",
        0.15,
        (Step("docs_searched", low=1, high=2), Step("help_article_viewed", 0.6, 1, 2)),
    ),
    Motif(
        "ask_support",
        "help",
        0.01,
        (Step("help_article_viewed", 0.5, 1, 2), Step("support_chat_opened")),
    ),
    # Workarounds: repeated undo, and editing data outside the product.
    Motif(
        "undo_burst",
        "workaround",
        0.15,
        (Step("task_updated"), Step("undo_clicked", low=2, high=5)),
    ),
    Motif(
        "export_import",
        "workaround",
        0.08,
        (
            Step("data_exported"),
            Step("import_started"),
            Step("data_imported", 0.85, requires_previous=True),
        ),
    ),
    # Administration, done by account owners.
    Motif("view_billing", "admin", 0.03, (Step("billing_viewed"),)),
    # Created by situations, never drawn for a session.
    Motif(
        "account_setup",
        "special",
        0.0,
        (
            Step("workspace_created"),
            Step("workspace_configured", 0.85, 1, 2),
            Step("import_started", 0.45),
            Step("data_imported", 0.7, requires_previous=True),
        ),
    ),
    Motif(
        "onboarding",
        "special",
        0.0,
        (
            Step("onboarding_tour_started"),
            Step("onboarding_step_viewed"),
            Step("onboarding_tour_completed"),
        ),
        kind="onboarding",
    ),
    Motif("invite", "special", 0.0, (Step("user_invited"),)),
    Motif("connect_calendar", "special", 0.0, (Step("calendar_sync_connected"),)),
    Motif("connect_slack", "special", 0.0, (Step("slack_connected"),)),
    Motif("add_seats", "special", 0.0, (Step("billing_viewed", 0.7), Step("seat_added"))),
    Motif("remove_seats", "special", 0.0, (Step("billing_viewed", 0.7), Step("seat_removed"))),
    Motif("upgrade", "special", 0.0, (Step("billing_viewed", 0.8, 1, 2), Step("plan_upgraded"))),
    Motif(
        "downgrade",
        "special",
        0.0,
        (Step("billing_viewed", 0.8, 1, 2), Step("plan_downgraded")),
    ),
    Motif("before_cancel", "special", 0.0, (Step("billing_viewed", low=1, high=2),)),
    Motif(
        "calendar_support",
        "special",
        0.0,
        (Step("help_article_viewed", 0.7, 1, 2), Step("support_chat_opened")),
    ),
    Motif("calendar_help", "special", 0.0, (Step("help_article_viewed", low=1, high=2),)),
    Motif(
        "staff_visit",
        "special",
        0.0,
        (
            Step("board_viewed"),
            Step("board_scrolled", 0.7, 1, 4),
            Step("report_viewed", 0.4, 1, 2),
        ),
    ),
)

MOTIF_ID: dict[str, int] = {motif.name: index for index, motif in enumerate(MOTIFS)}
MAX_STEPS = max(len(motif.steps) for motif in MOTIFS)


def _motif_step_table() -> dict[str, np.ndarray]:
    shape = (len(MOTIFS), MAX_STEPS)
    table = {
        "code": np.full(shape, -1, dtype=np.int16),
        "probability": np.zeros(shape),
        "low": np.zeros(shape, dtype=np.int64),
        "high": np.zeros(shape, dtype=np.int64),
        "requires_previous": np.zeros(shape, dtype=bool),
    }
    for row, motif in enumerate(MOTIFS):
        for column, step in enumerate(motif.steps):
            table["code"][row, column] = EVENT_CODE[step.event_name]
            table["probability"][row, column] = step.probability
            table["low"][row, column] = step.low
            table["high"][row, column] = step.high
            table["requires_previous"][row, column] = step.requires_previous
    return table


MOTIF_STEPS = _motif_step_table()
SESSION_MOTIF_IDS = np.array(
    [index for index, motif in enumerate(MOTIFS) if motif.weight > 0], dtype=np.int64
)
SESSION_MOTIF_WEIGHTS = np.array([MOTIFS[index].weight for index in SESSION_MOTIF_IDS])
SESSION_MOTIF_GROUPS = np.array(
    [MOTIF_GROUPS.index(MOTIFS[index].group) for index in SESSION_MOTIF_IDS], dtype=np.int64
)

# --- Event flags taken from the catalog, indexed by event code -----------------

IS_KEY_ACTION = np.array([event.is_key_action for event in EVENT_CATALOG])
IS_COLLABORATION = np.array([event.journey_stage == "collaboration" for event in EVENT_CATALOG])
IS_FAILURE = np.array([event.outcome == "failure" for event in EVENT_CATALOG])
IS_HELP = np.array([event.is_help_seeking for event in EVENT_CATALOG])
IS_INTEGRATION_SUCCESS = np.array(
    [event.is_integration and event.outcome == "success" for event in EVENT_CATALOG]
)
IS_REPEATED = np.array([event.is_naturally_repeated for event in EVENT_CATALOG])
# Median seconds between an event and the one before it in the same session.
EVENT_GAP_SECONDS = np.where(IS_REPEATED, 2.5, 35.0)
EVENT_GAP_SECONDS[IS_FAILURE] = 12.0

# --- Support tickets -----------------------------------------------------------

TICKET_CATEGORIES = ("bug", "how_to", "billing", "feature_request")
TICKET_PRIORITIES = ("low", "normal", "high", "urgent")
# Features a how-to question or a feature request is about, with weights.
QUESTION_FEATURES = (
    "projects",
    "tasks",
    "collaboration",
    "automations",
    "reports",
    "import_export",
    "calendar_sync",
    "slack_integration",
)
QUESTION_FEATURE_WEIGHTS = (0.16, 0.22, 0.1, 0.16, 0.14, 0.1, 0.06, 0.06)
# Median hours until a ticket is closed.
TICKET_MEDIAN_HOURS_TO_CLOSE = 20.0
