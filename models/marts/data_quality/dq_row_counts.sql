{# One row per input table: how many rows arrived and where each went.
    Every row is accepted, rejected or a later copy of an accepted event,
    so raw_rows equals the sum of the other three; a test checks it. #}

with

raw_counts as (

    select
        'accounts' as source_table,
        count(*) as raw_rows
    from {{ adoption_staging_ref('accounts') }}

    union all

    select
        'users' as source_table,
        count(*) as raw_rows
    from {{ adoption_staging_ref('users') }}

    union all

    select
        'events' as source_table,
        count(*) as raw_rows
    from {{ adoption_staging_ref('events') }}

    union all

    select
        'subscriptions' as source_table,
        count(*) as raw_rows
    from {{ adoption_staging_ref('subscriptions') }}

    union all

    select
        'support_tickets' as source_table,
        count(*) as raw_rows
    from {{ adoption_staging_ref('support_tickets') }}

),

accepted_counts as (

    select
        'accounts' as source_table,
        count(*) as accepted_rows
    from {{ ref('int_accounts_accepted') }}

    union all

    select
        'users' as source_table,
        count(*) as accepted_rows
    from {{ ref('int_users_accepted') }}

    union all

    select
        'events' as source_table,
        count(*) as accepted_rows
    from {{ ref('int_events_accepted') }}

    union all

    select
        'subscriptions' as source_table,
        count(*) as accepted_rows
    from {{ ref('int_subscriptions_accepted') }}

    union all

    select
        'support_tickets' as source_table,
        count(*) as accepted_rows
    from {{ ref('int_support_tickets_accepted') }}

),

rejected_counts as (

    select
        source_table,
        count(*) as rejected_rows

    from {{ ref('dq_rejected_rows') }}

    group by 1

),

duplicate_counts as (

    select
        'events' as source_table,
        count(*) as duplicate_rows

    from {{ ref('int_events_validated') }}

    where is_duplicate

),

counts as (

    select
        raw_counts.source_table,
        raw_counts.raw_rows,
        accepted_counts.accepted_rows,
        coalesce(rejected_counts.rejected_rows, 0) as rejected_rows,
        coalesce(duplicate_counts.duplicate_rows, 0) as duplicate_rows

    from raw_counts

    inner join accepted_counts
        on raw_counts.source_table = accepted_counts.source_table

    left join rejected_counts
        on raw_counts.source_table = rejected_counts.source_table

    left join duplicate_counts
        on raw_counts.source_table = duplicate_counts.source_table

)

select * from counts
