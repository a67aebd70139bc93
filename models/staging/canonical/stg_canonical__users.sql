{%- set source_relation = source('canonical', 'users') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        -- ids
        {{ adoption_clean_string('user_id') }} as user_id,
        {{ adoption_clean_string('account_id') }} as account_id,

        -- attributes
        lower({{ adoption_clean_string(
            adoption_column_or_null(source_relation, 'email')
        ) }}) as email,
        {{ adoption_try_cast(
            adoption_column_or_null(source_relation, 'is_internal'),
            dbt.type_boolean()
        ) }} as is_internal_flag,

        -- timestamps, parsed and as delivered
        {{ adoption_to_utc_timestamp('created_at') }} as created_at,
        {{ adoption_clean_string('created_at') }} as created_at_text

    from source

),

checked as (

    select
        user_id,
        account_id,
        email,
        created_at,
        coalesce(is_internal_flag, false)
        or {{ adoption_is_internal_email('email') }} as is_internal,

        case
            when user_id is null then 'missing user_id'
            when account_id is null then 'missing account_id'
            when created_at_text is not null and created_at is null
                then 'unparseable created_at'
        end as invalid_reason

    from typed

)

select * from checked
