{{ config(materialized='table') }}

{# One row per account and week: the behaviour measures of the trailing
    window that ends with the week (adoption__feature_window_days long), and
    of the window before it. Each source is aggregated to the account and
    week on its own before the joins, so no join multiplies rows. #}

{% if adoption_has_support_tickets() %}
{% set support_tickets_expression =
    'coalesce(tickets_in_window.support_tickets_28d, 0)' %}
{% else %}
{% set support_tickets_expression = 'cast(null as ' ~ dbt.type_int() ~ ')' %}
{% endif %}

with

account_weeks as (

    select * from {{ ref('int_account_weeks') }}

),

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

account_daily as (

    select * from {{ ref('int_account_daily_activity') }}

),

user_daily as (

    select * from {{ ref('int_user_daily_activity') }}

),

feature_daily as (

    select * from {{ ref('int_account_feature_daily_usage') }}

),

tickets as (

    select * from {{ ref('int_support_tickets_accepted') }}

),

subscriptions_weekly as (

    select * from {{ ref('int_account_subscriptions_weekly') }}

),

catalog as (

    select * from {{ ref('stg_catalog__event_catalog') }}

),

catalog_size as (

    select count(distinct feature) as catalog_features

    from catalog

),

activity_in_window as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,

        sum(case
            when account_daily.activity_date >= account_weeks.window_start_date
                then account_daily.events
            else 0
        end) as events_28d,
        sum(case
            when account_daily.activity_date < account_weeks.window_start_date
                then account_daily.events
            else 0
        end) as events_previous_28d,
        sum(case
            when account_daily.activity_date >= account_weeks.window_start_date
                then 1
            else 0
        end) as active_days_28d,
        sum(case
            when account_daily.activity_date >= account_weeks.window_start_date
                then account_daily.key_actions
            else 0
        end) as key_actions_28d,
        sum(case
            when account_daily.activity_date >= account_weeks.window_start_date
                then account_daily.failures
            else 0
        end) as failures_28d,
        sum(case
            when account_daily.activity_date >= account_weeks.window_start_date
                then account_daily.collaboration_events
            else 0
        end) as collaboration_events_28d,
        sum(case
            when account_daily.activity_date >= account_weeks.window_start_date
                then account_daily.integration_events
            else 0
        end) as integration_events_28d,
        sum(case
            when account_daily.activity_date >= account_weeks.window_start_date
                then account_daily.help_events
            else 0
        end) as help_events_28d

    from account_weeks

    inner join account_daily
        on
            account_weeks.account_id = account_daily.account_id
            and account_weeks.previous_window_start_date <= account_daily.activity_date
            and account_weeks.week_end_date > account_daily.activity_date

    group by 1, 2

),

users_in_window as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        count(distinct user_daily.user_id) as active_users_28d

    from account_weeks

    inner join user_daily
        on
            account_weeks.account_id = user_daily.account_id
            and account_weeks.window_start_date <= user_daily.activity_date
            and account_weeks.week_end_date > user_daily.activity_date

    group by 1, 2

),

features_in_window as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        count(distinct feature_daily.feature) as features_used_28d

    from account_weeks

    inner join feature_daily
        on
            account_weeks.account_id = feature_daily.account_id
            and account_weeks.window_start_date <= feature_daily.activity_date
            and account_weeks.week_end_date > feature_daily.activity_date

    group by 1, 2

),

tickets_in_window as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        count(*) as support_tickets_28d

    from account_weeks

    inner join tickets
        on
            account_weeks.account_id = tickets.account_id
            and account_weeks.window_start_date <= tickets.opened_date
            and account_weeks.week_end_date > tickets.opened_date

    group by 1, 2

),

{# The last key action up to the end of each week, carried forward from
    week to week so that no range join over all history is needed. #}
key_actions_by_week as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        max(account_daily.activity_date) as last_key_action_date_in_week

    from account_weeks

    inner join account_daily
        on
            account_weeks.account_id = account_daily.account_id
            and account_weeks.week_start_date <= account_daily.activity_date
            and account_weeks.week_end_date > account_daily.activity_date
            and account_daily.key_actions > 0

    group by 1, 2

),

