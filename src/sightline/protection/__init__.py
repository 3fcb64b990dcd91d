"""Strategy discussions, section 47 enquiries, conferences, child protection plans."""
