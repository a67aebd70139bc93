{# One row per account: when it started and, when every subscription has
    ended by the period's churn_observed_through_date, when it churned. A subscription's ended_on is the
    first day it no longer runs, so back-to-back periods share a date. #}

with

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

subscription_spans as (

    select
        account_id,
        min(started_on) as first_started_on,
        max(ended_on) as last_ended_on,
        max(case when ended_on is null then 1 else 0 end) as has_open_subscription

    from subscriptions

    group by 1

),

lifespans as (

    select
        accounts.account_id,
        cast(accounts.created_at as date) as created_date,
        subscription_spans.first_started_on,
        case
            when
                subscription_spans.has_open_subscription = 0
                and subscription_spans.last_ended_on <= period.churn_observed_through_date
                then subscription_spans.last_ended_on
        end as churned_on

    from accounts

    cross join period

    left join subscription_spans
        on accounts.account_id = subscription_spans.account_id

)

select * from lifespans
