"""Deterministic demo data of a simulated project-management SaaS product.

Run `python -m python_helpers.demo_data --out data/demo` to write events,
users, accounts, subscriptions and support_tickets in the project's canonical
input contract (Parquet or CSV), and planted_effects.json with the ground
truth. The same arguments give byte-identical files, because every random
draw comes from numpy generators seeded from --seed and rows are sorted
before they are written.

NOTE: byte identity holds for the same numpy and pyarrow versions. The
Parquet footer names the pyarrow version, and numpy does not promise the
same random streams across versions.

The model
---------
Accounts. Accounts are created over the whole period, more of them early on.
Each has a segment (smb, mid_market, enterprise), a plan and a seat count
drawn by segment, monthly or annual billing, a home time zone, and hidden
traits: an engagement level, a trend of that level (a quarter of accounts
decline, a fifth grow), and propensities for collaboration, advanced use,
help-seeking, workarounds and bugs.

Users. The owner creates the account. Other users join over the following
weeks, each after an invitation from the owner, until the account has about
seats times an activation share. Most accounts activate most seats, some
activate few, and a few use more users than seats.

Sessions. The simulation steps through weeks. On each day a joined user is
active with a probability set by the weekday, the user's own activity level
and the account's current engagement. An active user has one or more
sessions, and a session is a sequence of motifs: short event sequences such
as viewing a board and scrolling it, or creating tasks (model.MOTIFS). Which
motifs appear follows the journey. The owner's first session does the
workspace setup, often an import and the onboarding tour, and new users start
with the tour, which some abandon. Collaboration motifs need a second user
and grow over the first month, advanced motifs (reports, automations) grow
over the first two months, and new users seek help more. Report exports can
fail in streaks and then succeed or be given up, which may lead to help
articles and a support chat. Workarounds are repeated undo and a data export
followed by a re-import of the same object.

Integrations and automations. Accounts may connect a calendar sync and Slack.
Connected accounts get scheduled syncs and notifications, and accounts with
automations get automation runs, all sent by the backend.

Planted friction. Calendar connections made on or after a bad release (30 %
into the period) get tokens that fail to refresh. On many days their syncs
fail from some point on, with client retries, so calendar_sync_failed comes
in streaks. Some episodes lead to help articles and bug tickets. These
accounts lose engagement week by week and their churn hazard is multiplied
by model.FRICTION_HAZARD_MULTIPLIER from the day they connect. Other
features fail at low rates that are independent of churn risk, except
through the general error rate.

Churn and expansion. At each monthly anniversary of creation, the account's
behaviour over the last 28 days sets a churn hazard
(model.monthly_churn_hazard). Key actions and collaboration events per active
user, integration use and the active seat share lower it. The error rate,
help-seeking, tickets and inactivity raise it. Monthly accounts may churn at
any anniversary, annual accounts only at the yearly renewal. Healthy accounts
with most seats active may add seats or upgrade, and accounts with few active
seats may remove seats or downgrade at renewal. Each change ends the
subscription row and starts the next on the same day, and churn ends the last
row. A churned account produces no events from its end date on.

Data quality. Some rows are damaged on purpose and counted in
planted_effects.json: duplicate deliveries (the same event_id received
again later), null event_id, null occurred_at, occurred_at years ahead of
received_at, unknown user_id, event names missing from the catalog, and
events of vendor staff (is_internal users) in customer accounts. Older
mobile app versions send no account_id, about 3 % of events, and about 2 %
of client sessions arrive in one batch hours late.

Scale. Accounts are simulated in blocks of 256 with numpy, and events are
appended to one Parquet file block by block, so memory stays bounded for
tens of millions of events.
"""
