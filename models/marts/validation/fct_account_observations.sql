{# One row per account and observation date: the features of the week that
    ends on the observation date, the health score of that week, and the
    labels of the window after it. Every feature comes from
    int_account_weekly_features, whose trailing windows end at
    week_end_date exclusive, so no feature reads an event on or after the
    observation date. Censored rows have no labels and must not be used
    for fitting or validation. #}

with

labels as (

    select * from {{ ref('int_account_observation_labels') }}

),

weekly_features as (

    select * from {{ ref('int_account_weekly_features') }}

),

health as (

    select * from {{ ref('fct_account_health_weekly') }}

),

observations as (

    select
        -- grain
        labels.account_id,
        labels.observation_date,
        labels.week_start_date,

        -- labels
        labels.label_window_end_date,
        labels.is_censored,
        labels.is_activity_churn,
        labels.is_subscription_churn,
        labels.is_downgrade,
        labels.mrr_before_observation,
        labels.mrr_at_label_window_end,

        -- health score of the week that ends on the observation date
        health.score_status,
        health.health_score,

        -- features of the trailing window before the observation date
        weekly_features.account_age_days,
        weekly_features.seats,
        weekly_features.events_28d,
        weekly_features.events_previous_28d,
        weekly_features.active_days_28d,
        weekly_features.active_users_28d,
        weekly_features.features_used_28d,
        weekly_features.key_actions_28d,
        weekly_features.collaboration_events_28d,
        weekly_features.integration_events_28d,
        weekly_features.failures_28d,
        weekly_features.help_events_28d,
        weekly_features.support_tickets_28d,
        weekly_features.last_key_action_date,
        weekly_features.days_since_last_key_action,
        weekly_features.seat_utilization,
        weekly_features.feature_breadth,
        weekly_features.key_actions_per_active_user,
        weekly_features.collaboration_events_per_active_user,
        weekly_features.failures_per_active_user,
        weekly_features.help_events_per_active_user,
        weekly_features.activity_change_pct

    from labels

    inner join weekly_features
        on
            labels.account_id = weekly_features.account_id
            and labels.week_start_date = weekly_features.week_start_date

    inner join health
        on
            labels.account_id = health.account_id
            and labels.week_start_date = health.week_start_date

)

select * from observations
