with

subscriptions as (

    select * from {{ ref('int_subscriptions_validated') }}

),

accepted as (

    select
        subscription_id,
        account_id,
        plan,
        seats,
        mrr,
        started_on,
        ended_on

    from subscriptions

    where rejection_reason is null

)

select * from accepted
