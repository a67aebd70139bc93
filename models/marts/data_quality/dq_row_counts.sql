{#- One row per input table: how many rows arrived and where each went.
    Every row is accepted, rejected or a later copy of an accepted event,
    so raw_rows always equals the sum of the other three. #}

{%- set tables = [
    {'name': 'accounts', 'raw': adoption_staging_ref('accounts'),
     'accepted': ref('int_accounts_accepted')},
    {'name': 'users', 'raw': adoption_staging_ref('users'),
     'accepted': ref('int_users_accepted')},
    {'name': 'events', 'raw': adoption_staging_ref('events'),
     'accepted': ref('int_events_accepted')},
    {'name': 'subscriptions', 'raw': adoption_staging_ref('subscriptions'),
     'accepted': ref('int_subscriptions_accepted')},
    {'name': 'support_tickets', 'raw': adoption_staging_ref('support_tickets'),
     'accepted': ref('int_support_tickets_accepted')},
] -%}

with

rejected as (

    select * from {{ ref('dq_rejected_rows') }}

),

duplicates as (

    select count(*) as duplicate_rows

    from {{ ref('int_events_validated') }}

    where is_duplicate

),

counts as (

    {%- for table in tables %}

    select
        '{{ table.name }}' as source_table,
        (select count(*) from {{ table.raw }}) as raw_rows,
        (select count(*) from {{ table.accepted }}) as accepted_rows,
        (
            select count(*) from rejected
            where rejected.source_table = '{{ table.name }}'
        ) as rejected_rows,
        {% if table.name == 'events' -%}
        (select duplicate_rows from duplicates)
        {%- else -%}
        0
        {%- endif %} as duplicate_rows
    {%- if not loop.last %}

    union all
    {%- endif %}
    {%- endfor %}

)

select * from counts
