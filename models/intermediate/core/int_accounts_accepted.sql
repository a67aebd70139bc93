with

accounts as (

    select * from {{ ref('int_accounts_validated') }}

),

accepted as (

    select
        account_id,
        account_name,
        plan,
        segment,
        seats_purchased,
        arr,
        created_at

    from accounts

    where rejection_reason is null

)

select * from accepted
