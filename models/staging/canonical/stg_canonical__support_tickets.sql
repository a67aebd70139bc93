{# The support tickets file is optional. Without it this model is empty, and
    the ticket measure of the health score counts as missing, not as zero. #}
-- depends_on: {{ source('canonical', 'support_tickets') }}

with

typed as (

    {% if adoption_input_exists('support_tickets') -%}
    select
        -- ids
        {{ adoption_clean_string('ticket_id') }} as ticket_id,
        {{ adoption_clean_string('account_id') }} as account_id,
        {{ adoption_clean_string('user_id') }} as user_id,

        -- attributes
        {{ adoption_clean_string('category') }} as category,
        {{ adoption_clean_string('feature') }} as feature,
        {{ adoption_clean_string('priority') }} as priority,

        -- timestamps, parsed and as delivered
        {{ adoption_to_utc_timestamp('opened_at') }} as opened_at,
        {{ adoption_to_utc_timestamp('closed_at') }} as closed_at,
        {{ adoption_clean_string('opened_at') }} as opened_at_text,
        {{ adoption_clean_string('closed_at') }} as closed_at_text

    from {{ source('canonical', 'support_tickets') }}
    {%- else -%}
    {{ adoption_empty_support_tickets() }}
    {%- endif %}

),

checked as (

    select
        ticket_id,
        account_id,
        user_id,
        category,
        feature,
        priority,
        opened_at,
        closed_at,

        case
            when ticket_id is null then 'missing ticket_id'
            when account_id is null then 'missing account_id'
            when opened_at_text is null then 'missing opened_at'
            when opened_at is null then 'unparseable opened_at'
            when closed_at_text is not null and closed_at is null
                then 'unparseable closed_at'
        end as invalid_reason

    from typed

)

select * from checked
