"""Simulate accounts, users, subscriptions, support tickets and product events.

Accounts are simulated in blocks of ACCOUNTS_PER_BLOCK, so memory is bounded
by the largest block. Each block draws from its own random stream, derived
from the seed and the block index, and only the numbering of ids continues
from one block to the next. Within a block the simulation steps through weeks
and draws every user's days, sessions and events for the week as numpy arrays.
Changing ACCOUNTS_PER_BLOCK changes the data of every seed.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from . import model
from .catalog import EVENT_CODE
from .contract import USERS_SCHEMA
from .integrations import IntegrationsMixin
from .names import COMPANY_NAME_COUNT, STAFF_EMAIL_DOMAIN, person_emails
from .output import BlockOutput, format_ids, timestamps
from .renewals import DAILY_MEASURES, RenewalsMixin
from .sessions import Events, SessionBuilder, concat_events, draw_categorical
from .support import QUESTION_FEATURE_PROBABILITIES, SupportMixin, Tickets, concat_tickets
from .tables import TablesMixin
from .timeline import MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, NEVER, date_epoch_ms, local_time_ms

ACCOUNTS_PER_BLOCK = 256
MAX_ACCOUNTS = 1_000_000
MAX_MONTHS = 120

# Keys that separate the random streams derived from the seed.
_STREAM_NAMES = 1
_STREAM_STAFF = 2
_STREAM_BLOCK = 3


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day of the month `months` later, clamped to the month's end."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return dt.date(year, month_index + 1, min(day.day, last_day))


@dataclasses.dataclass(frozen=True)
class SimulationConfig:
    """Size, seed and period of a simulation.

    Raises ValueError when a value is out of range or `start` is not a Monday.
    """

    accounts: int
    seed: int = 7
    start: dt.date = dt.date(2025, 1, 6)
    months: int = 18

    def __post_init__(self) -> None:
        if not 1 <= self.accounts <= MAX_ACCOUNTS:
            raise ValueError(
                f"accounts must be between 1 and {MAX_ACCOUNTS:,}, got {self.accounts}"
            )
        if self.seed < 0:
            raise ValueError(f"seed must be zero or positive, got {self.seed}")
        if not 1 <= self.months <= MAX_MONTHS:
            raise ValueError(f"months must be between 1 and {MAX_MONTHS}, got {self.months}")
        if self.start.weekday() != 0:
            raise ValueError(
                f"start must be a Monday, got {self.start.isoformat()} "
                f"(a {self.start.strftime('%A')})"
            )

    @property
    def end(self) -> dt.date:
        """First day after the simulated period."""
        return add_months(self.start, self.months)

    @property
    def days(self) -> int:
        """Number of simulated days."""
        return (self.end - self.start).days

    @property
    def release_day(self) -> int:
        """Day index of the bad calendar-sync release.

        It is the Monday nearest to model.FRICTION_RELEASE_SHARE of the period.
        """
        return 7 * round(model.FRICTION_RELEASE_SHARE * self.days / 7)

    @property
    def release_date(self) -> dt.date:
        """Date of the bad calendar-sync release."""
        return self.start + dt.timedelta(days=self.release_day)


@dataclasses.dataclass
class _IdCounters:
    """Next number of each id kind, shared by the blocks in order."""

    user: int = 1
    subscription: int = 1
    ticket: int = 1
    event: int = 1


class Simulation:
    """A seeded simulation whose blocks are generated on iteration.

    `staff_users()` is available at once. `blocks()` yields one BlockOutput per
    block of accounts and may be iterated only once.
    """

    def __init__(self, config: SimulationConfig) -> None:
        self.config = config
        self._counters = _IdCounters()
        staff_rng = np.random.default_rng([config.seed, _STREAM_STAFF])
        self._staff_count = min(3 + config.accounts // 100, 40)
        self._staff_ids = format_ids("usr_", np.arange(1, self._staff_count + 1), width=8)
        self._counters.user += self._staff_count
        self._staff_created_ms = np.sort(
            local_time_ms(
                staff_rng,
                np.zeros(self._staff_count, dtype=np.int64),
                np.zeros(self._staff_count, dtype=np.int64),
                10.0,
                1.5,
            )
        )
        self._staff_emails = person_emails(
            staff_rng,
            [STAFF_EMAIL_DOMAIN] * self._staff_count,
            np.zeros(self._staff_count, dtype=np.int64),
        )
        name_rng = np.random.default_rng([config.seed, _STREAM_NAMES])
        self._name_order = name_rng.permutation(COMPANY_NAME_COUNT)

    @property
    def staff_user_ids(self) -> list[str]:
        """User ids of the vendor's staff."""
        return self._staff_ids.to_pylist()

    def staff_users(self) -> pa.Table:
        """Return the users table rows of the vendor's staff.

        Staff belong to no customer account, so their account_id is null.
        """
        start_us = date_epoch_ms(self.config.start) * 1000
        return pa.table(
            {
                "user_id": self._staff_ids,
                "account_id": pa.nulls(self._staff_count, pa.string()),
                "created_at": timestamps(start_us + self._staff_created_ms * 1000),
                "email": pa.array(self._staff_emails, pa.string()),
                "is_internal": pa.array(np.ones(self._staff_count, dtype=bool)),
            },
            schema=USERS_SCHEMA,
        )

    def blocks(self) -> Iterator[BlockOutput]:
        """Simulate and yield the blocks of accounts in order."""
        total = self.config.accounts
        for block_index, first in enumerate(range(0, total, ACCOUNTS_PER_BLOCK)):
            count = min(ACCOUNTS_PER_BLOCK, total - first)
            block = _BlockSimulator(
                self.config,
                block_index,
                first,
                count,
                self._counters,
                self._staff_ids,
                self._name_order,
            )
            yield block.run()


