{# Only the main plan rows (units = 'users') are subscriptions in the
    contract: their quantity is the seat count. Add-on rows are listed every
    period whether bought or not, so they say nothing about what the account
    pays for; they go to the rejects with their own reason. #}

with

source as (

    select * from {{ source('fightchurn', 'subscription') }}

),

typed as (

    select
        -- ids
        {{ adoption_clean_string('account_id') }} as account_id,

        -- terms, parsed and as delivered
        {{ adoption_clean_string('product') }} as plan,
        lower({{ adoption_clean_string('units') }}) as units,
        {{ adoption_try_cast('quantity', dbt.type_int()) }} as seats,
        {{ adoption_try_cast('mrr', adoption_type_double()) }} as mrr,
        {{ adoption_clean_string('quantity') }} as seats_text,
        {{ adoption_clean_string('mrr') }} as mrr_text,

        -- dates, parsed and as delivered
        {{ adoption_try_cast('start_date', 'date') }} as started_on,
        {{ adoption_try_cast('end_date', 'date') }} as ended_on,
        {{ adoption_clean_string('start_date') }} as started_on_text,
        {{ adoption_clean_string('end_date') }} as ended_on_text

    from source

),

identified as (

    select
        {{ dbt.concat([
            'account_id', "'-'", 'plan', "'-'", 'started_on_text'
        ]) }} as subscription_id,
        *

    from typed

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
        coalesce(
            {{ adoption_subscription_invalid_reason() }},
            case
                when units is null or units != 'users'
                    then 'add-on product, not a seat plan'
            end
        ) as invalid_reason

    from identified

)

select * from checked
