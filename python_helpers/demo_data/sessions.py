"""Sessions of motifs and their expansion into timed events, with numpy only.

Events are kept as a dict of equal-length numpy arrays (`Events`) with these
columns:

- account: block-local account index
- user: block-local user index, or -1 - i for vendor staff user i
- time_ms: occurrence time, see timeline.py
- code: event code, an index into catalog.EVENT_NAMES
- variant: motif-specific detail that selects the JSON properties
- platform: index into model.PLATFORMS, or model.PLATFORM_STAFF or PLATFORM_SERVER
- missing_account: the event is delivered without account_id
- late_ms: delay of a late delivery batch, 0 for ordinary delivery
- motif: index into model.MOTIFS, or -1 for scheduled background events
"""

from __future__ import annotations

import numpy as np

from . import model
from .timeline import MS_PER_SECOND

Events = dict[str, np.ndarray]

EVENT_DTYPES: dict[str, type] = {
    "account": np.int32,
    "user": np.int32,
    "time_ms": np.int64,
    "code": np.int16,
    "variant": np.int16,
    "platform": np.int8,
    "missing_account": np.bool_,
    "late_ms": np.int64,
    "motif": np.int16,
}


def empty_events() -> Events:
    """Return an Events dict with no rows."""
    return {name: np.zeros(0, dtype=dtype) for name, dtype in EVENT_DTYPES.items()}


def make_events(**columns: np.ndarray | int | bool) -> Events:
    """Build Events from arrays, broadcasting scalars to the length of `time_ms`."""
    length = len(columns["time_ms"])
    return {
        name: np.broadcast_to(np.asarray(columns[name], dtype=dtype), (length,)).copy()
        for name, dtype in EVENT_DTYPES.items()
    }


def concat_events(parts: list[Events]) -> Events:
    """Concatenate Events column by column."""
    if not parts:
        return empty_events()
    return {name: np.concatenate([part[name] for part in parts]) for name in EVENT_DTYPES}


def take_events(events: Events, index: np.ndarray) -> Events:
    """Return the rows selected by a boolean mask or an integer index."""
    return {name: column[index] for name, column in events.items()}


