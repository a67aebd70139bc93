{{ config(materialized='table') }}

{# One row per account, week and health measure: the measure's value, its
    score between 0 (worst) and 1 (best), and its weight. A measure whose
    value is null is missing for that account and week: it carries no
    score, and the health score renormalises over the measures present. #}

{%- set measures = [
    'active_days_28d',
    'key_actions_per_active_user',
    'seat_utilization',
    'feature_breadth',
    'collaboration_events_per_active_user',
    'integration_events_28d',
    'failures_per_active_user',
    'help_events_per_active_user',
    'support_tickets_28d',
    'days_since_last_key_action',
    'activity_decline',
] -%}

with

features as (

    select * from {{ ref('int_account_weekly_features') }}

),

weights as (

    select * from {{ ref('health_score_weights') }}

),

{# Rates per active user are zero, not missing, for an account with no
    active users: no activity is evidence of low use. A key action never
    taken counts from the account's creation. #}
measure_values as (

    select
        account_id,
        week_start_date,
        cast(active_days_28d as {{ adoption_type_double() }}) as active_days_28d,
        coalesce(key_actions_per_active_user, 0) as key_actions_per_active_user,
        seat_utilization,
        feature_breadth,
        coalesce(collaboration_events_per_active_user, 0)
            as collaboration_events_per_active_user,
        cast(integration_events_28d as {{ adoption_type_double() }})
            as integration_events_28d,
        coalesce(failures_per_active_user, 0) as failures_per_active_user,
        coalesce(help_events_per_active_user, 0) as help_events_per_active_user,
        cast(support_tickets_28d as {{ adoption_type_double() }}) as support_tickets_28d,
        cast(
            coalesce(days_since_last_key_action, account_age_days)
            as {{ adoption_type_double() }}
        ) as days_since_last_key_action,
        case
            when activity_change_pct < 0 then -activity_change_pct
            when activity_change_pct is not null then 0
        end as activity_decline

    from features

),

unpivoted as (

    {{ adoption_unpivot(
        'measure_values',
        key_columns=['account_id', 'week_start_date'],
        value_columns=measures,
        name_column='measure_name',
        value_column='measure_value',
    ) }}

),

scored as (

    select
        unpivoted.account_id,
        unpivoted.week_start_date,
        unpivoted.measure_name,
        weights.signal,
        unpivoted.measure_value,
        weights.weight,
        weights.saturation_value,
        weights.transform,
        unpivoted.measure_value is not null as is_available,

        {# The share of the saturation value reached, clipped to [0, 1]. A
            log1p measure compares ln(1 + value) with ln(1 + saturation), so
            that a fat tail does not flatten the differences near zero. #}
        case
            when unpivoted.measure_value is not null and weights.transform = 'log1p'
                then least(greatest(
                    ln(1 + greatest(unpivoted.measure_value, 0))
                    / ln(1 + weights.saturation_value), 0
                ), 1)
            when unpivoted.measure_value is not null
                then least(greatest(
                    unpivoted.measure_value / weights.saturation_value, 0
                ), 1)
        end as saturation_share

    from
        unpivoted

    {# A left join, so that a measure missing from the weights seed fails
        the not_null test on weight instead of vanishing. #}
    left join weights
        on unpivoted.measure_name = weights.measure_name

),

final as (

    select
        *,
        case
            when signal = 'accelerator' then saturation_share
            else 1 - saturation_share
        end as measure_score

    from scored

)

select * from final
