"""Behaviour counts, monthly renewal decisions and subscription changes.

At each monthly anniversary of its creation an account may churn, change its
seats or change its plan. The churn hazard (model.monthly_churn_hazard) reads
the account's behaviour in the CHURN_WINDOW_DAYS before the decision day.
"""

from __future__ import annotations

import math

import numpy as np

from . import model
from .sessions import Events, SessionBuilder
from .support import Tickets, concat_tickets
from .timeline import MS_PER_DAY, MS_PER_MINUTE, NEVER, local_time_ms

# Rows of _BlockSimulator.daily: daily counts per account of these measures.
DAILY_MEASURES = (
    "events",
    "key_actions",
    "collaboration_events",
    "failures",
    "help_events",
    "integration_successes",
    "tickets",
)


class RenewalsMixin:
    """Behaviour-count and renewal steps of _BlockSimulator (simulate.py)."""

    def _count_behaviour(self, events: Events, tickets: Tickets, first_day: int) -> None:
        """Add the week's customer events and tickets to the daily counts per account."""
        customer = events["user"] >= 0
        code = events["code"][customer]
        flags = (
            np.ones(len(code)),
            model.IS_KEY_ACTION[code],
            model.IS_COLLABORATION[code],
            model.IS_FAILURE[code],
            model.IS_HELP[code],
            model.IS_INTEGRATION_SUCCESS[code],
        )
        self._add_daily(
            events["account"][customer], events["time_ms"][customer], flags, first_day, 0
        )
        self._add_daily(
            tickets["account"],
            tickets["opened_ms"],
            (np.ones(len(tickets["account"])),),
            first_day,
            DAILY_MEASURES.index("tickets"),
        )

    def _add_daily(
        self,
        account: np.ndarray,
        time_ms: np.ndarray,
        weights: tuple[np.ndarray, ...],
        first_day: int,
        first_metric: int,
    ) -> None:
        # Events of a week can spill a day past its end, so 9 columns cover them.
        # An event before the week, such as an invitation sent the day before
        # the user joined, counts on the week's first day.
        width = 9
        day = np.clip(time_ms // MS_PER_DAY - first_day, 0, width - 1)
        index = account.astype(np.int64) * width + day
        last = min(first_day + width, self.days + 1)
        for offset, weight in enumerate(weights):
            counts = np.bincount(index, weights=weight, minlength=self.n * width).reshape(
                self.n, width
            )
            self.daily[first_metric + offset, :, first_day:last] += counts[:, : last - first_day]

    def _update_last_active(self, events: Events) -> None:
        customer = events["user"] >= 0
        day = events["time_ms"][customer] // MS_PER_DAY
        np.maximum.at(self.user_last_active, events["user"][customer], day)

    def _window_sums(self, account: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Return the daily counts summed over the churn window before each day.

        The shape is (len(DAILY_MEASURES), len(account)).
        """
        window = model.CHURN_WINDOW_DAYS
        columns = day[:, None] + np.arange(-window, 0)[None, :]
        inside = columns >= 0
        values = self.daily[:, account[:, None], np.maximum(columns, 0)]
        return (values * inside[None]).sum(axis=2)

    def _decide_renewals(self, changes: SessionBuilder, first_day: int, end_day: int) -> Tickets:
        """Decide churn, seat changes and plan changes at this week's monthly anniversaries.

        Adds the owner's billing events to `changes` and returns billing tickets.
        """
        rng = self.rng
        column = np.minimum(self.next_anniversary, self.anniversary_days.shape[1] - 1)
        decision_day = self.anniversary_days[np.arange(self.n), column]
        deciding = np.flatnonzero(
            (self.churn_day == NEVER)
            & (decision_day >= first_day)
            & (decision_day < end_day)
            & (decision_day < self.days)
        )
        if len(deciding) == 0:
            return concat_tickets([])
        account = deciding
        day = decision_day[account]
        self.next_anniversary[account] += 1

        window = dict(zip(DAILY_MEASURES, self._window_sums(account, day), strict=True))
        day_of_account = np.full(self.n, NEVER, dtype=np.int64)
        day_of_account[account] = day
        recent = (
            self.user_last_active >= day_of_account[self.user_account] - model.CHURN_WINDOW_DAYS
        )
        active_users = np.bincount(self.user_account[recent], minlength=self.n)[account]
        seats = self.seats[account]
        friction = self.friction[account] & (self.calendar_day[account] < day)
        hazard = model.monthly_churn_hazard(
            segment=self.segment[account],
            active_users=active_users,
            seats=seats,
            key_actions=window["key_actions"],
            collaboration_events=window["collaboration_events"],
            events=window["events"],
            failures=window["failures"],
            help_events=window["help_events"],
            integration_successes=window["integration_successes"],
            tickets=window["tickets"],
            friction=friction,
        )
        annual = self.annual[account]
        self.annual_hazard[account] -= np.log1p(-hazard)
        renewal = ~annual | (self.next_anniversary[account] % 12 == 0)
        churn_probability = np.where(
            annual,
            -np.expm1(-model.ANNUAL_HAZARD_FACTOR * self.annual_hazard[account]),
            hazard,
        )
        churn = renewal & (rng.random(len(account)) < churn_probability)
        self.annual_hazard[account[annual & renewal]] = 0.0

        users = np.maximum(active_users, 1)
        active_share = active_users / np.maximum(seats, 1)
        key_per_user = window["key_actions"] / users
        growing = ~churn & (active_share >= 0.8) & (key_per_user >= 8)
        struggling = ~churn & renewal & (active_share < 0.35)
        draw = rng.random((4, len(account)))
        add_seats = (growing & (draw[0] < model.SEAT_GROWTH_SHARE)) | (
            ~churn & ~struggling & (draw[0] < 0.01)
        )
        upgrade = (
            ~churn
            & (self.plan[account] < len(model.PLANS) - 1)
            & ((growing & (draw[1] < model.UPGRADE_SHARE)) | (draw[1] < 0.004))
        )
        remove_seats = struggling & (draw[2] < model.SHRINK_SHARE)
        downgrade = struggling & (self.plan[account] > 0) & (draw[3] < model.DOWNGRADE_SHARE)

        tickets = []
        for index in np.flatnonzero(churn):
            tickets.append(self._cancel(int(account[index]), int(day[index]), changes))
        changed = np.flatnonzero(add_seats | upgrade | remove_seats | downgrade)
        for index in changed:
            tickets.append(
                self._change_subscription(
                    changes,
                    int(account[index]),
                    int(day[index]),
                    int(active_users[index]),
                    add_seats=bool(add_seats[index]),
                    upgrade=bool(upgrade[index]),
                    remove_seats=bool(remove_seats[index]),
                    downgrade=bool(downgrade[index]),
                )
            )
        return concat_tickets(tickets)

    def _cancel(self, account: int, day: int, changes: SessionBuilder) -> Tickets:
        """End the account's subscription on `day`. The owner may visit billing the day before."""
        rng = self.rng
        self.churn_day[account] = day
        self.subscriptions[self.current_subscription[account]][5] = day
        accounts = np.array([account])
        if day - 1 > self.created_day[account] and rng.random() < 0.6:
            start_ms = local_time_ms(
                rng, np.array([day - 1]), self.utc_offset_ms[accounts], 14.0, 2.0
            )
            changes.add_single_motif_sessions(
                accounts, self.owner[accounts], start_ms, model.MOTIF_ID["before_cancel"]
            )
        return self._billing_ticket(account, day - 1, share=0.15)

    def _change_subscription(
        self,
        changes: SessionBuilder,
        account: int,
        day: int,
        active_users: int,
        add_seats: bool,
        upgrade: bool,
        remove_seats: bool,
        downgrade: bool,
    ) -> Tickets:
        """End the current subscription row on `day` and start one with the new plan and seats."""
        rng = self.rng
        old_plan = int(self.plan[account])
        old_seats = int(self.seats[account])
        plan, seats = old_plan, old_seats
        if add_seats:
            seats = old_seats + max(1, math.ceil(old_seats * rng.uniform(0.1, 0.35)))
        if remove_seats:
            seats = max(1, min(old_seats - 1, math.ceil(active_users * 1.2)))
        if upgrade:
            plan = old_plan + 1
        if downgrade:
            plan = old_plan - 1
        if (plan, seats) == (old_plan, old_seats):
            return concat_tickets([])

        accounts = np.array([account])
        mrr = float(self._monthly_price(np.array([plan]), np.array([seats]), accounts)[0])
        self.subscriptions[self.current_subscription[account]][5] = day
        self.subscriptions.append([account, plan, seats, mrr, day, None])
        self.current_subscription[account] = len(self.subscriptions) - 1
        self.plan[account] = plan
        self.seats[account] = seats

        owner = self.owner[accounts]
        start_ms = local_time_ms(rng, np.array([day]), self.utc_offset_ms[accounts], 11.0, 2.0)
        if seats > old_seats:
            changes.add_single_motif_sessions(
                accounts, owner, start_ms, model.MOTIF_ID["add_seats"], variant=seats - old_seats
            )
            new_users = round((seats - old_seats) * min(self.activation[account], 1.2))
            if new_users > 0:
                self._add_users(accounts, np.array([new_users]), np.array([day]), with_owner=False)
        elif seats < old_seats:
            changes.add_single_motif_sessions(
                accounts, owner, start_ms, model.MOTIF_ID["remove_seats"], variant=old_seats - seats
            )
        if plan != old_plan:
            motif = model.MOTIF_ID["upgrade"] if plan > old_plan else model.MOTIF_ID["downgrade"]
            changes.add_single_motif_sessions(
                accounts, owner, start_ms + 5 * MS_PER_MINUTE, motif, variant=4 * old_plan + plan
            )
        return self._billing_ticket(account, day, share=0.1)