def draw_categorical(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """Draw one column index per row of a non-negative weight matrix."""
    cumulative = np.cumsum(weights, axis=1)
    threshold = rng.random(len(weights)) * cumulative[:, -1]
    chosen = (cumulative <= threshold[:, None]).sum(axis=1)
    return np.minimum(chosen, weights.shape[1] - 1)


class SessionBuilder:
    """Collect sessions and their motif instances, then expand them into events."""

    def __init__(self) -> None:
        self._sessions: list[dict[str, np.ndarray]] = []
        self._instances: list[dict[str, np.ndarray]] = []
        self._session_count = 0

    @property
    def session_count(self) -> int:
        """Number of sessions added so far."""
        return self._session_count

    def add_sessions(
        self,
        account: np.ndarray,
        user: np.ndarray,
        start_ms: np.ndarray,
        platform: np.ndarray | int,
        missing_account: np.ndarray | bool = False,
        late_ms: np.ndarray | int = 0,
    ) -> np.ndarray:
        """Add sessions and return their ids for `add_instances`."""
        count = len(start_ms)
        self._sessions.append(
            {
                "account": np.asarray(account, dtype=np.int32),
                "user": np.asarray(user, dtype=np.int32),
                "start_ms": np.asarray(start_ms, dtype=np.int64),
                "platform": np.broadcast_to(np.asarray(platform, dtype=np.int8), (count,)),
                "missing_account": np.broadcast_to(
                    np.asarray(missing_account, dtype=bool), (count,)
                ),
                "late_ms": np.broadcast_to(np.asarray(late_ms, dtype=np.int64), (count,)),
            }
        )
        ids = np.arange(self._session_count, self._session_count + count, dtype=np.int64)
        self._session_count += count
        return ids

    def add_instances(
        self,
        session: np.ndarray,
        motif: np.ndarray | int,
        variant: np.ndarray | int = 0,
        parameter: np.ndarray | float = 0.0,
    ) -> None:
        """Append motif instances to sessions, in order within each session.

        `parameter` is the failure probability of a report export and the
        completion probability of an onboarding tour, and unused otherwise.
        """
        count = len(session)
        self._instances.append(
            {
                "session": np.asarray(session, dtype=np.int64),
                "motif": np.broadcast_to(np.asarray(motif, dtype=np.int16), (count,)),
                "variant": np.broadcast_to(np.asarray(variant, dtype=np.int16), (count,)),
                "parameter": np.broadcast_to(np.asarray(parameter, dtype=float), (count,)),
            }
        )

    def add_single_motif_sessions(
        self,
        account: np.ndarray,
        user: np.ndarray,
        start_ms: np.ndarray,
        motif: int,
        platform: np.ndarray | int = 0,
        variant: np.ndarray | int = 0,
        parameter: np.ndarray | float = 0.0,
    ) -> None:
        """Add sessions that each contain one instance of `motif`."""
        ids = self.add_sessions(account, user, start_ms, platform)
        self.add_instances(ids, motif, variant, parameter)

    def expand(self, rng: np.random.Generator) -> Events:
        """Draw the events of every session, timed from the session start."""
        if not self._instances:
            return empty_events()
        sessions = {
            name: np.concatenate([part[name] for part in self._sessions])
            for name in self._sessions[0]
        }
        instances = {
            name: np.concatenate([part[name] for part in self._instances])
            for name in self._instances[0]
        }
        # Events of one session must be contiguous for the timing below.
        order = np.argsort(instances["session"], kind="stable")
        instances = {name: column[order] for name, column in instances.items()}

        motif = instances["motif"].astype(np.int64)
        counts = _step_counts(rng, motif, instances["parameter"])
        per_instance = counts.sum(axis=1)
        code = np.repeat(model.MOTIF_STEPS["code"][motif].ravel(), counts.ravel())
        instance = np.repeat(np.arange(len(motif)), per_instance)
        session = instances["session"][instance]
        if len(code) == 0:
            return empty_events()

        gap_ms = model.EVENT_GAP_SECONDS[code] * rng.lognormal(0.0, 0.6, size=len(code))
        gap_ms = (gap_ms * MS_PER_SECOND).astype(np.int64)
        first = np.ones(len(code), dtype=bool)
        first[1:] = session[1:] != session[:-1]
        gap_ms[first] = rng.integers(0, 5 * MS_PER_SECOND, size=int(first.sum()))
        elapsed = np.cumsum(gap_ms)
        session_origin = (elapsed - gap_ms)[first]
        offset = elapsed - session_origin[np.cumsum(first) - 1]

        return {
            "account": sessions["account"][session],
            "user": sessions["user"][session],
            "time_ms": sessions["start_ms"][session] + offset,
            "code": code.astype(np.int16),
            "variant": instances["variant"][instance],
            "platform": sessions["platform"][session],
            "missing_account": sessions["missing_account"][session],
            "late_ms": sessions["late_ms"][session],
            "motif": instances["motif"][instance],
        }


_REPORT_EXPORT = model.MOTIF_ID["export_report"]
_ONBOARDING = model.MOTIF_ID["onboarding"]


def _step_counts(rng: np.random.Generator, motif: np.ndarray, parameter: np.ndarray) -> np.ndarray:
    """Return how often each step of each motif instance happens, shape (instances, steps)."""
    steps = model.MOTIF_STEPS
    shape = (len(motif), model.MAX_STEPS)
    happens = rng.random(shape) < steps["probability"][motif]
    low = steps["low"][motif]
    repeats = low + np.floor(rng.random(shape) * (steps["high"][motif] - low + 1)).astype(np.int64)
    counts = np.where(happens & (steps["code"][motif] >= 0), repeats, 0)
    requires_previous = steps["requires_previous"][motif]
    for column in range(1, model.MAX_STEPS):
        blocked = requires_previous[:, column] & (counts[:, column - 1] == 0)
        counts[blocked, column] = 0

    rows = np.flatnonzero(motif == _REPORT_EXPORT)
    if len(rows):
        counts[rows] = _report_export_counts(rng, parameter[rows])

    rows = np.flatnonzero(motif == _ONBOARDING)
    if len(rows):
        completed = rng.random(len(rows)) < parameter[rows]
        counts[rows, 0] = 1
        counts[rows, 1] = np.where(completed, 6, rng.integers(1, 6, size=len(rows)))
        counts[rows, 2] = completed
    return counts


def _report_export_counts(rng: np.random.Generator, failure_probability: np.ndarray) -> np.ndarray:
    """Return step counts of report exports: view, failures, export, help, support chat.

    An export fails with the given probability and is then retried: each retry
    fails again with FAILURE_REPEAT_SHARE, up to MAX_FAILURE_STREAK failures.
    After a failure streak the user either succeeds or gives up, and someone
    who gives up may read help or open a support chat.
    """
    count = len(failure_probability)
    failed = rng.random(count) < failure_probability
    streak = np.minimum(
        rng.geometric(1.0 - model.FAILURE_REPEAT_SHARE, size=count), model.MAX_FAILURE_STREAK
    )
    succeeded = ~failed | (rng.random(count) < model.SUCCESS_AFTER_FAILURE_SHARE)
    gave_up = failed & ~succeeded
    reads_help = gave_up & (rng.random(count) < model.HELP_AFTER_GIVING_UP_SHARE)
    opens_chat = gave_up & (rng.random(count) < model.TICKET_AFTER_GIVING_UP_SHARE)
    counts = np.zeros((count, model.MAX_STEPS), dtype=np.int64)
    counts[:, 0] = 1
    counts[:, 1] = np.where(failed, streak, 0)
    counts[:, 2] = succeeded
    counts[:, 3] = reads_help
    counts[:, 4] = opens_chat
    return counts
