{{ config(materialized='table') }}

{# One row per account and observation date, with what happened in the
    label window after it. The observation date is the end of a scored week
    (week_end_date, the Monday after it), so the week's features use only
    earlier events. Only accounts that are still customers on the date and
    old enough to be scored are observed.

    Labels, for the window [observation_date, observation_date + N) with N
    = adoption__label_window_days:
    - is_activity_churn: the account starts a silence of at least N days
      (int_account_activity_churns) in the window. Null when it had no
      event in the trailing feature window: a dormant account cannot stop.
    - is_subscription_churn: its last subscription ends in the window.
    - is_downgrade: it still pays on the last day of the window, but less
      MRR than on the day before the observation date.
    The subscription labels are null for an account without subscriptions.
    An activity churn that starts on the window's last day is only known N
    days later, so an observation is censored, with every label null, until
    the label horizon covers observation_date + 2N - 2. #}

{%- set window_days = var('adoption__label_window_days') -%}

with

weekly_features as (

    select * from {{ ref('int_account_weekly_features') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

activity_churns as (

    select * from {{ ref('int_account_activity_churns') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

horizon as (

    select {{ adoption_label_horizon('as_of_date') }} as label_horizon_date

    from period

),

observations as (

    select
        weekly_features.account_id,
        weekly_features.week_start_date,
        weekly_features.week_end_date as observation_date,
        cast(
            {{ dbt.dateadd('day', window_days, 'weekly_features.week_end_date') }} as date
        ) as label_window_end_date,
        weekly_features.events_28d > 0 as is_recently_active,
        lifespans.first_started_on is not null as has_subscriptions,
        lifespans.churned_on as subscription_churned_on,
        {{ dbt.dateadd('day', 2 * window_days - 2, 'weekly_features.week_end_date') }}
        > horizon.label_horizon_date as is_censored

    from weekly_features

    cross join horizon

    inner join lifespans
        on weekly_features.account_id = lifespans.account_id

    where
        weekly_features.account_age_days >= {{ var('adoption__min_tenure_days') }}
        and (
            lifespans.churned_on is null
            or lifespans.churned_on > weekly_features.week_end_date
        )

),

{# A silence qualifies when some day t in the window starts N silent days:
    t = the later of the silence's first day and the observation date. #}
activity_churn_matches as (

    select
        observations.account_id,
        observations.observation_date,
        count(*) as matching_churns

    from observations

    inner join activity_churns
        on
            observations.account_id = activity_churns.account_id
            and observations.label_window_end_date > activity_churns.churned_on
            and {{ dbt.dateadd(
                'day',
                window_days - 1,
                'greatest(activity_churns.churned_on, observations.observation_date)'
            ) }} <= activity_churns.silence_end_date

    group by 1, 2

),

{# MRR of the subscriptions that run on the day before the observation date
    and on the last day of the label window. A subscription runs from
    started_on up to the day before ended_on. #}
mrr_at_bounds as (

    select
        observations.account_id,
        observations.observation_date,
        sum(case
            when
                subscriptions.started_on < observations.observation_date
                and (
                    subscriptions.ended_on is null
                    or subscriptions.ended_on >= observations.observation_date
                )
                then coalesce(subscriptions.mrr, 0)
            else 0
        end) as mrr_before_observation,
        sum(case
            when
                subscriptions.started_on < observations.label_window_end_date
                and (
                    subscriptions.ended_on is null
                    or subscriptions.ended_on >= observations.label_window_end_date
                )
                then coalesce(subscriptions.mrr, 0)
            else 0
        end) as mrr_at_label_window_end

    from observations

    inner join subscriptions
        on observations.account_id = subscriptions.account_id

    group by 1, 2

),

labelled as (

    select
        -- grain
        observations.account_id,
        observations.observation_date,
        observations.week_start_date,

        -- label window
        observations.label_window_end_date,
        observations.is_censored,

        -- labels
        case
            when not observations.is_censored and observations.is_recently_active
                then coalesce(activity_churn_matches.matching_churns, 0) > 0
        end as is_activity_churn,
        case
            when not observations.is_censored and observations.has_subscriptions
                then coalesce(
                    observations.subscription_churned_on
                    < observations.label_window_end_date,
                    false
                )
        end as is_subscription_churn,
        case
            when
                not observations.is_censored
                and mrr_at_bounds.mrr_before_observation > 0
                then
                    mrr_at_bounds.mrr_at_label_window_end > 0
                    and mrr_at_bounds.mrr_at_label_window_end
                    < mrr_at_bounds.mrr_before_observation
        end as is_downgrade,

        -- revenue around the window
        mrr_at_bounds.mrr_before_observation,
        case
            when not observations.is_censored
                then mrr_at_bounds.mrr_at_label_window_end
        end as mrr_at_label_window_end

    from observations

    left join activity_churn_matches
        on
            observations.account_id = activity_churn_matches.account_id
            and observations.observation_date = activity_churn_matches.observation_date

    left join mrr_at_bounds
        on
            observations.account_id = mrr_at_bounds.account_id
            and observations.observation_date = mrr_at_bounds.observation_date

)

select * from labelled
