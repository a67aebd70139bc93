"""Support tickets and the vendor staff visits they trigger.

Tickets are kept as a dict of equal-length int64 numpy arrays: account and
user (block-local indexes), opened_ms (see timeline.py), and indexes into
model.TICKET_CATEGORIES, catalog.FEATURES (-1 for none) and
model.TICKET_PRIORITIES.
"""

from __future__ import annotations

import numpy as np

from . import model
from .catalog import EVENT_CODE, FEATURES
from .sessions import Events, SessionBuilder, concat_events
from .timeline import MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, local_time_ms

Tickets = dict[str, np.ndarray]

TICKET_COLUMNS = ("account", "user", "opened_ms", "category", "feature", "priority")
BUG, HOW_TO, BILLING, FEATURE_REQUEST = range(len(model.TICKET_CATEGORIES))
FEATURE_INDEX = {feature: index for index, feature in enumerate(FEATURES)}
QUESTION_FEATURE_INDEX = np.array([FEATURE_INDEX[name] for name in model.QUESTION_FEATURES])
QUESTION_FEATURE_PROBABILITIES = np.asarray(model.QUESTION_FEATURE_WEIGHTS) / sum(
    model.QUESTION_FEATURE_WEIGHTS
)


def concat_tickets(parts: list[Tickets]) -> Tickets:
    """Concatenate ticket columns. An empty list gives empty columns."""
    return {
        name: np.concatenate(
            [np.zeros(0, dtype=np.int64)]
            + [np.asarray(part[name], dtype=np.int64) for part in parts]
        )
        for name in TICKET_COLUMNS
    }


class SupportMixin:
    """Ticket and staff-visit steps of _BlockSimulator (simulate.py)."""

    def _tickets_from_chats(self, events: Events) -> Tickets:
        """Open a ticket for every support chat, about the feature that led to it."""
        rng = self.rng
        chat = np.flatnonzero(events["code"] == EVENT_CODE["support_chat_opened"])
        motif = events["motif"][chat]
        category = np.full(len(chat), HOW_TO)
        feature = QUESTION_FEATURE_INDEX[
            np.minimum(events["variant"][chat], len(QUESTION_FEATURE_INDEX) - 1)
        ]
        priority = rng.choice(4, size=len(chat), p=(0.5, 0.45, 0.05, 0.0))

        reports = motif == model.MOTIF_ID["export_report"]
        category[reports] = BUG
        feature[reports] = FEATURE_INDEX["reports"]
        priority[reports] = rng.choice(4, size=int(reports.sum()), p=(0.1, 0.5, 0.35, 0.05))

        calendar_rows = motif == model.MOTIF_ID["calendar_support"]
        category[calendar_rows] = BUG
        feature[calendar_rows] = FEATURE_INDEX["calendar_sync"]
        priority[calendar_rows] = rng.choice(
            4, size=int(calendar_rows.sum()), p=(0.0, 0.15, 0.6, 0.25)
        )
        return {
            "account": events["account"][chat].astype(np.int64),
            "user": events["user"][chat].astype(np.int64),
            "opened_ms": events["time_ms"][chat]
            + rng.integers(MS_PER_MINUTE, 10 * MS_PER_MINUTE, size=len(chat)),
            "category": category,
            "feature": feature,
            "priority": priority,
        }

    def _feature_requests(self, first_day: int, end_day: int) -> Tickets:
        """Draw feature requests sent by email, which leave no product event."""
        rng = self.rng
        alive = self._alive_on(first_day)
        members = np.bincount(self.user_account[self.user_join_day < first_day], minlength=self.n)
        probability = model.FEATURE_REQUESTS_PER_ACCOUNT_WEEK * np.sqrt(members)
        account = np.flatnonzero(alive & (rng.random(self.n) < probability))
        day = rng.integers(first_day, end_day, size=len(account))
        opened_ms = local_time_ms(rng, day, self.utc_offset_ms[account], 13.0, 2.5)
        return {
            "account": account,
            "user": self.owner[account],
            "opened_ms": np.maximum(opened_ms, self.created_ms[account] + MS_PER_HOUR),
            "category": np.full(len(account), FEATURE_REQUEST),
            "feature": QUESTION_FEATURE_INDEX[
                rng.choice(
                    len(model.QUESTION_FEATURES),
                    size=len(account),
                    p=QUESTION_FEATURE_PROBABILITIES,
                )
            ],
            "priority": rng.choice(4, size=len(account), p=(0.7, 0.3, 0.0, 0.0)),
        }

    def _staff_visits(self, tickets: Tickets, end_day: int) -> Events:
        """Return events of vendor staff who open a customer's account after a bug ticket.

        A visit that would fall after the current week is dropped, so that no
        staff event follows the account's churn.
        """
        rng = self.rng
        bug = np.flatnonzero(
            (tickets["category"] == BUG)
            & (rng.random(len(tickets["category"])) < model.STAFF_VISIT_SHARE)
        )
        start_ms = tickets["opened_ms"][bug] + rng.integers(
            MS_PER_HOUR, 26 * MS_PER_HOUR, size=len(bug)
        )
        keep = start_ms < end_day * MS_PER_DAY
        bug, start_ms = bug[keep], start_ms[keep]
        if len(bug) == 0:
            return concat_events([])
        staff = rng.integers(0, len(self.staff_ids), size=len(bug))
        visits = SessionBuilder()
        visits.add_single_motif_sessions(
            tickets["account"][bug],
            -1 - staff,
            start_ms,
            model.MOTIF_ID["staff_visit"],
            platform=model.PLATFORM_STAFF,
        )
        return visits.expand(rng)

    def _billing_ticket(self, account: int, day: int, share: float) -> Tickets:
        """Return, with probability `share`, a billing question from the owner on `day`."""
        rng = self.rng
        if rng.random() >= share or day < self.created_day[account]:
            return concat_tickets([])
        accounts = np.array([account])
        return {
            "account": accounts,
            "user": self.owner[accounts],
            "opened_ms": local_time_ms(
                rng, np.array([day]), self.utc_offset_ms[accounts], 12.0, 2.0
            ),
            "category": np.array([BILLING]),
            "feature": np.array([-1 if rng.random() < 0.7 else FEATURE_INDEX["billing"]]),
            "priority": np.array([1]),
        }
