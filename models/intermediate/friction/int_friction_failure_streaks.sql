{# One row per failure streak: a user's actions on one feature failing
    adoption__friction_streak_min_failures or more times in a row, each
    failure within adoption__friction_streak_window_minutes of the one
    before. A streak followed by a success within the window is a struggle;
    otherwise the user gave up, which weighs twice as much. Ties in time are
    ordered by event id so that runs are repeatable. #}

{% set window_minutes = var('adoption__friction_streak_window_minutes') %}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

outcomes as (

    select
        event_id,
        account_id,
        user_id,
        feature,
        outcome,
        occurred_at

    from events

    where outcome in ('success', 'failure') and feature is not null

),

sequenced as (

    select
        *,
        lag(outcome) over (
            partition by user_id, feature order by occurred_at, event_id
        ) as previous_outcome,
        lag(occurred_at) over (
            partition by user_id, feature order by occurred_at, event_id
        ) as previous_occurred_at,
        lead(outcome) over (
            partition by user_id, feature order by occurred_at, event_id
        ) as next_outcome,
        lead(occurred_at) over (
            partition by user_id, feature order by occurred_at, event_id
        ) as next_occurred_at

    from outcomes

),

{# A failure continues the run of the failure just before it when that one
    is recent enough; anything else starts a new run. #}
run_starts as (

    select
        *,
        case
            when
                outcome = 'failure'
                and previous_outcome = 'failure'
                and previous_occurred_at
                >= {{ dbt.dateadd('minute', -window_minutes, 'occurred_at') }}
                then 0
            else 1
        end as is_run_start

    from sequenced

),

runs as (

    select
        *,
        sum(is_run_start) over (
            partition by user_id, feature
            order by occurred_at, event_id
            rows between unbounded preceding and current row
        ) as run_number

    from run_starts

),

ranked_in_run as (

    select
        *,
        row_number() over (
            partition by user_id, feature, run_number
            order by occurred_at desc, event_id desc
        ) as position_from_end

    from runs

),

streaks as (

    select
        user_id,
        feature,
        run_number,
        min(account_id) as account_id,
        count(*) as failures,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at

    from ranked_in_run

    where outcome = 'failure'

    group by 1, 2, 3

    having count(*) >= {{ var('adoption__friction_streak_min_failures') }}

),

{# The outcome event right after the last failure of each streak. #}
streak_ends as (

    select
        streaks.*,
        ranked_in_run.next_outcome,
        ranked_in_run.next_occurred_at

    from streaks

    inner join ranked_in_run
        on
            streaks.user_id = ranked_in_run.user_id
            and streaks.feature = ranked_in_run.feature
            and streaks.run_number = ranked_in_run.run_number
            and ranked_in_run.position_from_end = 1

),

resolved as (

    select
        {{ dbt.concat([
            "'streak:'", 'user_id', "':'", 'feature', "':'",
            'cast(run_number as ' ~ dbt.type_string() ~ ')'
        ]) }} as occurrence_id,
        'failure_streak' as friction_kind,
        feature,
        account_id,
        user_id,
        started_at as occurred_at,
        failures,
        case
            when
                next_outcome = 'success'
                and next_occurred_at
                <= {{ dbt.dateadd('minute', window_minutes, 'ended_at') }}
                then 'struggle'
            else 'gave_up'
        end as resolution

    from streak_ends

),

weighted as (

    select
        *,
        cast(
            case when resolution = 'gave_up' then 2.0 else 1.0 end
            as {{ adoption_type_double() }}
        ) as severity_weight

    from resolved

)

select * from weighted
