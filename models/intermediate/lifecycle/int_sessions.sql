{{ config(materialized='table') }}

{# One row per session: a user's accepted events in one account, split
    wherever the gap from the user's previous event exceeds
    adoption__session_timeout_minutes. A session lasts from its first to
    its last event, so a session of one event lasts zero seconds. #}

{%- set timeout_minutes = var('adoption__session_timeout_minutes') -%}
{%- if timeout_minutes is not number or timeout_minutes < 1 or timeout_minutes >= 1440 -%}
    {{ exceptions.raise_compiler_error(
        "Invalid adoption__session_timeout_minutes '" ~ timeout_minutes
        ~ "': give a whole number of minutes from 1 to 1439. A timeout of a day "
        ~ "or more would let a session span a day without any of its events."
    ) }}
{%- endif %}

with

events as (

    select
        event_id,
        account_id,
        user_id,
        occurred_at

    from {{ ref('int_events_accepted') }}

),

gaps as (

    select
        *,
        lag(occurred_at) over (
            partition by account_id, user_id
            order by occurred_at, event_id
        ) as previous_occurred_at

    from events

),

measured as (

    select
        *,
        {{ dbt.datediff('previous_occurred_at', 'occurred_at', 'second') }}
            as seconds_since_previous_event

    from gaps

),

flagged as (

    select
        *,
        case
            when seconds_since_previous_event is null then 1
            when seconds_since_previous_event > {{ timeout_minutes * 60 }} then 1
            else 0
        end as starts_session

    from measured

),

numbered as (

    select
        *,
        sum(starts_session) over (
            partition by account_id, user_id
            order by occurred_at, event_id
            rows between unbounded preceding and current row
        ) as session_number

    from flagged

),

sessions as (

    select
        account_id,
        user_id,
        session_number,
        min(occurred_at) as session_start_at,
        max(occurred_at) as session_end_at,
        count(*) as events

    from numbered

    group by 1, 2, 3

),

final as (

    select
        -- grain
        {{ dbt.concat([
            'account_id', "'|'", 'user_id', "'|'",
            'cast(session_number as ' ~ dbt.type_string() ~ ')'
        ]) }} as session_id,

        -- who
        account_id,
        user_id,
        session_number,

        -- when and how much
        session_start_at,
        session_end_at,
        cast(session_start_at as date) as session_start_date,
        {{ dbt.datediff('session_start_at', 'session_end_at', 'second') }}
            as duration_seconds,
        events

    from sessions

)

select * from final
