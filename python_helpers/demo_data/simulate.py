"""Simulate accounts, users, subscriptions, support tickets and product events.

Accounts are simulated in blocks of ACCOUNTS_PER_BLOCK. Each block has its own
random stream derived from the seed, so a block's output does not depend on
the blocks before it, and memory is bounded by the largest block. Within a
block the simulation steps through weeks and draws every user's days,
sessions and events for the week as numpy arrays.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
from collections.abc import Iterator

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
from .names import (
    COMPANY_NAME_COUNT,
    STAFF_EMAIL_DOMAIN,
    company_names,
    email_domain,
    person_emails,
)
from .output import BlockStats, build_events_table, format_ids, timestamps
from .planted import plant_data_quality_rows
from .sessions import (
    MS_PER_DAY,
    MS_PER_HOUR,
    MS_PER_MINUTE,
    Events,
    SessionBuilder,
    concat_events,
    draw_categorical,
    local_time_ms,
    make_events,
    take_events,
)

ACCOUNTS_PER_BLOCK = 256
MAX_ACCOUNTS = 1_000_000
MAX_MONTHS = 120
# Day index of something that never happens within the simulation.
NEVER = 1 << 30

# Keys that separate the random streams derived from the seed.
_STREAM_NAMES = 1
_STREAM_STAFF = 2
_STREAM_BLOCK = 3

_CODE = EVENT_CODE
_MOTIF = model.MOTIF_ID
_FEATURE_INDEX = {feature: index for index, feature in enumerate(FEATURES)}
_QUESTION_FEATURE_INDEX = np.array([_FEATURE_INDEX[f] for f in model.QUESTION_FEATURES])
_QUESTION_FEATURE_WEIGHTS = np.asarray(model.QUESTION_FEATURE_WEIGHTS) / sum(
    model.QUESTION_FEATURE_WEIGHTS
)
_BUG, _HOW_TO, _BILLING, _FEATURE_REQUEST = range(4)


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

        It is the Monday nearest to the release's share of the period.
        """
        return 7 * round(model.FRICTION_RELEASE_SHARE * self.days / 7)

    @property
    def release_date(self) -> dt.date:
        """Date of the bad calendar-sync release."""
        return self.start + dt.timedelta(days=self.release_day)


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
        start_us = _date_epoch_ms(self.config.start) * 1000
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


def _date_epoch_ms(day: dt.date) -> int:
    return (day - dt.date(1970, 1, 1)).days * MS_PER_DAY


