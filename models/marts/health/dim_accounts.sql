{# One row per accepted account: who it is, what it pays for now, and its
    latest weekly health. Accounts without a scored week (created after the
    last complete week) have an empty score. #}

with

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

health as (

    select * from {{ ref('fct_account_health_weekly') }}

),

{# The subscription that runs on the as-of date, or else the latest one:
    for a churned account that is the plan it left. #}
current_subscriptions as (

    select
        subscriptions.account_id,
        subscriptions.plan,
        subscriptions.seats,
        subscriptions.mrr,
        row_number() over (
            partition by subscriptions.account_id
            order by
                case
                    when
                        subscriptions.started_on <= period.as_of_date
                        and (
                            subscriptions.ended_on is null
                            or subscriptions.ended_on > period.as_of_date
                        )
                        then 0
                    else 1
                end,
                subscriptions.started_on desc,
                subscriptions.mrr desc nulls last,
                subscriptions.subscription_id asc
        ) as currency_rank

    from subscriptions

    cross join period

),

latest_health as (

    select
        *,
        row_number() over (
            partition by account_id order by week_start_date desc
        ) as recency_rank

    from health

),

final as (

    select
        -- grain
        accounts.account_id,

        -- attributes
        accounts.account_name,
        accounts.segment,
        accounts.created_at,
        {{ dbt.datediff('cast(accounts.created_at as date)', 'period.as_of_date', 'day') }}
            as tenure_days,
        lifespans.churned_on,
        lifespans.churned_on is not null as is_churned,

        -- commercial terms now (or at churn)
        coalesce(current_subscriptions.plan, accounts.plan) as plan,
        coalesce(current_subscriptions.seats, accounts.seats_purchased) as seats,
        coalesce(current_subscriptions.mrr * 12, accounts.arr) as arr,

        -- latest health
        latest_health.week_start_date as health_week_start_date,
        latest_health.score_status,
        latest_health.health_score,
        coalesce(latest_health.health_band, 'not_scored') as health_band,
        latest_health.score_change_1w,
        latest_health.score_trend,
        latest_health.evidence_coverage

    from accounts

    cross join period

    left join lifespans
        on accounts.account_id = lifespans.account_id

    left join current_subscriptions
        on
            accounts.account_id = current_subscriptions.account_id
            and current_subscriptions.currency_rank = 1

    left join latest_health
        on
            accounts.account_id = latest_health.account_id
            and latest_health.recency_rank = 1

)

select * from final
