{{ config(materialized='table') }}

{# One row per session and calendar day (UTC) it spans, with the part of
    the session's duration that falls on that day. A session from 23:50 to
    00:20 gives 600 seconds to the first day and 1200 to the second. Every
    day a session spans holds at least one of the user's events, because
    the session timeout is shorter than a day, so the user's active days
    list the days. #}

with

sessions as (

    select * from {{ ref('int_sessions') }}

),

user_days as (

    select * from {{ ref('int_user_daily_activity') }}

),

spanned as (

    select
        sessions.session_id,
        sessions.account_id,
        sessions.user_id,
        sessions.session_start_at,
        sessions.session_end_at,
        user_days.activity_date,
        cast(user_days.activity_date as {{ dbt.type_timestamp() }}) as day_start_at,
        cast(
            {{ dbt.dateadd('day', 1, 'user_days.activity_date') }}
            as {{ dbt.type_timestamp() }}
        ) as next_day_start_at

    from sessions

    inner join user_days
        on
            sessions.account_id = user_days.account_id
            and sessions.user_id = user_days.user_id
            and cast(sessions.session_start_at as date) <= user_days.activity_date
            and cast(sessions.session_end_at as date) >= user_days.activity_date

),

clipped as (

    select
        session_id,
        account_id,
        user_id,
        activity_date,
        {{ dbt.datediff(
            'greatest(session_start_at, day_start_at)',
            'least(session_end_at, next_day_start_at)',
            'second'
        ) }} as active_seconds

    from spanned

)

select * from clipped
