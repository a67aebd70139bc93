{{ adoption_stage_accounts(source('canonical', 'accounts')) }}
