"""Care leavers: pathway plans, accommodation, activity and keeping in touch."""
