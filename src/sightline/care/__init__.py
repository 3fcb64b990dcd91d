"""Episodes of care (the SSDA903 chain), reviews, visits, health, missing and adoption."""
