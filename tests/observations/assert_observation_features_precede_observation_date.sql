-- No feature of an observation reads an event on or after its observation
-- date. The events of each observation's trailing window are counted again
-- from the accepted events, strictly before the observation date: a
-- feature that also counted later events would differ. The last key action
-- must also precede the observation date.

with

observations as (

    select * from {{ ref('fct_account_observations') }}

),

events as (

    select * from {{ ref('int_events_accepted') }}

),

events_by_day as (

    select
        account_id,
        occurred_date,
        count(*) as events

    from events

    group by 1, 2

),

recounted as (

    select
        observations.account_id,
        observations.observation_date,
        coalesce(sum(events_by_day.events), 0) as events_before_observation,
        count(events_by_day.occurred_date) as active_days_before_observation

    from observations

    left join events_by_day
        on
            observations.account_id = events_by_day.account_id
            and observations.observation_date > events_by_day.occurred_date
            and {{ dbt.dateadd(
                'day',
                -var('adoption__feature_window_days'),
                'observations.observation_date'
            ) }} <= events_by_day.occurred_date

    group by 1, 2

)

select
    observations.account_id,
    observations.observation_date,
    observations.events_28d,
    recounted.events_before_observation,
    observations.active_days_28d,
    recounted.active_days_before_observation,
    observations.last_key_action_date

from observations

inner join recounted
    on
        observations.account_id = recounted.account_id
        and observations.observation_date = recounted.observation_date

where
    observations.events_28d != recounted.events_before_observation
    or observations.active_days_28d != recounted.active_days_before_observation
    or observations.last_key_action_date >= observations.observation_date
