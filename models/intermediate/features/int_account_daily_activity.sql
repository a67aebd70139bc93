{{ config(
    materialized=adoption_incremental_materialization(),
    incremental_strategy=adoption_incremental_strategy(),
    unique_key='account_day_key',
    on_schema_change='fail',
) }}

-- The validated rows are read only in incremental runs.
-- depends_on: {{ ref('int_events_validated') }}

{# One row per account and day with at least one accepted event: the daily
    counts that every trailing-window measure sums.

    Incremental runs recompute, from every accepted event, the account-days
    of the event rows validated after the latest validated_at here: new and
    late events, and copies whose kept copy changed. NOTE: a day whose only
    event turns out to be a later copy of an event kept on another day
    keeps its old row until a --full-refresh. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

{{ adoption_touched_day_events('account_id') }}

daily as (

    select
        account_id,
        occurred_date as activity_date,

        count(*) as events,
        count(distinct user_id) as active_users,
        sum(case when is_key_action then 1 else 0 end) as key_actions,
        sum(case when outcome = 'failure' then 1 else 0 end) as failures,
        sum(case when journey_stage = 'collaboration' then 1 else 0 end)
            as collaboration_events,
        sum(case when is_integration then 1 else 0 end) as integration_events,
        sum(case when is_help_seeking then 1 else 0 end) as help_events,

        max(validated_at) as validated_at

    from day_events

    group by 1, 2

),

keyed as (

    select
        {{ dbt.concat([
            'account_id', "'|'", 'cast(activity_date as ' ~ dbt.type_string() ~ ')'
        ]) }} as account_day_key,
        *

    from daily

)

select * from keyed
