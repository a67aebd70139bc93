"""Scheduled integration events: calendar syncs, Slack notifications, automation runs.

These events come from the vendor's backend, not from a user's session, and
are attributed to the account owner. The planted friction lives here: calendar
connections made on or after the bad release fail in streaks.
"""

from __future__ import annotations

import numpy as np

from . import model
from .catalog import EVENT_CODE
from .sessions import Events, SessionBuilder, concat_events, make_events
from .timeline import MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, NEVER


def cumsum_within_groups(values: np.ndarray, group_sizes: np.ndarray) -> np.ndarray:
    """Return the running sum of `values` that restarts at each group of consecutive rows."""
    total = np.cumsum(values)
    group_first = np.cumsum(group_sizes) - group_sizes
    return total - np.repeat(total[group_first] - values[group_first], group_sizes)


class IntegrationsMixin:
    """Scheduled-run steps of _BlockSimulator (simulate.py)."""

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
        code = np.where(
            failed, EVENT_CODE["calendar_sync_failed"], EVENT_CODE["calendar_sync_succeeded"]
        )
        parts.append(self._server_events(account, time_ms, code, variant))

        account, time_ms, _, _ = self._daily_runs(
            self.slack_day, model.SLACK_NOTIFICATIONS_PER_DAY, np.ones(self.n), first_day, end_day
        )
        failed = rng.random(len(account)) < model.SLACK_FAILURE_RATE
        code = np.where(
            failed, EVENT_CODE["slack_notification_failed"], EVENT_CODE["slack_notification_sent"]
        )
        parts.append(self._server_events(account, time_ms, code, 0))

        has_automation = np.where(self.automations > 0, -1, NEVER)
        scale = np.minimum(self.automations, model.MAX_RUNNING_AUTOMATIONS).astype(float)
        account, time_ms, _, _ = self._daily_runs(
            has_automation, model.AUTOMATION_RUNS_PER_AUTOMATION_AND_DAY, scale, first_day, end_day
        )
        failed = rng.random(len(account)) < model.AUTOMATION_FAILURE_RATE * self.bug_factor[account]
        code = np.where(
            failed, EVENT_CODE["automation_run_failed"], EVENT_CODE["automation_run_succeeded"]
        )
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
        offset = cumsum_within_groups(step_ms, retries)
        retry_ms = time_ms[first_of_episode][episode_of_retry] + offset
        variant = self.calendar_provider[retry_account] + 2

        last_ms = time_ms[last_of_episode]
        ticket = rng.random(len(last_ms)) < model.FRICTION_TICKET_SHARE
        sessions.add_single_motif_sessions(
            episode_account[ticket],
            self.owner[episode_account[ticket]],
            last_ms[ticket]
            + rng.integers(15 * MS_PER_MINUTE, 4 * MS_PER_HOUR, size=int(ticket.sum())),
            model.MOTIF_ID["calendar_support"],
        )
        reads_help = ~ticket & (rng.random(len(last_ms)) < model.FRICTION_HELP_SHARE)
        sessions.add_single_motif_sessions(
            episode_account[reads_help],
            self.owner[episode_account[reads_help]],
            time_ms[first_of_episode][reads_help]
            + rng.integers(5 * MS_PER_MINUTE, 2 * MS_PER_HOUR, size=int(reads_help.sum())),
            model.MOTIF_ID["calendar_help"],
        )
        return self._server_events(
            retry_account,
            retry_ms,
            np.full(len(retry_account), EVENT_CODE["calendar_sync_failed"]),
            variant,
        )
