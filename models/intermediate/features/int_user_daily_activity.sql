{{ config(
    materialized=adoption_incremental_materialization(),
    incremental_strategy=adoption_incremental_strategy(),
    unique_key='user_day_key',
    on_schema_change='fail',
) }}

-- The validated rows are read only in incremental runs.
-- depends_on: {{ ref('int_events_validated') }}

{# One row per user and day with at least one accepted event.

    Incremental runs recompute, from every accepted event, the user-days of
    the event rows validated after the latest validated_at here. NOTE: a
    day whose only event turns out to be a later copy of an event kept on
    another day keeps its old row until a --full-refresh. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

{{ adoption_touched_day_events('user_id') }}

daily as (

    select
        account_id,
        user_id,
        occurred_date as activity_date,

        count(*) as events,
        sum(case when is_key_action then 1 else 0 end) as key_actions,

        max(validated_at) as validated_at

    from day_events

    group by 1, 2, 3

),

keyed as (

    select
        {{ dbt.concat([
            'user_id', "'|'", 'cast(activity_date as ' ~ dbt.type_string() ~ ')'
        ]) }} as user_day_key,
        *

    from daily

)

select * from keyed
