{# Accounts in the canonical contract when the data folder has an accounts
    file; otherwise one row per group, named and priced by the traits of its
    latest group call and created at its first one. #}
-- depends_on: {{ source('segment', 'accounts') }}
-- depends_on: {{ ref('stg_segment__memberships') }}

{% if adoption_input_exists('accounts') %}
{{ adoption_stage_accounts(source('segment', 'accounts')) }}
{% else %}
with

memberships as (

    select * from {{ ref('stg_segment__memberships') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by account_id order by grouped_at desc, message_id desc
        ) as recency_rank,
        min(grouped_at) over (partition by account_id) as first_grouped_at

    from memberships

),

accounts as (

    select
        account_id,
        account_name,
        plan,
        cast(null as {{ dbt.type_string() }}) as segment,
        seats as seats_purchased,
        cast(null as {{ adoption_type_double() }}) as arr,
        first_grouped_at as created_at,
        cast(null as {{ dbt.type_string() }}) as invalid_reason

    from ranked

    where recency_rank = 1

)

select * from accounts
{% endif %}
