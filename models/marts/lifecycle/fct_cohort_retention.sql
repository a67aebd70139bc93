{# One row per signup cohort (calendar month of creation) and number of
    months since signup: the share of the cohort's accounts and users
    active in that month of their lives, and the logo and ARR retention of
    its accounts from subscriptions. Each share is taken over the members
    whose period has ended by the as-of date (logo and ARR: whose period's
    last day the subscription data covers), so that young members of a
    cohort do not read as lost. #}

with

account_periods as (

    select * from {{ ref('int_account_retention_periods') }}

),

user_periods as (

    select * from {{ ref('int_user_retention_periods') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

signups as (

    select * from {{ ref('int_user_signups') }}

),

account_cohort_sizes as (

    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as cohort_month,
        count(*) as cohort_accounts

    from lifespans

    group by 1

),

user_cohort_sizes as (

    select
        cast({{ dbt.date_trunc('month', 'signup_date') }} as date) as cohort_month,
        count(*) as cohort_users

    from signups

    group by 1

),

account_stats as (

    select
        cohort_month,
        months_since_signup,

        count(*) as observed_accounts,
        sum(case when is_active then 1 else 0 end) as active_accounts,

        sum(case
            when is_subscription_observed and starting_arr is not null then 1 else 0
        end) as subscribed_accounts,
        sum(case
            when is_subscription_observed and starting_arr is not null and has_running_subscription
                then 1
            else 0
        end) as retained_accounts,
        sum(case
            when is_subscription_observed and starting_arr is not null then starting_arr
            else 0
        end) as starting_arr,
        sum(case
            when is_subscription_observed and starting_arr is not null then period_end_arr
            else 0
        end) as retained_arr,
        sum(case
            when is_subscription_observed and starting_arr is not null
                then least(period_end_arr, starting_arr)
            else 0
        end) as retained_arr_without_expansion

    from account_periods

    group by 1, 2

),

user_stats as (

    select
        cohort_month,
        months_since_signup,

        count(*) as observed_users,
        sum(case when is_active then 1 else 0 end) as active_users

    from user_periods

    group by 1, 2

),

cohort_periods as (

    select
        cohort_month,
        months_since_signup
    from account_stats

    union

    select
        cohort_month,
        months_since_signup
    from user_stats

),

final as (

    select
        -- grain
        cohort_periods.cohort_month,
        cohort_periods.months_since_signup,

        -- accounts active
        coalesce(account_cohort_sizes.cohort_accounts, 0) as cohort_accounts,
        coalesce(account_stats.observed_accounts, 0) as observed_accounts,
        coalesce(account_stats.active_accounts, 0) as active_accounts,
        {{ adoption_safe_divide(
            'account_stats.active_accounts', 'account_stats.observed_accounts'
        ) }} as account_activity_retention,

        -- users active
        coalesce(user_cohort_sizes.cohort_users, 0) as cohort_users,
        coalesce(user_stats.observed_users, 0) as observed_users,
        coalesce(user_stats.active_users, 0) as active_users,
        {{ adoption_safe_divide('user_stats.active_users', 'user_stats.observed_users') }}
            as user_activity_retention,

        -- logos and revenue
        coalesce(account_stats.subscribed_accounts, 0) as subscribed_accounts,
        coalesce(account_stats.retained_accounts, 0) as retained_accounts,
        {{ adoption_safe_divide(
            'account_stats.retained_accounts', 'account_stats.subscribed_accounts'
        ) }} as logo_retention,
        coalesce(account_stats.starting_arr, 0) as starting_arr,
        coalesce(account_stats.retained_arr, 0) as retained_arr,
        {{ adoption_safe_divide('account_stats.retained_arr', 'account_stats.starting_arr') }}
            as net_arr_retention,
        {{ adoption_safe_divide(
            'account_stats.retained_arr_without_expansion', 'account_stats.starting_arr'
        ) }} as gross_arr_retention

    from cohort_periods

    left join account_cohort_sizes
        on cohort_periods.cohort_month = account_cohort_sizes.cohort_month

    left join user_cohort_sizes
        on cohort_periods.cohort_month = user_cohort_sizes.cohort_month

    left join account_stats
        on
            cohort_periods.cohort_month = account_stats.cohort_month
            and cohort_periods.months_since_signup = account_stats.months_since_signup

    left join user_stats
        on
            cohort_periods.cohort_month = user_stats.cohort_month
            and cohort_periods.months_since_signup = user_stats.months_since_signup

)

select * from final
