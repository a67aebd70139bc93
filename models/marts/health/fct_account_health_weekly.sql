{# One row per account and complete week: the adoption health score with
    its band, its accelerator and decelerator components, how much of the
    weighted evidence it rests on, and how it moved. #}

with

account_weeks as (

    select * from {{ ref('int_account_weekly_features') }}

),

measures as (

    select * from {{ ref('int_account_health_measures') }}

),

bands as (

    select * from {{ ref('health_bands') }}

),

components as (

    select
        account_id,
        week_start_date,

        sum(weight) as total_weight,
        sum(case when is_available then weight else 0 end) as available_weight,
        sum(case when is_available then weight * measure_score else 0 end)
            as weighted_score,

        sum(case when is_available and signal = 'accelerator' then weight else 0 end)
            as accelerator_weight,
        sum(case
            when is_available and signal = 'accelerator'
                then weight * measure_score
            else 0
        end) as accelerator_weighted_score,
        sum(case when is_available and signal = 'decelerator' then weight else 0 end)
            as decelerator_weight,
        sum(case
            when is_available and signal = 'decelerator'
                then weight * (1 - measure_score)
            else 0
        end) as decelerator_weighted_penalty

    from measures

    group by 1, 2

),

scored as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        account_weeks.week_end_date,
        account_weeks.account_age_days,
        account_weeks.active_days_28d,
        account_weeks.active_users_28d,

        case
            when account_weeks.account_age_days < {{ var('adoption__min_tenure_days') }}
                then 'insufficient_history'
            when account_weeks.events_28d = 0 then 'no_recent_data'
            else 'scored'
        end as score_status,

        100 * {{ adoption_safe_divide(
            'components.weighted_score', 'components.available_weight'
        ) }} as raw_health_score,
        100 * {{ adoption_safe_divide(
            'components.accelerator_weighted_score', 'components.accelerator_weight'
        ) }} as accelerator_score,
        100 * {{ adoption_safe_divide(
            'components.decelerator_weighted_penalty', 'components.decelerator_weight'
        ) }} as decelerator_score,
        {{ adoption_safe_divide(
            'components.available_weight', 'components.total_weight'
        ) }} as evidence_coverage

    from account_weeks

    inner join components
        on
            account_weeks.account_id = components.account_id
            and account_weeks.week_start_date = components.week_start_date

),

{# A new account is not judged: it gets no score rather than a low one. #}
judged as (

    select
        *,
        case
            when score_status != 'insufficient_history'
                then {{ adoption_round('raw_health_score', 2) }}
        end as health_score

    from scored

),

banded as (

    select
        judged.*,
        coalesce(bands.health_band, 'not_scored') as health_band

    from judged

    left join bands
        on
            judged.health_score >= bands.min_score
            and (bands.max_score is null or judged.health_score < bands.max_score)

),

trended as (

    select
        *,
        health_score - lag(health_score, 1) over (
            partition by account_id order by week_start_date
        ) as score_change_1w,
        health_score - lag(health_score, 4) over (
            partition by account_id order by week_start_date
        ) as score_change_4w

    from banded

),

final as (

    select
        -- grain
        account_id,
        week_start_date,
        week_end_date,

        -- score
        score_status,
        health_score,
        health_band,
        {{ adoption_round('accelerator_score', 2) }} as accelerator_score,
        {{ adoption_round('decelerator_score', 2) }} as decelerator_score,
        evidence_coverage,

        -- movement
        score_change_1w,
        score_change_4w,
        case
            when score_change_4w is null then null
            when score_change_4w >= {{ var('adoption__trend_threshold_points') }}
                then 'improving'
            when score_change_4w <= -{{ var('adoption__trend_threshold_points') }}
                then 'declining'
            else 'stable'
        end as score_trend,

        -- context
        account_age_days,
        active_days_28d,
        active_users_28d

    from trended

)

select * from final
