with

source as (

    select * from {{ source('canonical', 'subscriptions') }}

),

typed as (

    select
        -- ids
        {{ adoption_clean_string('subscription_id') }} as subscription_id,
        {{ adoption_clean_string('account_id') }} as account_id,

        -- terms, parsed and as delivered
        {{ adoption_clean_string('plan') }} as plan,
        {{ adoption_try_cast('seats', dbt.type_int()) }} as seats,
        {{ adoption_try_cast('mrr', adoption_type_double()) }} as mrr,
        {{ adoption_clean_string('seats') }} as seats_text,
        {{ adoption_clean_string('mrr') }} as mrr_text,

        -- dates, parsed and as delivered
        {{ adoption_try_cast('started_on', 'date') }} as started_on,
        {{ adoption_try_cast('ended_on', 'date') }} as ended_on,
        {{ adoption_clean_string('started_on') }} as started_on_text,
        {{ adoption_clean_string('ended_on') }} as ended_on_text

    from source

),

checked as (

    select
        subscription_id,
        account_id,
        plan,
        seats,
        mrr,
        started_on,
        ended_on,
        {{ adoption_subscription_invalid_reason() }} as invalid_reason

    from typed

)

select * from checked