class _BlockSimulator(IntegrationsMixin, SupportMixin, RenewalsMixin, TablesMixin):
    """State and weekly steps of one block of accounts."""

    def __init__(
        self,
        config: SimulationConfig,
        block_index: int,
        first_account: int,
        count: int,
        counters: _IdCounters,
        staff_ids: pa.Array,
        name_order: np.ndarray,
    ) -> None:
        self.config = config
        self.block_index = block_index
        self.first_account = first_account
        self.n = count
        self.counters = counters
        self.staff_ids = staff_ids
        self.name_order = name_order
        self.days = config.days
        self.rng = np.random.default_rng([config.seed, _STREAM_BLOCK, block_index])
        self._init_accounts()
        self._init_users()
        self._init_subscriptions()
        # Daily counts per account of each of DAILY_MEASURES, for the churn window.
        self.daily = np.zeros((len(DAILY_MEASURES), count, self.days + 1), dtype=np.float32)
        self.event_parts: list[Events] = []
        self.ticket_parts: list[Tickets] = []

    # --- Initial state -------------------------------------------------------

    def _init_accounts(self) -> None:
        rng, n, days = self.rng, self.n, self.days
        span = max(days - 21, 1)
        created_day = np.floor(span * rng.random(n) ** 1.7).astype(np.int64)
        self.segment = rng.choice(3, size=n, p=model.SEGMENT_SHARE)
        plan_cumulative = np.cumsum(np.asarray(model.PLAN_SHARE_BY_SEGMENT), axis=1)
        self.plan = (plan_cumulative[self.segment] <= rng.random(n)[:, None]).sum(axis=1)
        self.plan = np.minimum(self.plan, len(model.PLANS) - 1)

        median = np.asarray(model.SEATS_MEDIAN_BY_SEGMENT)[self.segment]
        sigma = np.asarray(model.SEATS_SIGMA_BY_SEGMENT)[self.segment]
        seat_range = np.asarray(model.SEATS_RANGE_BY_SEGMENT)[self.segment]
        seats = np.round(median * np.exp(sigma * rng.standard_normal(n)))
        self.seats = np.clip(seats, seat_range[:, 0], seat_range[:, 1]).astype(np.int64)
        self.annual = rng.random(n) < np.asarray(model.ANNUAL_SHARE_BY_SEGMENT)[self.segment]
        zone_hours = rng.choice(
            np.asarray(model.TIME_ZONE_HOURS),
            size=n,
            p=np.asarray(model.TIME_ZONE_WEIGHTS) / sum(model.TIME_ZONE_WEIGHTS),
        )
        self.utc_offset_ms = (zone_hours * MS_PER_HOUR).astype(np.int64)
        self.discount = np.where(self.segment == 2, rng.uniform(0.7, 0.95, n), 1.0)
        self.created_ms = local_time_ms(rng, created_day, self.utc_offset_ms, 11.0, 2.0)
        self.created_day = self.created_ms // MS_PER_DAY

        # Behaviour traits. Engagement is a log-scale level that multiplies
        # activity, and the other traits multiply the weight of motif groups.
        self.engagement_base = rng.normal(0.0, 0.5, n)
        self.engagement = self.engagement_base.copy()
        kind = rng.random(n)
        self.trend = np.where(
            kind < 0.25,
            rng.uniform(-0.06, -0.025, n),
            np.where(kind < 0.45, rng.uniform(0.01, 0.03, n), 0.0),
        )
        self.collaboration_trait = rng.lognormal(0.0, 0.7, n)
        self.advanced_trait = rng.lognormal(0.0, 0.6, n)
        self.help_trait = rng.lognormal(0.0, 0.6, n)
        self.workaround_trait = rng.lognormal(0.0, 0.8, n)
        self.bug_factor = rng.lognormal(0.0, 0.5, n)
        kind = rng.random(n)
        self.activation = np.where(
            kind < 0.06,
            rng.uniform(1.05, 1.3, n),
            np.where(kind < 0.22, rng.beta(2.0, 5.0, n), rng.beta(6.0, 2.0, n)),
        )

        self.calendar_day = self._adoption_day(
            model.CALENDAR_ADOPTION_BY_SEGMENT, model.CALENDAR_CONNECT_DELAY_DAYS
        )
        self.slack_day = self._adoption_day(
            model.SLACK_ADOPTION_BY_SEGMENT, model.SLACK_CONNECT_DELAY_DAYS
        )
        self.calendar_provider = rng.integers(0, 2, n)
        self.friction = (self.calendar_day >= self.config.release_day) & (
            self.calendar_day < self.days
        )
        self.churn_day = np.full(n, NEVER, dtype=np.int64)
        self.automations = np.zeros(n, dtype=np.int64)
        self.annual_hazard = np.zeros(n)
        self.anniversary_days = self._anniversary_days()
        self.next_anniversary = np.zeros(n, dtype=np.int64)

    def _adoption_day(self, share_by_segment: tuple[float, ...], mean_delay: float) -> np.ndarray:
        rng, n = self.rng, self.n
        adopts = rng.random(n) < np.asarray(share_by_segment)[self.segment] * np.minimum(
            self.advanced_trait, 1.5
        )
        delay = 5 + np.floor(rng.exponential(mean_delay, n)).astype(np.int64)
        day = self.created_day + delay
        return np.where(adopts & (day < self.days), day, NEVER)

    def _anniversary_days(self) -> np.ndarray:
        """Return the day index of each monthly anniversary of account creation.

        The shape is (accounts, months + 1), so the last column is after the period.
        """
        start = np.datetime64(self.config.start, "D")
        created = start + self.created_day
        month = created.astype("datetime64[M]")
        day_of_month = (created - month.astype("datetime64[D]")).astype(np.int64)
        offsets = np.arange(1, self.config.months + 2)
        target = month[:, None] + offsets[None, :]
        month_start = target.astype("datetime64[D]")
        month_length = ((target + 1).astype("datetime64[D]") - month_start).astype(np.int64)
        day = month_start + np.minimum(day_of_month[:, None], month_length - 1)
        return (day - start).astype(np.int64)

    def _init_users(self) -> None:
        self.user_account = np.zeros(0, dtype=np.int64)
        self.user_join_ms = np.zeros(0, dtype=np.int64)
        self.user_trait = np.zeros(0)
        self.user_is_owner = np.zeros(0, dtype=bool)
        self.user_last_active = np.zeros(0, dtype=np.int64)
        accounts = np.arange(self.n)
        target = np.maximum(1, np.round(self.seats * self.activation)).astype(np.int64)
        self.owner = np.zeros(self.n, dtype=np.int64)
        self._add_users(accounts, target, self.created_day, with_owner=True)

    def _add_users(
        self,
        accounts: np.ndarray,
        counts: np.ndarray,
        from_day: np.ndarray,
        with_owner: bool,
    ) -> None:
        """Add users who join their account after `from_day`, the first one as owner if asked."""
        rng = self.rng
        account = np.repeat(accounts, counts)
        rank = np.arange(len(account)) - np.repeat(np.cumsum(counts) - counts, counts)
        mean_delay = np.asarray(model.JOIN_DELAY_DAYS_BY_SEGMENT)[self.segment[account]]
        join_day = np.repeat(from_day, counts) + 1 + np.floor(rng.exponential(mean_delay))
        join_ms = local_time_ms(rng, join_day.astype(np.int64), self.utc_offset_ms[account], 11, 2)
        is_owner = np.zeros(len(account), dtype=bool)
        if with_owner:
            is_owner = rank == 0
            join_ms = np.where(is_owner, self.created_ms[account] + 30_000, join_ms)
        trait = rng.lognormal(-0.2, 0.7, len(account)) * np.where(is_owner, 1.3, 1.0)

        first_new = len(self.user_account)
        self.user_account = np.concatenate([self.user_account, account])
        self.user_join_ms = np.concatenate([self.user_join_ms, join_ms])
        self.user_trait = np.concatenate([self.user_trait, trait])
        self.user_is_owner = np.concatenate([self.user_is_owner, is_owner])
        self.user_last_active = np.concatenate(
            [self.user_last_active, np.full(len(account), -NEVER, dtype=np.int64)]
        )
        if with_owner:
            self.owner[account[is_owner]] = first_new + np.flatnonzero(is_owner)

    @property
    def user_join_day(self) -> np.ndarray:
        return self.user_join_ms // MS_PER_DAY

    def _monthly_price(
        self, plan: np.ndarray, seats: np.ndarray, account: np.ndarray
    ) -> np.ndarray:
        price = np.asarray(model.PLAN_PRICE_PER_SEAT)[plan] * seats * self.discount[account]
        price = np.where(self.annual[account], price * model.ANNUAL_PRICE_FACTOR, price)
        return np.round(price, 2)

    def _init_subscriptions(self) -> None:
        accounts = np.arange(self.n)
        mrr = self._monthly_price(self.plan, self.seats, accounts)
        # Rows of [account, plan, seats, mrr, started day, ended day or None].
        self.subscriptions: list[list] = [
            [
                a,
                int(self.plan[a]),
                int(self.seats[a]),
                float(mrr[a]),
                int(self.created_day[a]),
                None,
            ]
            for a in range(self.n)
        ]
        self.current_subscription = np.arange(self.n)

    # --- Weekly loop ---------------------------------------------------------

    def run(self) -> BlockOutput:
        """Simulate every week of the period and return the block's rows."""
        weeks = math.ceil(self.days / 7)
        for week in range(weeks):
            first_day = 7 * week
            end_day = min(first_day + 7, self.days)
            self._simulate_week(first_day, end_day)
        return self._finish()

    def _simulate_week(self, first_day: int, end_day: int) -> None:
        sessions = SessionBuilder()
        self._add_setup_sessions(sessions, first_day, end_day)
        self._add_join_sessions(sessions, first_day, end_day)
        self._add_connect_sessions(sessions, first_day, end_day)
        self._add_regular_sessions(sessions, first_day, end_day)
        background = self._background_events(sessions, first_day, end_day)
        events = concat_events([sessions.expand(self.rng), background])

        tickets = self._tickets_from_chats(events)
        tickets = concat_tickets([tickets, self._feature_requests(first_day, end_day)])
        self._count_behaviour(events, tickets, first_day)
        created = events["code"] == EVENT_CODE["automation_created"]
        self.automations += np.bincount(events["account"][created], minlength=self.n)
        staff_events = self._staff_visits(tickets, end_day)

        changes = SessionBuilder()
        billing_tickets = self._decide_renewals(changes, first_day, end_day)
        self._update_last_active(events)
        self._update_engagement(end_day)

        self.event_parts.extend([events, staff_events, changes.expand(self.rng)])
        self.ticket_parts.extend([tickets, billing_tickets])

    def _alive_on(self, day: np.ndarray | int) -> np.ndarray:
        return (self.created_day <= day) & (self.churn_day > day)

    def _add_setup_sessions(self, sessions: SessionBuilder, first_day: int, end_day: int) -> None:
        """Add the owner's first session, with workspace setup and often the tour."""
        created = np.flatnonzero((self.created_day >= first_day) & (self.created_day < end_day))
        if len(created) == 0:
            return
        owner = self.owner[created]
        ids = sessions.add_sessions(created, owner, self.created_ms[created] + 60_000, 0)
        sessions.add_instances(ids, model.MOTIF_ID["account_setup"])
        tour = self.rng.random(len(created)) < 0.8
        sessions.add_instances(
            ids[tour], model.MOTIF_ID["onboarding"], parameter=self._tour_completion(created[tour])
        )

    def _tour_completion(self, accounts: np.ndarray) -> np.ndarray:
        return np.clip(0.55 + 0.15 * self.engagement[accounts], 0.2, 0.9)

    def _add_join_sessions(self, sessions: SessionBuilder, first_day: int, end_day: int) -> None:
        """Add the owner's invitation and the new user's first session for each join."""
        join_day = self.user_join_day
        joining = np.flatnonzero(
            (join_day >= first_day)
            & (join_day < end_day)
            & ~self.user_is_owner
            & (self.churn_day[self.user_account] > join_day)
        )
        if len(joining) == 0:
            return
        rng = self.rng
        account = self.user_account[joining]
        invited_ms = self.user_join_ms[joining] - rng.integers(
            10 * MS_PER_MINUTE, 2 * MS_PER_DAY, size=len(joining)
        )
        invited_ms = np.maximum(invited_ms, self.created_ms[account] + 10 * MS_PER_MINUTE)
        sessions.add_single_motif_sessions(
            account, self.owner[account], invited_ms, model.MOTIF_ID["invite"]
        )
        tour = rng.random(len(joining)) < 0.55
        sessions.add_single_motif_sessions(
            account[tour],
            joining[tour],
            self.user_join_ms[joining[tour]] + 120_000,
            model.MOTIF_ID["onboarding"],
            parameter=self._tour_completion(account[tour]),
        )

    def _add_connect_sessions(self, sessions: SessionBuilder, first_day: int, end_day: int) -> None:
        for connect_day, motif, variant in (
            (self.calendar_day, model.MOTIF_ID["connect_calendar"], self.calendar_provider),
            (self.slack_day, model.MOTIF_ID["connect_slack"], np.zeros(self.n, dtype=np.int64)),
        ):
            connecting = np.flatnonzero(
                (connect_day >= first_day)
                & (connect_day < end_day)
                & (self.churn_day > np.minimum(connect_day, NEVER - 1))
            )
            if len(connecting) == 0:
                continue
            start_ms = local_time_ms(
                self.rng, connect_day[connecting], self.utc_offset_ms[connecting], 13.0, 2.5
            )
            sessions.add_single_motif_sessions(
                connecting,
                self.owner[connecting],
                start_ms,
                motif,
                variant=variant[connecting],
            )

    def _add_regular_sessions(self, sessions: SessionBuilder, first_day: int, end_day: int) -> None:
        """Draw which users are active on each day of the week and their sessions."""
        rng = self.rng
        days = np.arange(first_day, end_day)
        account = self.user_account
        weekday = days % 7 < 5
        base = np.where(weekday, model.ACTIVE_DAY_SHARE[0], model.ACTIVE_DAY_SHARE[1])
        level = self.user_trait * np.exp(self.engagement[account])
        probability = np.minimum(base[None, :] * level[:, None], model.MAX_ACTIVE_DAY_SHARE)
        eligible = (self.user_join_day[:, None] < days[None, :]) & (
            self.churn_day[account][:, None] > days[None, :]
        )
        active = eligible & (rng.random(probability.shape) < probability)
        user, day_index = np.nonzero(active)
        if len(user) == 0:
            return

        pair_account = account[user]
        session_count = 1 + rng.poisson(
            model.EXTRA_SESSIONS_PER_ACTIVE_DAY * np.exp(self.engagement[pair_account])
        )
        user = np.repeat(user, session_count)
        day = np.repeat(days[day_index], session_count)
        account = self.user_account[user]
        start_ms = local_time_ms(rng, day, self.utc_offset_ms[account], 12.5, 2.8)
        platform = rng.choice(len(model.PLATFORMS), size=len(user), p=model.PLATFORM_WEIGHTS)
        missing_account = (platform >= 2) & (
            rng.random(len(user)) < model.MOBILE_MISSING_ACCOUNT_SHARE
        )
        late = rng.random(len(user)) < model.LATE_SESSION_SHARE
        late_ms = np.where(late, rng.integers(MS_PER_HOUR, 12 * MS_PER_HOUR, size=len(user)), 0)
        ids = sessions.add_sessions(account, user, start_ms, platform, missing_account, late_ms)

        motif_count = np.minimum(
            1 + rng.poisson(model.MOTIFS_PER_SESSION * np.exp(0.3 * self.engagement[account])),
            model.MAX_MOTIFS_PER_SESSION,
        )
        slot_session = np.repeat(ids, motif_count)
        slot_user = np.repeat(user, motif_count)
        slot_day = np.repeat(day, motif_count)
        slot_account = self.user_account[slot_user]
        weights = self._motif_weights(slot_account, slot_user, slot_day, end_day)
        motif = model.SESSION_MOTIF_IDS[draw_categorical(rng, weights)]

        variant = np.zeros(len(motif), dtype=np.int64)
        parameter = np.zeros(len(motif))
        rows = motif == model.MOTIF_ID["export_report"]
        variant[rows] = rng.integers(0, 9, size=int(rows.sum()))
        parameter[rows] = model.REPORT_EXPORT_FAILURE_RATE * self.bug_factor[slot_account[rows]]
        rows = motif == model.MOTIF_ID["export_import"]
        variant[rows] = rng.integers(0, 2, size=int(rows.sum()))
        rows = motif == model.MOTIF_ID["ask_support"]
        variant[rows] = rng.choice(
            len(model.QUESTION_FEATURES), size=int(rows.sum()), p=QUESTION_FEATURE_PROBABILITIES
        )
        sessions.add_instances(slot_session, motif, variant, parameter)

    def _motif_weights(
        self, account: np.ndarray, user: np.ndarray, day: np.ndarray, end_day: int
    ) -> np.ndarray:
        """Return the weight of every session motif for each slot, shape (slots, motifs).

        New accounts start with core work. Collaboration needs a second user and
        grows over the first month, advanced use over the first two months, and
        new users look for help more often.
        """
        account_age = (day - self.created_day[account]).astype(float)
        tenure = (day - self.user_join_day[user]).astype(float)
        members = np.bincount(self.user_account[self.user_join_day < end_day], minlength=self.n)[
            account
        ]
        group_weight = np.zeros((len(account), len(model.MOTIF_GROUPS)))
        group_weight[:, 0] = 1.0
        group_weight[:, 1] = (
            self.collaboration_trait[account]
            * np.clip(account_age / 30.0, 0.2, 1.0)
            * (members > 1)
        )
        group_weight[:, 2] = (
            self.advanced_trait[account]
            * np.clip((account_age - 10.0) / 60.0, 0.0, 1.0)
            * np.clip(tenure / 30.0, 0.1, 1.0)
        )
        group_weight[:, 3] = self.help_trait[account] * (1.0 + 2.0 * np.exp(-tenure / 20.0))
        group_weight[:, 4] = self.workaround_trait[account]
        group_weight[:, 5] = self.user_is_owner[user]
        return model.SESSION_MOTIF_WEIGHTS[None, :] * group_weight[:, model.SESSION_MOTIF_GROUPS]

    def _update_engagement(self, end_day: int) -> None:
        """Move each account's engagement a step towards its drifting target."""
        rng = self.rng
        weeks = np.maximum(end_day - self.created_day, 0) / 7.0
        target = self.engagement_base + self.trend * weeks
        friction_weeks = np.where(
            self.friction, np.maximum(end_day - self.calendar_day, 0) / 7.0, 0.0
        )
        target += model.FRICTION_ENGAGEMENT_DRIFT * friction_weeks
        step = model.ENGAGEMENT_PULL * (target - self.engagement)
        noise = model.ENGAGEMENT_NOISE * rng.standard_normal(self.n)
        self.engagement = np.clip(self.engagement + step + noise, *model.ENGAGEMENT_RANGE)
