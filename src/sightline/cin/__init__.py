"""Children in need episodes (from referral to closure), CIN plans and visits."""
