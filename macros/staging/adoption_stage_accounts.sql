{#- The select that types a contract accounts relation and names the first
    problem of each row. Shared by every source format that delivers
    accounts in the contract's columns. -#}
{% macro adoption_stage_accounts(source_relation) %}
with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        -- ids
        {{ adoption_clean_string('account_id') }} as account_id,

        -- attributes
        {{ adoption_clean_string('account_name') }} as account_name,
        {{ adoption_clean_string('plan') }} as plan,
        {{ adoption_clean_string('segment') }} as segment,

        -- commercial figures, parsed and as delivered
        {{ adoption_try_cast('seats_purchased', dbt.type_int()) }} as seats_purchased,
        {{ adoption_try_cast('arr', adoption_type_double()) }} as arr,
        {{ adoption_clean_string('seats_purchased') }} as seats_purchased_text,
        {{ adoption_clean_string('arr') }} as arr_text,

        -- timestamps, parsed and as delivered
        {{ adoption_to_utc_timestamp('created_at') }} as created_at,
        {{ adoption_clean_string('created_at') }} as created_at_text

    from source

),

checked as (

    select
        account_id,
        account_name,
        plan,
        segment,
        seats_purchased,
        arr,
        created_at,

        case
            when account_id is null then 'missing account_id'
            when created_at_text is null then 'missing created_at'
            when created_at is null then 'unparseable created_at'
            when seats_purchased_text is not null and seats_purchased is null
                then 'unparseable seats_purchased'
            when seats_purchased < 0 then 'negative seats_purchased'
            when arr_text is not null and arr is null then 'unparseable arr'
            when arr < 0 then 'negative arr'
        end as invalid_reason

    from typed

)

select * from checked
{% endmacro %}
