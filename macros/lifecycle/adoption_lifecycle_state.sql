{#- The lifecycle state of an actor (user or account) in a week, from its
    activity that week and the week before. The first matching rule wins:
    new (active in the week it was created), returning_growing (active both
    weeks with at least as many active days as the week before),
    returning_declining (active both weeks with fewer active days),
    resurrecting (active, not the week before, and not new), dormant
    (active the week before but not this week) and inactive (neither).
    A null previous_active_days means the actor did not exist the week
    before. -#}
{% macro adoption_lifecycle_state(active_days, previous_active_days, is_created_week) %}
    case
        when {{ active_days }} > 0 and {{ is_created_week }} then 'new'
        when {{ active_days }} > 0 and {{ previous_active_days }} > 0
            and {{ active_days }} >= {{ previous_active_days }}
            then 'returning_growing'
        when {{ active_days }} > 0 and {{ previous_active_days }} > 0
            then 'returning_declining'
        when {{ active_days }} > 0 then 'resurrecting'
        when {{ previous_active_days }} > 0 then 'dormant'
        else 'inactive'
    end
{%- endmacro %}
