"""Output tables of one block: users, events, tickets, subscriptions and accounts."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import model
from .catalog import EVENT_CODE, FEATURES
from .contract import (
    ACCOUNTS_SCHEMA,
    SUBSCRIPTIONS_SCHEMA,
    SUPPORT_TICKETS_SCHEMA,
    USERS_SCHEMA,
)
from .names import company_names, email_domain, person_emails
from .output import BlockOutput, BlockStats, build_events_table, format_ids, timestamps
from .planted import plant_data_quality_rows
from .sessions import concat_events, take_events
from .support import concat_tickets
from .timeline import MS_PER_DAY, MS_PER_HOUR, date_epoch_ms


class _EventsResult(NamedTuple):
    """The events table of a block and facts about it for planted_effects.json."""

    table: pa.Table
    data_quality: dict[str, int]
    unknown_user_ids: list[str]
    # Calendar sync events per account, counted before the planted defects.
    calendar_successes: np.ndarray
    calendar_failures: np.ndarray


class TablesMixin:
    """Output steps of _BlockSimulator (simulate.py)."""

    def _finish(self) -> BlockOutput:
        """Turn the block's state and events into output tables."""
        start_us = date_epoch_ms(self.config.start) * 1000
        end_ms = self.days * MS_PER_DAY
        account_end_ms = np.minimum(self.churn_day, self.days) * MS_PER_DAY
        account_ids = format_ids("acct_", self.first_account + 1 + np.arange(self.n), width=6)

        # Users who joined before their account churned or the period ended.
        joined = np.flatnonzero(self.user_join_ms < account_end_ms[self.user_account])
        joined = joined[np.argsort(self.user_join_ms[joined], kind="stable")]
        user_number = np.full(len(self.user_account), -1, dtype=np.int64)
        user_number[joined] = self.counters.user + np.arange(len(joined))
        self.counters.user += len(joined)
        users = self._users_table(joined, user_number, account_ids, start_us)

        events = self._events_table(user_number, account_ids, account_end_ms, end_ms, start_us)
        tickets = self._tickets_table(user_number, account_ids, account_end_ms, end_ms, start_us)
        subscriptions = self._subscriptions_table(account_ids)
        accounts = self._accounts_table(account_ids, start_us)

        churned = self.churn_day < self.days
        connected = self.calendar_day < np.minimum(self.churn_day, self.days)
        stats = BlockStats(
            account_ids=account_ids.to_pylist(),
            churned=churned,
            friction=self.friction & connected,
            calendar_connected=connected,
            calendar_successes=events.calendar_successes,
            calendar_failures=events.calendar_failures,
            data_quality=events.data_quality,
            unknown_user_ids=events.unknown_user_ids,
            row_counts={
                "events": events.table.num_rows,
                "users": users.num_rows,
                "accounts": accounts.num_rows,
                "subscriptions": subscriptions.num_rows,
                "support_tickets": tickets.num_rows,
            },
        )
        return BlockOutput(events.table, users, accounts, subscriptions, tickets, stats)

    def _users_table(
        self, joined: np.ndarray, user_number: np.ndarray, account_ids: pa.Array, start_us: int
    ) -> pa.Table:
        account = self.user_account[joined]
        names = company_names(self.first_account + np.arange(self.n), self.name_order)
        domains = [email_domain(names[a]) for a in account.tolist()]
        emails = person_emails(self.rng, domains, account)
        return pa.table(
            {
                "user_id": format_ids("usr_", user_number[joined], width=8),
                "account_id": account_ids.take(pa.array(account)),
                "created_at": timestamps(start_us + self.user_join_ms[joined] * 1000),
                "email": pa.array(emails, pa.string()),
                "is_internal": pa.array(np.zeros(len(joined), dtype=bool)),
            },
            schema=USERS_SCHEMA,
        )

    def _events_table(
        self,
        user_number: np.ndarray,
        account_ids: pa.Array,
        account_end_ms: np.ndarray,
        end_ms: int,
        start_us: int,
    ) -> _EventsResult:
        rng = self.rng
        events = concat_events(self.event_parts)
        self.event_parts = []
        keep = (events["time_ms"] >= 0) & (events["time_ms"] < account_end_ms[events["account"]])
        events = take_events(events, keep)

        # Backend events arrive within a second, client events after about 2 s,
        # and late batches hours later.
        server = events["platform"] == model.PLATFORM_SERVER
        count = len(server)
        delay = np.where(
            server,
            rng.integers(50, 900, size=count),
            rng.lognormal(np.log(2000.0), 0.7, size=count).astype(np.int64),
        )
        received_ms = events["time_ms"] + delay + events["late_ms"]
        delivered = received_ms < end_ms
        events = take_events(events, delivered)
        received_ms = received_ms[delivered]
        order = np.argsort(events["time_ms"], kind="stable")
        events = take_events(events, order)
        received_ms = received_ms[order]

        staff_count = len(self.staff_ids)
        user = events["user"].astype(np.int64)
        user_label = np.where(user < 0, -1 - user, staff_count + user)
        account = np.where(events["missing_account"], -1, events["account"]).astype(np.int64)
        columns = {
            "event_number": self.counters.event + np.arange(len(user)),
            "occurred_ms": events["time_ms"].copy(),
            "received_ms": received_ms,
            "user_label": user_label,
            "account": account,
            "code": events["code"].astype(np.int64),
            "platform": events["platform"].astype(np.int64),
            "variant": events["variant"].astype(np.int64),
        }
        self.counters.event += len(user)
        customer = np.flatnonzero((user >= 0) & (account >= 0))
        unknown_label = staff_count + len(self.user_account)
        columns, data_quality, unknown_users = plant_data_quality_rows(
            rng, columns, customer, self.block_index == 0, end_ms, unknown_label
        )
        data_quality["internal_user_events"] = int((user < 0).sum())
        calendar_successes, calendar_failures = (
            np.bincount(events["account"][events["code"] == EVENT_CODE[name]], minlength=self.n)
            for name in ("calendar_sync_succeeded", "calendar_sync_failed")
        )
        data_quality["missing_account_id"] = int((columns["account"] < 0).sum())

        unknown_numbers = self.counters.user + np.arange(unknown_users)
        self.counters.user += unknown_users
        user_labels = pa.concat_arrays(
            [
                self.staff_ids,
                format_ids("usr_", np.maximum(user_number, 0), width=8),
                format_ids("usr_", unknown_numbers, width=8),
            ]
        )
        sort_key = np.where(
            columns["occurred_null"], np.iinfo(np.int64).max, columns["occurred_ms"]
        )
        order = np.argsort(sort_key, kind="stable")
        columns = {name: column[order] for name, column in columns.items()}
        table = build_events_table(
            event_number=columns["event_number"],
            occurred_us=start_us + columns["occurred_ms"] * 1000,
            occurred_null=columns["occurred_null"],
            received_us=start_us + columns["received_ms"] * 1000,
            user_labels=user_labels,
            user_label=columns["user_label"],
            account_labels=account_ids,
            account=columns["account"],
            code=columns["code"],
            platform=columns["platform"],
            variant=columns["variant"],
        )
        return _EventsResult(
            table,
            data_quality,
            format_ids("usr_", unknown_numbers, width=8).to_pylist(),
            calendar_successes,
            calendar_failures,
        )

    def _tickets_table(
        self,
        user_number: np.ndarray,
        account_ids: pa.Array,
        account_end_ms: np.ndarray,
        end_ms: int,
        start_us: int,
    ) -> pa.Table:
        rng = self.rng
        tickets = concat_tickets(self.ticket_parts)
        self.ticket_parts = []
        keep = (tickets["opened_ms"] < account_end_ms[tickets["account"]]) & (tickets["user"] >= 0)
        tickets = {name: column[keep] for name, column in tickets.items()}
        order = np.argsort(tickets["opened_ms"], kind="stable")
        tickets = {name: column[order] for name, column in tickets.items()}
        count = len(order)

        hours = rng.lognormal(np.log(model.TICKET_MEDIAN_HOURS_TO_CLOSE), 1.0, size=count)
        closed_ms = tickets["opened_ms"] + (hours * MS_PER_HOUR).astype(np.int64)
        ticket_numbers = self.counters.ticket + np.arange(count)
        self.counters.ticket += count
        features = pa.array(FEATURES, pa.string())
        feature = features.take(pa.array(np.maximum(tickets["feature"], 0)))
        feature = pc.if_else(
            pa.array(tickets["feature"] < 0), pa.scalar(None, pa.string()), feature
        )
        return pa.table(
            {
                "ticket_id": format_ids("tkt_", ticket_numbers, width=7),
                "account_id": account_ids.take(pa.array(tickets["account"])),
                "user_id": format_ids("usr_", user_number[tickets["user"]], width=8),
                "opened_at": timestamps(start_us + tickets["opened_ms"] * 1000),
                "closed_at": timestamps(start_us + closed_ms * 1000, closed_ms >= end_ms),
                "category": pa.array(model.TICKET_CATEGORIES, pa.string()).take(
                    pa.array(tickets["category"])
                ),
                "feature": feature,
                "priority": pa.array(model.TICKET_PRIORITIES, pa.string()).take(
                    pa.array(tickets["priority"])
                ),
            },
            schema=SUPPORT_TICKETS_SCHEMA,
        )

    def _subscriptions_table(self, account_ids: pa.Array) -> pa.Table:
        rows = sorted(self.subscriptions, key=lambda row: (row[0], row[4]))
        count = len(rows)
        numbers = self.counters.subscription + np.arange(count)
        self.counters.subscription += count
        start = np.datetime64(self.config.start, "D")
        started = np.array([row[4] for row in rows], dtype=np.int64)
        ended = np.array([-1 if row[5] is None else row[5] for row in rows], dtype=np.int64)
        return pa.table(
            {
                "subscription_id": format_ids("sub_", numbers, width=7),
                "account_id": account_ids.take(pa.array([row[0] for row in rows], pa.int64())),
                "plan": pa.array([model.PLANS[row[1]] for row in rows], pa.string()),
                "seats": pa.array([row[2] for row in rows], pa.int32()),
                "mrr": pa.array([row[3] for row in rows], pa.float64()),
                "started_on": pa.array(start + started),
                "ended_on": pa.array(start + np.maximum(ended, 0), mask=ended < 0),
            },
            schema=SUBSCRIPTIONS_SCHEMA,
        )

    def _accounts_table(self, account_ids: pa.Array, start_us: int) -> pa.Table:
        names = company_names(self.first_account + np.arange(self.n), self.name_order)
        last_mrr = np.array([self.subscriptions[row][3] for row in self.current_subscription])
        return pa.table(
            {
                "account_id": account_ids,
                "account_name": pa.array(names, pa.string()),
                "created_at": timestamps(start_us + self.created_ms * 1000),
                "plan": pa.array([model.PLANS[plan] for plan in self.plan], pa.string()),
                "seats_purchased": pa.array(self.seats, pa.int32()),
                "arr": pa.array(np.round(last_mrr * 12, 2), pa.float64()),
                "segment": pa.array([model.SEGMENTS[s] for s in self.segment], pa.string()),
            },
            schema=ACCOUNTS_SCHEMA,
        )