class _BlockSimulator:
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
        # Daily behaviour counts per account for the churn window:
        # events, key actions, collaboration, failures, help, integration successes, tickets.
        self.daily = np.zeros((7, count, self.days + 1), dtype=np.float32)
        self.event_parts: list[Events] = []
        self.ticket_parts: list[dict[str, np.ndarray]] = []

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
        # activity; the other traits multiply the weight of motif groups.
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

        The shape is (n, months + 1).
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
        tickets = _concat_tickets([tickets, self._feature_requests(first_day, end_day)])
        self._count_behaviour(events, tickets, first_day)
        created = events["code"] == _CODE["automation_created"]
        self.automations += np.bincount(events["account"][created], minlength=self.n)
        staff_events = self._staff_visits(tickets, end_day)

        changes = SessionBuilder()
        billing_tickets = self._decide_renewals(changes, first_day, end_day)
        self._update_last_active(events, first_day)
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
        sessions.add_instances(ids, _MOTIF["account_setup"])
        tour = self.rng.random(len(created)) < 0.8
        sessions.add_instances(
            ids[tour], _MOTIF["onboarding"], parameter=self._tour_completion(created[tour])
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
            account, self.owner[account], invited_ms, _MOTIF["invite"]
        )
        tour = rng.random(len(joining)) < 0.55
        sessions.add_single_motif_sessions(
            account[tour],
            joining[tour],
            self.user_join_ms[joining[tour]] + 120_000,
            _MOTIF["onboarding"],
            parameter=self._tour_completion(account[tour]),
        )

    def _add_connect_sessions(self, sessions: SessionBuilder, first_day: int, end_day: int) -> None:
        for connect_day, motif, variant in (
            (self.calendar_day, _MOTIF["connect_calendar"], self.calendar_provider),
            (self.slack_day, _MOTIF["connect_slack"], np.zeros(self.n, dtype=np.int64)),
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
        rows = motif == _MOTIF["export_report"]
        variant[rows] = rng.integers(0, 9, size=int(rows.sum()))
        parameter[rows] = model.REPORT_EXPORT_FAILURE_RATE * self.bug_factor[slot_account[rows]]
        rows = motif == _MOTIF["export_import"]
        variant[rows] = rng.integers(0, 2, size=int(rows.sum()))
        rows = motif == _MOTIF["ask_support"]
        variant[rows] = rng.choice(
            len(model.QUESTION_FEATURES), size=int(rows.sum()), p=_QUESTION_FEATURE_WEIGHTS
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

    # --- Scheduled background events ------------------------------------------

    def _daily_runs(
        self,
        connected_day: np.ndarray,
        per_day: tuple[float, float],
        scale: np.ndarray,
        first_day: int,
        end_day: int,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Draw scheduled runs per account and day after `connected_day`.

        Returns the account, time, run group (one per account and day) and the
        rank of each run within its group, sorted by group and time.
        """
        rng = self.rng
        days = np.arange(first_day, end_day)
        running = (connected_day[:, None] < days[None, :]) & (
            self.churn_day[:, None] > days[None, :]
        )
        rate = np.where(days % 7 < 5, per_day[0], per_day[1])[None, :] * scale[:, None]
        runs = rng.poisson(rate * running)
        account, day_index = np.nonzero(runs)
        count = runs[account, day_index]
        group = np.repeat(np.arange(len(account)), count)
        run_account = account[group]
        run_day = days[day_index][group]
        hour = rng.uniform(6.0, 22.0, size=len(group))
        time_ms = run_day * MS_PER_DAY + (hour * MS_PER_HOUR).astype(np.int64)
        time_ms -= self.utc_offset_ms[run_account]
        time_ms = np.where(time_ms < 0, time_ms + MS_PER_DAY, time_ms)
        order = np.lexsort((time_ms, group))
        group_start = np.repeat(np.cumsum(count) - count, count)
        rank = np.arange(len(group)) - group_start
        return run_account[order], time_ms[order], group[order], rank

    def _background_events(self, sessions: SessionBuilder, first_day: int, end_day: int) -> Events:
        """Draw calendar syncs, Slack notifications and automation runs of the week.

        Accounts in the friction group have failure episodes on many days: from
        a random sync of the day on, every sync fails, and the client retries
        a few times in between. Some episodes send the owner to the help
        center or to support, which adds sessions to `sessions`.
        """
        rng = self.rng
        parts = []

        account, time_ms, group, rank = self._daily_runs(
            self.calendar_day, model.CALENDAR_SYNCS_PER_DAY, np.ones(self.n), first_day, end_day
        )
        failed = rng.random(len(account)) < model.CALENDAR_BASE_FAILURE_RATE
        friction_failure = np.zeros(len(account), dtype=bool)
        if len(account):
            group_count = group.max() + 1
            group_account = np.zeros(group_count, dtype=np.int64)
            group_account[group] = account
            group_size = np.bincount(group, minlength=group_count)
            episode = self.friction[group_account] & (
                rng.random(group_count) < model.FRICTION_EPISODE_SHARE
            )
            episode_start = np.floor(rng.random(group_count) * group_size).astype(np.int64)
            friction_failure = episode[group] & (rank >= episode_start[group])
            failed |= friction_failure
            parts.append(
                self._friction_follow_up(sessions, account, time_ms, group, friction_failure)
            )
        variant = self.calendar_provider[account] + 2 * friction_failure
        code = np.where(failed, _CODE["calendar_sync_failed"], _CODE["calendar_sync_succeeded"])
        parts.append(self._server_events(account, time_ms, code, variant))

        account, time_ms, _, _ = self._daily_runs(
            self.slack_day, model.SLACK_NOTIFICATIONS_PER_DAY, np.ones(self.n), first_day, end_day
        )
        failed = rng.random(len(account)) < model.SLACK_FAILURE_RATE
        code = np.where(
            failed, _CODE["slack_notification_failed"], _CODE["slack_notification_sent"]
        )
        parts.append(self._server_events(account, time_ms, code, 0))

        has_automation = np.where(self.automations > 0, -1, NEVER)
        scale = np.minimum(self.automations, model.MAX_RUNNING_AUTOMATIONS).astype(float)
        account, time_ms, _, _ = self._daily_runs(
            has_automation, model.AUTOMATION_RUNS_PER_AUTOMATION_AND_DAY, scale, first_day, end_day
        )
        failed = rng.random(len(account)) < model.AUTOMATION_FAILURE_RATE * self.bug_factor[account]
        code = np.where(failed, _CODE["automation_run_failed"], _CODE["automation_run_succeeded"])
        parts.append(self._server_events(account, time_ms, code, 0))
        return concat_events(parts)

    def _server_events(
        self, account: np.ndarray, time_ms: np.ndarray, code: np.ndarray, variant: np.ndarray | int
    ) -> Events:
        return make_events(
            account=account,
            user=self.owner[account],
            time_ms=time_ms,
            code=code,
            variant=variant,
            platform=model.PLATFORM_SERVER,
            missing_account=False,
            late_ms=0,
            motif=-1,
        )

    def _friction_follow_up(
        self,
        sessions: SessionBuilder,
        account: np.ndarray,
        time_ms: np.ndarray,
        group: np.ndarray,
        friction_failure: np.ndarray,
    ) -> Events:
        """Return client retries after the first failure of each episode, and add help sessions."""
        rng = self.rng
        failing = np.flatnonzero(friction_failure)
        if len(failing) == 0:
            return concat_events([])
        new_group = np.r_[True, group[failing][1:] != group[failing][:-1]]
        first_of_episode = failing[new_group]
        last_of_episode = failing[np.r_[new_group[1:], True]]
        episode_account = account[first_of_episode]

        retries = rng.geometric(0.4, size=len(first_of_episode))
        retry_account = np.repeat(episode_account, retries)
        episode_of_retry = np.repeat(np.arange(len(first_of_episode)), retries)
        step_ms = rng.integers(2 * MS_PER_MINUTE, 12 * MS_PER_MINUTE, size=len(retry_account))
        offset = _cumsum_within_groups(step_ms, retries)
        retry_ms = time_ms[first_of_episode][episode_of_retry] + offset
        variant = self.calendar_provider[retry_account] + 2

        last_ms = time_ms[last_of_episode]
        ticket = rng.random(len(last_ms)) < model.FRICTION_TICKET_SHARE
        sessions.add_single_motif_sessions(
            episode_account[ticket],
            self.owner[episode_account[ticket]],
            last_ms[ticket]
            + rng.integers(15 * MS_PER_MINUTE, 4 * MS_PER_HOUR, size=int(ticket.sum())),
            _MOTIF["calendar_support"],
        )
        reads_help = ~ticket & (rng.random(len(last_ms)) < model.FRICTION_HELP_SHARE)
        sessions.add_single_motif_sessions(
            episode_account[reads_help],
            self.owner[episode_account[reads_help]],
            time_ms[first_of_episode][reads_help]
            + rng.integers(5 * MS_PER_MINUTE, 2 * MS_PER_HOUR, size=int(reads_help.sum())),
            _MOTIF["calendar_help"],
        )
        return self._server_events(
            retry_account,
            retry_ms,
            np.full(len(retry_account), _CODE["calendar_sync_failed"]),
            variant,
        )

    # --- Support tickets and staff visits --------------------------------------

    def _tickets_from_chats(self, events: Events) -> dict[str, np.ndarray]:
        """Open a ticket for every support chat, about the feature that led to it."""
        rng = self.rng
        chat = np.flatnonzero(events["code"] == _CODE["support_chat_opened"])
        motif = events["motif"][chat]
        category = np.full(len(chat), _HOW_TO)
        feature = _QUESTION_FEATURE_INDEX[
            np.minimum(events["variant"][chat], len(_QUESTION_FEATURE_INDEX) - 1)
        ]
        priority = rng.choice(4, size=len(chat), p=(0.5, 0.45, 0.05, 0.0))

        reports = motif == _MOTIF["export_report"]
        category[reports] = _BUG
        feature[reports] = _FEATURE_INDEX["reports"]
        priority[reports] = rng.choice(4, size=int(reports.sum()), p=(0.1, 0.5, 0.35, 0.05))

        calendar_rows = motif == _MOTIF["calendar_support"]
        category[calendar_rows] = _BUG
        feature[calendar_rows] = _FEATURE_INDEX["calendar_sync"]
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

    def _feature_requests(self, first_day: int, end_day: int) -> dict[str, np.ndarray]:
        """Draw feature requests sent by email, which leave no product event."""
        rng = self.rng
        alive = self._alive_on(first_day)
        members = np.bincount(self.user_account[self.user_join_day < first_day], minlength=self.n)
        probability = model.FEATURE_REQUESTS_PER_ACCOUNT_WEEK * np.sqrt(members)
        account = np.flatnonzero(alive & (rng.random(self.n) < probability))
        day = rng.integers(first_day, end_day, size=len(account))
        return {
            "account": account,
            "user": self.owner[account],
            "opened_ms": local_time_ms(rng, day, self.utc_offset_ms[account], 13.0, 2.5),
            "category": np.full(len(account), _FEATURE_REQUEST),
            "feature": _QUESTION_FEATURE_INDEX[
                rng.choice(
                    len(model.QUESTION_FEATURES), size=len(account), p=_QUESTION_FEATURE_WEIGHTS
                )
            ],
            "priority": rng.choice(4, size=len(account), p=(0.7, 0.3, 0.0, 0.0)),
        }

    def _staff_visits(self, tickets: dict[str, np.ndarray], end_day: int) -> Events:
        """Return events of vendor staff who open a customer's account after a bug ticket.

        A visit that would fall after the current week is dropped, so that no
        staff event follows the account's churn.
        """
        rng = self.rng
        bug = np.flatnonzero(
            (tickets["category"] == _BUG)
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
            _MOTIF["staff_visit"],
            platform=model.PLATFORM_STAFF,
        )
        return visits.expand(rng)

    # --- Behaviour counts, renewals and engagement -----------------------------

    def _count_behaviour(
        self, events: Events, tickets: dict[str, np.ndarray], first_day: int
    ) -> None:
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
            6,
        )

    def _add_daily(
        self,
        account: np.ndarray,
        time_ms: np.ndarray,
        weights: tuple[np.ndarray, ...],
        first_day: int,
        first_metric: int,
    ) -> None:
        # Events of a week can spill a day past its end; 9 columns cover them.
        width = 9
        day = np.clip(time_ms // MS_PER_DAY - first_day, 0, width - 1)
        index = account.astype(np.int64) * width + day
        last = min(first_day + width, self.days + 1)
        for offset, weight in enumerate(weights):
            counts = np.bincount(index, weights=weight, minlength=self.n * width).reshape(
                self.n, width
            )
            self.daily[first_metric + offset, :, first_day:last] += counts[:, : last - first_day]

    def _update_last_active(self, events: Events, first_day: int) -> None:
        customer = events["user"] >= 0
        day = events["time_ms"][customer] // MS_PER_DAY
        np.maximum.at(self.user_last_active, events["user"][customer], day)

    def _window_sums(self, account: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Return the daily counts summed over the churn window before each day.

        The shape is (metrics, accounts).
        """
        window = model.CHURN_WINDOW_DAYS
        columns = day[:, None] + np.arange(-window, 0)[None, :]
        inside = columns >= 0
        values = self.daily[:, account[:, None], np.maximum(columns, 0)]
        return (values * inside[None]).sum(axis=2)

    def _decide_renewals(
        self, changes: SessionBuilder, first_day: int, end_day: int
    ) -> dict[str, np.ndarray]:
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
            return _concat_tickets([])
        account = deciding
        day = decision_day[account]
        self.next_anniversary[account] += 1

        sums = self._window_sums(account, day)
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
            key_actions=sums[1],
            collaboration_events=sums[2],
            events=sums[0],
            failures=sums[3],
            help_events=sums[4],
            integration_successes=sums[5],
            tickets=sums[6],
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
        key_per_user = sums[1] / users
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
        return _concat_tickets(tickets)

    def _cancel(self, account: int, day: int, changes: SessionBuilder) -> dict[str, np.ndarray]:
        """End the account's subscription on `day`; the owner may visit billing the day before."""
        rng = self.rng
        self.churn_day[account] = day
        self.subscriptions[self.current_subscription[account]][5] = day
        accounts = np.array([account])
        if day - 1 > self.created_day[account] and rng.random() < 0.6:
            start_ms = local_time_ms(
                rng, np.array([day - 1]), self.utc_offset_ms[accounts], 14.0, 2.0
            )
            changes.add_single_motif_sessions(
                accounts, self.owner[accounts], start_ms, _MOTIF["before_cancel"]
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
    ) -> dict[str, np.ndarray]:
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
            return _concat_tickets([])

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
                accounts, owner, start_ms, _MOTIF["add_seats"], variant=seats - old_seats
            )
            new_users = round((seats - old_seats) * min(self.activation[account], 1.2))
            if new_users > 0:
                self._add_users(accounts, np.array([new_users]), np.array([day]), with_owner=False)
        elif seats < old_seats:
            changes.add_single_motif_sessions(
                accounts, owner, start_ms, _MOTIF["remove_seats"], variant=old_seats - seats
            )
        if plan != old_plan:
            motif = _MOTIF["upgrade"] if plan > old_plan else _MOTIF["downgrade"]
            changes.add_single_motif_sessions(
                accounts, owner, start_ms + 5 * MS_PER_MINUTE, motif, variant=4 * old_plan + plan
            )
        return self._billing_ticket(account, day, share=0.1)

    def _billing_ticket(self, account: int, day: int, share: float) -> dict[str, np.ndarray]:
        rng = self.rng
        if rng.random() >= share or day < self.created_day[account]:
            return _concat_tickets([])
        accounts = np.array([account])
        return {
            "account": accounts,
            "user": self.owner[accounts],
            "opened_ms": local_time_ms(
                rng, np.array([day]), self.utc_offset_ms[accounts], 12.0, 2.0
            ),
            "category": np.array([_BILLING]),
            "feature": np.array([-1 if rng.random() < 0.7 else _FEATURE_INDEX["billing"]]),
            "priority": np.array([1]),
        }

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

    # --- Output --------------------------------------------------------------

    def _finish(self) -> BlockOutput:
        """Turn the block's state and events into output tables."""
        start_us = _date_epoch_ms(self.config.start) * 1000
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

        events, data_quality, calendar_outcomes = self._events_table(
            user_number, account_ids, account_end_ms, end_ms, start_us
        )
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
            calendar_successes=calendar_outcomes[0],
            calendar_failures=calendar_outcomes[1],
            data_quality=data_quality,
            row_counts={
                "events": events.num_rows,
                "users": users.num_rows,
                "accounts": accounts.num_rows,
                "subscriptions": subscriptions.num_rows,
                "support_tickets": tickets.num_rows,
            },
        )
        return BlockOutput(events, users, accounts, subscriptions, tickets, stats)

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
    ) -> tuple[pa.Table, dict[str, int], tuple[np.ndarray, np.ndarray]]:
        """Return the events table, the planted row counts and calendar sync outcomes.

        The calendar sync outcomes are per account.
        """
        rng = self.rng
        events = concat_events(self.event_parts)
        self.event_parts = []
        keep = (events["time_ms"] >= 0) & (events["time_ms"] < account_end_ms[events["account"]])
        events = take_events(events, keep)

        server = events["platform"] == model.PLATFORM_SERVER
        count = len(server)
        delay = np.where(
            server,
            rng.integers(50, 900, size=count),
            rng.lognormal(np.log(900.0), 0.7, size=count).astype(np.int64),
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
        calendar_outcomes = tuple(
            np.bincount(events["account"][events["code"] == _CODE[name]], minlength=self.n)
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
        return table, data_quality, calendar_outcomes

    def _tickets_table(
        self,
        user_number: np.ndarray,
        account_ids: pa.Array,
        account_end_ms: np.ndarray,
        end_ms: int,
        start_us: int,
    ) -> pa.Table:
        rng = self.rng
        tickets = _concat_tickets(self.ticket_parts)
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


_TICKET_DTYPES = {
    "account": np.int64,
    "user": np.int64,
    "opened_ms": np.int64,
    "category": np.int64,
    "feature": np.int64,
    "priority": np.int64,
}


def _concat_tickets(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Concatenate ticket columns; an empty list gives empty columns."""
    return {
        name: np.concatenate(
            [np.zeros(0, dtype=dtype)] + [part[name].astype(dtype) for part in parts]
        )
        for name, dtype in _TICKET_DTYPES.items()
    }


def _cumsum_within_groups(values: np.ndarray, group_sizes: np.ndarray) -> np.ndarray:
    """Return the running sum of `values` that restarts at each group of consecutive rows."""
    total = np.cumsum(values)
    before_group = np.repeat(
        total[np.cumsum(group_sizes) - group_sizes] - values[np.cumsum(group_sizes) - group_sizes],
        group_sizes,
    )
    return total - before_group
