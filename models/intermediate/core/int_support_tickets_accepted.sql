with

tickets as (

    select * from {{ ref('int_support_tickets_validated') }}

),

accepted as (

    select
        ticket_id,
        account_id,
        user_id,
        category,
        feature,
        priority,
        opened_at,
        closed_at,
        cast(opened_at as date) as opened_date

    from tickets

    where rejection_reason is null

)

select * from accepted
