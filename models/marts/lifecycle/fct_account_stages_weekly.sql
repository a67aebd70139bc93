{# One row per account and complete week: the account's stage, inferred
    from its behaviour. The rules are tried in this order and the first
    that holds gives the stage, so the stages exclude each other:
      churned     the account churned by the end of the week
      dormant     no accepted event for adoption__stage_dormant_days days
      onboarding  not activated yet, at most
                  adoption__stage_onboarding_max_days days old
      at_risk     not activated and older than that (stalled onboarding),
                  or events in the trailing window fell by at least
                  adoption__stage_at_risk_activity_drop, or the health
                  score is below adoption__stage_at_risk_below_health_score
      avid        active days, feature breadth and seat utilisation at the
                  avid thresholds (an unknown seat count does not block it)
      engaged     active days and key actions at the engaged thresholds
      activated   every other activated account
    stage_rule names the rule that decided. is_subscription_data_complete
    is false for weeks past the last date the subscription data covers:
    there, an account whose subscription data has stopped can read as
    dormant without having churned. #}

with

features as (

    select * from {{ ref('int_account_weekly_features') }}

),

health as (

    select * from {{ ref('fct_account_health_weekly') }}

),

activation as (

    select * from {{ ref('int_account_activation') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

weekly_activity as (

    select * from {{ ref('int_account_weekly_activity') }}

),

subscriptions_weekly as (

    select * from {{ ref('int_account_subscriptions_weekly') }}

),

period as (

    select * from {{ ref('int_lifecycle_period') }}

),

joined as (

    select
        features.account_id,
        features.week_start_date,
        features.week_end_date,
        features.account_age_days,
        features.active_days_28d,
        features.active_users_28d,
        features.key_actions_28d,
        features.feature_breadth,
        features.seat_utilization,
        features.activity_change_pct,
        health.health_score,
        activation.setup_milestones_done,
        activation.setup_milestones_total,
        activation.activated_on,
        lifespans.churned_on,
        weekly_activity.last_active_date,
        coalesce(subscriptions_weekly.mrr, 0) * 12 as arr,
        coalesce(
            activation.activated_on < features.week_end_date, false
        ) as is_activated,
        {{ dbt.dateadd('day', -1, 'features.week_end_date') }}
        <= period.subscriptions_complete_through as is_subscription_data_complete,
        {{ dbt.datediff(
            'coalesce(weekly_activity.last_active_date, lifespans.created_date)',
            dbt.dateadd('day', -1, 'features.week_end_date'),
            'day'
        ) }} as days_since_last_event

    from features

    cross join period

    inner join health
        on
            features.account_id = health.account_id
            and features.week_start_date = health.week_start_date

    inner join activation
        on features.account_id = activation.account_id

    inner join lifespans
        on features.account_id = lifespans.account_id

    left join weekly_activity
        on
            features.account_id = weekly_activity.account_id
            and features.week_start_date = weekly_activity.week_start_date

    left join subscriptions_weekly
        on
            features.account_id = subscriptions_weekly.account_id
            and features.week_start_date = subscriptions_weekly.week_start_date

),

ruled as (

    select
        *,
        case
            when churned_on is not null and churned_on < week_end_date then 'churned'
            when days_since_last_event >= {{ var('adoption__stage_dormant_days') }}
                then 'no_recent_event'
            when
                not is_activated
                and account_age_days <= {{ var('adoption__stage_onboarding_max_days') }}
                then 'not_activated_yet'
            when not is_activated then 'onboarding_stalled'
            when activity_change_pct <= -{{ var('adoption__stage_at_risk_activity_drop') }}
                then 'activity_dropped'
            when health_score < {{ var('adoption__stage_at_risk_below_health_score') }}
                then 'low_health_score'
            when
                active_days_28d >= {{ var('adoption__stage_avid_min_active_days') }}
                and feature_breadth >= {{ var('adoption__stage_avid_min_feature_breadth') }}
                and (
                    seat_utilization is null
                    or seat_utilization >= {{ var('adoption__stage_avid_min_seat_utilization') }}
                )
                then 'avid_use'
            when
                active_days_28d >= {{ var('adoption__stage_engaged_min_active_days') }}
                and key_actions_28d >= {{ var('adoption__stage_engaged_min_key_actions') }}
                then 'engaged_use'
            else 'activated'
        end as stage_rule

    from joined

),

staged as (

    select
        *,
        case stage_rule
            when 'churned' then 'churned'
            when 'no_recent_event' then 'dormant'
            when 'not_activated_yet' then 'onboarding'
            when 'onboarding_stalled' then 'at_risk'
            when 'activity_dropped' then 'at_risk'
            when 'low_health_score' then 'at_risk'
            when 'avid_use' then 'avid'
            when 'engaged_use' then 'engaged'
            else 'activated'
        end as account_stage

    from ruled

),

final as (

    select
        -- grain
        account_id,
        week_start_date,
        week_end_date,

        -- stage
        account_stage,
        stage_rule,
        arr,
        is_subscription_data_complete,

        -- evidence
        account_age_days,
        is_activated,
        activated_on,
        setup_milestones_done,
        setup_milestones_total,
        days_since_last_event,
        active_days_28d,
        active_users_28d,
        key_actions_28d,
        feature_breadth,
        seat_utilization,
        activity_change_pct,
        health_score,
        churned_on

    from staged

)

select * from final
