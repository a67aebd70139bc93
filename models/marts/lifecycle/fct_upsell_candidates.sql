{# One row per account and complete week in which the account is an upsell
    candidate: it pays for a running subscription, is healthy (health score
    of at least adoption__upsell_min_health_score), is growing (events in
    the trailing window, or active users in it, up by at least
    adoption__upsell_min_growth against the window before or against four
    weeks before), and presses against what it pays for in at least one
    way:
      seat_utilization     active users / seats of at least
                           adoption__upsell_min_seat_utilization
      near_plan_limit      a limited event used at least
                           adoption__upsell_near_limit_share of its limit
      power_users_rising   the power user share up by at least
                           adoption__upsell_min_power_user_share_rise over
                           four weeks
    reasons lists the ones that hold. arr_at_stake is the ARR the account
    pays at the week's end. upgraded_within_window records whether it then
    upgraded (int_account_upgrade_outcomes), null while unknown. #}

with

features as (

    select * from {{ ref('int_account_weekly_features') }}

),

health as (

    select * from {{ ref('fct_account_health_weekly') }}

),

stickiness as (

    select * from {{ ref('fct_account_stickiness_weekly') }}

),

limit_usage as (

    select * from {{ ref('int_account_plan_limit_usage') }}

),

outcomes as (

    select * from {{ ref('int_account_upgrade_outcomes') }}

),

limit_pressure as (

    select
        account_id,
        week_start_date,

        max(limit_usage_share) as max_limit_usage_share,
        max(case when is_near_limit then 1 else 0 end) = 1 as has_limit_pressure,
        {{ adoption_sorted_list(
            'case when is_near_limit then event_name end', ', '
        ) }} as near_limit_events

    from limit_usage

    group by 1, 2

),

{# Four rows back is four weeks back: the rows of an account are
    consecutive weeks. #}
history as (

    select
        features.account_id,
        features.week_start_date,
        features.week_end_date,
        features.seats,
        features.active_users_28d,
        features.seat_utilization,
        features.activity_change_pct,
        health.health_score,
        stickiness.power_user_share,
        lag(features.active_users_28d, 4) over (
            partition by features.account_id order by features.week_start_date
        ) as active_users_28d_4_weeks_before,
        lag(stickiness.power_user_share, 4) over (
            partition by features.account_id order by features.week_start_date
        ) as power_user_share_4_weeks_before

    from features

    inner join health
        on
            features.account_id = health.account_id
            and features.week_start_date = health.week_start_date

    inner join stickiness
        on
            features.account_id = stickiness.account_id
            and features.week_start_date = stickiness.week_start_date

),

{# Only weeks with a running subscription (a row in the outcomes): there
    is nothing to upsell to an account that pays for nothing. #}
signals as (

    select
        history.*,
        outcomes.plan,
        outcomes.mrr * 12 as arr_at_stake,
        outcomes.upgraded_within_window,
        outcomes.first_upgrade_on,
        outcomes.outcome_window_end_date,
        limit_pressure.max_limit_usage_share,
        limit_pressure.near_limit_events,
        history.power_user_share - history.power_user_share_4_weeks_before
            as power_user_share_change_4w,
        history.seat_utilization is null as is_seat_count_unknown,

        coalesce(
            history.health_score >= {{ var('adoption__upsell_min_health_score') }},
            false
        ) as is_healthy,
        coalesce(
            history.activity_change_pct >= {{ var('adoption__upsell_min_growth') }},
            false
        )
        or coalesce(
            history.active_users_28d
            >= (1 + {{ var('adoption__upsell_min_growth') }})
            * history.active_users_28d_4_weeks_before
            and history.active_users_28d_4_weeks_before > 0,
            false
        ) as is_growing,

        coalesce(
            history.seat_utilization >= {{ var('adoption__upsell_min_seat_utilization') }},
            false
        ) as has_seat_pressure,
        coalesce(limit_pressure.has_limit_pressure, false) as has_limit_pressure,
        coalesce(
            history.power_user_share - history.power_user_share_4_weeks_before
            >= {{ var('adoption__upsell_min_power_user_share_rise') }},
            false
        ) as has_power_user_rise

    from history

    inner join outcomes
        on
            history.account_id = outcomes.account_id
            and history.week_start_date = outcomes.week_start_date

    left join limit_pressure
        on
            history.account_id = limit_pressure.account_id
            and history.week_start_date = limit_pressure.week_start_date

),

candidates as (

    select *

    from signals

    where
        is_healthy
        and is_growing
        and (has_seat_pressure or has_limit_pressure or has_power_user_rise)

),

reasons as (

    select
        account_id,
        week_start_date,
        'seat_utilization' as reason
    from candidates
    where has_seat_pressure

    union all

    select
        account_id,
        week_start_date,
        'near_plan_limit' as reason
    from candidates
    where has_limit_pressure

    union all

    select
        account_id,
        week_start_date,
        'power_users_rising' as reason
    from candidates
    where has_power_user_rise

),

reason_lists as (

    select
        account_id,
        week_start_date,
        count(*) as reason_count,
        {{ adoption_sorted_list('reason', ', ') }} as reasons

    from reasons

    group by 1, 2

),

final as (

    select
        -- grain
        candidates.account_id,
        candidates.week_start_date,
        candidates.week_end_date,

        -- why
        reason_lists.reasons,
        reason_lists.reason_count,
        candidates.arr_at_stake,
        candidates.plan,
        candidates.seats,

        -- evidence
        candidates.health_score,
        candidates.activity_change_pct,
        candidates.active_users_28d,
        candidates.active_users_28d_4_weeks_before,
        candidates.seat_utilization,
        candidates.is_seat_count_unknown,
        candidates.max_limit_usage_share,
        candidates.near_limit_events,
        candidates.power_user_share,
        candidates.power_user_share_change_4w,
        candidates.has_seat_pressure,
        candidates.has_limit_pressure,
        candidates.has_power_user_rise,

        -- outcome
        candidates.outcome_window_end_date,
        candidates.upgraded_within_window,
        candidates.first_upgrade_on

    from candidates

    inner join reason_lists
        on
            candidates.account_id = reason_lists.account_id
            and candidates.week_start_date = reason_lists.week_start_date

)

select * from final
