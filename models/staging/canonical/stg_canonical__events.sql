{%- set source_relation = source('canonical', 'events') -%}

with

source as (

    select * from {{ source_relation }}

),

typed as (

    select
        -- ids
        {{ adoption_clean_string('event_id') }} as event_id,
        {{ adoption_clean_string('user_id') }} as user_id,
        {{ adoption_clean_string(
            adoption_column_or_null(source_relation, 'account_id')
        ) }} as account_id,

        -- event
        {{ adoption_clean_string('event_name') }} as event_name,
        cast(
            {{ adoption_column_or_null(source_relation, 'properties') }}
            as {{ dbt.type_string() }}
        ) as properties,

        -- timestamps, parsed and as delivered
        {{ adoption_to_utc_timestamp('occurred_at') }} as occurred_at,
        {{ adoption_to_utc_timestamp(
            adoption_column_or_null(source_relation, 'received_at')
        ) }} as received_at,
        {{ adoption_clean_string('occurred_at') }} as occurred_at_text,
        {{ adoption_clean_string(
            adoption_column_or_null(source_relation, 'received_at')
        ) }} as received_at_text

    from source

),

checked as (

    select
        *,
        {{ adoption_event_invalid_reason() }} as invalid_reason

    from typed

)

select * from checked
