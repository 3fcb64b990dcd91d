"""Child and family assessments, the factors identified and their authorisation."""
