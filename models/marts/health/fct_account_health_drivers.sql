{# One row per account, week and health measure: how many of the week's
    score points the measure contributes, how many it misses, and how its
    contribution moved since the previous week. The score is 100 times the
    weighted mean of the available measure scores, so a measure contributes
    100 * weight * score / (sum of available weights) points and the
    contributions add up to the unrounded score. A missing measure
    contributes 0 points; its absence shows in the other measures' larger
    shares. The week-over-week changes add up to the unrounded score
    change, so they say which measures made an account drop. #}

with

measures as (

    select * from {{ ref('int_account_health_measures') }}

),

health as (

    select * from {{ ref('fct_account_health_weekly') }}

),

available_weights as (

    select
        account_id,
        week_start_date,
        sum(case when is_available then weight else 0 end) as available_weight

    from measures

    group by 1, 2

),

shares as (

    select
        measures.account_id,
        measures.week_start_date,
        measures.measure_name,
        measures.signal,
        measures.measure_value,
        measures.measure_score,
        measures.weight,
        measures.is_available,
        health.score_status,
        health.health_score,
        health.score_change_1w,
        case
            when health.health_score is not null and measures.is_available
                then {{ adoption_safe_divide(
                    'measures.weight', 'available_weights.available_weight'
                ) }}
            when health.health_score is not null then 0
        end as weight_share

    from measures

    inner join available_weights
        on
            measures.account_id = available_weights.account_id
            and measures.week_start_date = available_weights.week_start_date

    inner join health
        on
            measures.account_id = health.account_id
            and measures.week_start_date = health.week_start_date

),

contributions as (

    select
        *,
        100 * weight_share * coalesce(measure_score, 0) as contribution_points,
        100 * weight_share * (1 - coalesce(measure_score, 0)) as points_below_full

    from shares

),

changes as (

    select
        *,
        contribution_points - lag(contribution_points) over (
            partition by account_id, measure_name order by week_start_date
        ) as contribution_change_1w

    from contributions

),

{# Rank 1 is the measure that lowered the score most this week. Rows
    without a change sort last on every engine. Changes are ranked rounded
    to 1e-6 points: unchanged measures differ from zero by rounding noise
    that each engine leaves differently, and the measure name then breaks
    the tie the same way everywhere. #}
ranked as (

    select
        *,
        row_number() over (
            partition by account_id, week_start_date
            order by
                case when contribution_change_1w is null then 1 else 0 end,
                {{ adoption_round('contribution_change_1w', 6) }},
                measure_name
        ) as change_position

    from changes

),

final as (

    select
        -- grain
        account_id,
        week_start_date,
        measure_name,

        -- the measure
        signal,
        measure_value,
        measure_score,
        weight,
        is_available,

        -- the week's score
        score_status,
        health_score,
        score_change_1w,

        -- the measure's part of the score
        weight_share,
        contribution_points,
        points_below_full,
        contribution_change_1w,
        case
            when contribution_change_1w is not null then change_position
        end as change_rank

    from ranked

)

select * from final
