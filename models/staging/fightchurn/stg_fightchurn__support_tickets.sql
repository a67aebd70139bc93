{# The simulator records no support tickets; the ticket measure of the
    health score therefore counts as missing for this source format. #}

{{ adoption_stage_support_tickets(none) }}