last_key_actions as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        max(key_actions_by_week.last_key_action_date_in_week) over (
            partition by account_weeks.account_id
            order by account_weeks.week_start_date
            rows between unbounded preceding and current row
        ) as last_key_action_date

    from account_weeks

    left join key_actions_by_week
        on
            account_weeks.account_id = key_actions_by_week.account_id
            and account_weeks.week_start_date = key_actions_by_week.week_start_date

),

joined as (

    select
        -- grain
        account_weeks.account_id,
        account_weeks.week_start_date,
        account_weeks.week_end_date,

        -- tenure and what the account pays for
        {{ dbt.datediff(
            'cast(accounts.created_at as date)', 'account_weeks.week_end_date', 'day'
        ) }} as account_age_days,
        subscriptions_weekly.plan,
        cast(
            coalesce(subscriptions_weekly.seats, accounts.seats_purchased)
            as {{ dbt.type_int() }}
        ) as seats,
        subscriptions_weekly.mrr,

        -- activity in the window
        coalesce(activity_in_window.events_28d, 0) as events_28d,
        coalesce(activity_in_window.events_previous_28d, 0) as events_previous_28d,
        coalesce(activity_in_window.active_days_28d, 0) as active_days_28d,
        coalesce(users_in_window.active_users_28d, 0) as active_users_28d,
        coalesce(features_in_window.features_used_28d, 0) as features_used_28d,
        catalog_size.catalog_features,
        coalesce(activity_in_window.key_actions_28d, 0) as key_actions_28d,
        coalesce(activity_in_window.collaboration_events_28d, 0)
            as collaboration_events_28d,
        coalesce(activity_in_window.integration_events_28d, 0)
            as integration_events_28d,

        -- friction in the window
        coalesce(activity_in_window.failures_28d, 0) as failures_28d,
        coalesce(activity_in_window.help_events_28d, 0) as help_events_28d,
        {{ support_tickets_expression }} as support_tickets_28d,

        -- recency, counted to the last day of the week
        last_key_actions.last_key_action_date,
        {{ dbt.datediff(
            'last_key_actions.last_key_action_date',
            dbt.dateadd('day', -1, 'account_weeks.week_end_date'),
            'day'
        ) }} as days_since_last_key_action

    from account_weeks

    cross join catalog_size

    inner join accounts
        on account_weeks.account_id = accounts.account_id

    left join subscriptions_weekly
        on
            account_weeks.account_id = subscriptions_weekly.account_id
            and account_weeks.week_start_date = subscriptions_weekly.week_start_date

    left join activity_in_window
        on
            account_weeks.account_id = activity_in_window.account_id
            and account_weeks.week_start_date = activity_in_window.week_start_date

    left join users_in_window
        on
            account_weeks.account_id = users_in_window.account_id
            and account_weeks.week_start_date = users_in_window.week_start_date

    left join features_in_window
        on
            account_weeks.account_id = features_in_window.account_id
            and account_weeks.week_start_date = features_in_window.week_start_date

    left join tickets_in_window
        on
            account_weeks.account_id = tickets_in_window.account_id
            and account_weeks.week_start_date = tickets_in_window.week_start_date

    left join last_key_actions
        on
            account_weeks.account_id = last_key_actions.account_id
            and account_weeks.week_start_date = last_key_actions.week_start_date

),

derived as (

    select
        *,
        {{ adoption_safe_divide('active_users_28d', 'seats') }} as seat_utilization,
        {{ adoption_safe_divide('features_used_28d', 'catalog_features') }}
            as feature_breadth,
        {{ adoption_safe_divide('key_actions_28d', 'active_users_28d') }}
            as key_actions_per_active_user,
        {{ adoption_safe_divide('collaboration_events_28d', 'active_users_28d') }}
            as collaboration_events_per_active_user,
        {{ adoption_safe_divide('failures_28d', 'active_users_28d') }}
            as failures_per_active_user,
        {{ adoption_safe_divide('help_events_28d', 'active_users_28d') }}
            as help_events_per_active_user,
        {# The change is only known once the account has lived through the
            whole previous window, and only when that window had activity. #}
        case
            when account_age_days >= 2 * {{ var('adoption__feature_window_days') }}
                then {{ adoption_safe_divide(
                    'events_28d - events_previous_28d', 'events_previous_28d'
                ) }}
        end as activity_change_pct

    from joined

)

select * from derived
