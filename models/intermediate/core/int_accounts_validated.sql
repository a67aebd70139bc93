{# Every staged account row with the first reason it cannot be used, or a
    null reason when it is accepted. #}

with

accounts as (

    select * from {{ adoption_staging_ref('accounts') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by account_id
            order by
                created_at nulls last,
                account_name nulls last,
                plan nulls last,
                segment nulls last
        ) as copy_number

    from accounts

),

validated as (

    select
        account_id,
        account_name,
        plan,
        segment,
        seats_purchased,
        arr,
        created_at,
        coalesce(
            invalid_reason,
            case when copy_number > 1 then 'duplicate account_id' end
        ) as rejection_reason

    from ranked

)

select * from validated
