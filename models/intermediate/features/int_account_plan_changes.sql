{# One row per subscription that follows an earlier one of the same
    account: whether the account moved up (more MRR, or more seats at no
    less MRR), down (less MRR, or fewer seats at no more MRR) or renewed on
    the same terms, and when. #}

with

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

sequenced as (

    select
        account_id,
        subscription_id,
        plan,
        seats,
        mrr,
        started_on,
        lag(plan) over (
            partition by account_id order by started_on, subscription_id
        ) as previous_plan,
        lag(seats) over (
            partition by account_id order by started_on, subscription_id
        ) as previous_seats,
        lag(mrr) over (
            partition by account_id order by started_on, subscription_id
        ) as previous_mrr

    from subscriptions

),

classified as (

    select
        account_id,
        subscription_id,
        started_on as changed_on,
        previous_plan,
        plan,
        previous_seats,
        seats,
        previous_mrr,
        mrr,
        case
            when mrr > previous_mrr then 'upgrade'
            when mrr < previous_mrr then 'downgrade'
            when seats > previous_seats then 'upgrade'
            when seats < previous_seats then 'downgrade'
            else 'renewal'
        end as change_type

    from sequenced

    where previous_mrr is not null or previous_seats is not null

)

select * from classified
